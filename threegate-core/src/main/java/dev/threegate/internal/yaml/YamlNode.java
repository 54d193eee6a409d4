/*
 * Copyright 2026 The ThreeGate authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.threegate.internal.yaml;

import java.util.List;
import java.util.Optional;

/** A node of a safely loaded YAML document: scalars stay text, each node knows its source line. */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

  /** The 1-based line where the node starts in the enclosing file. */
  int line();

  /** What kind of node this is, for messages. */
  String kind();

  /**
   * A scalar, unresolved.
   *
   * @param value the scalar's text
   * @param plain whether it was written without quotes or block style (only plain scalars resolve
   *     to null, numbers or booleans)
   * @param line the 1-based line
   */
  record Scalar(String value, boolean plain, int line) implements YamlNode {
    /** Whether this is YAML's null: a plain {@code ~}, {@code null} or empty scalar. */
    public boolean isNull() {
      return plain
          && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
              || value.equals("NULL"));
    }

    @Override
    public String kind() {
      return "a scalar";
    }
  }

  /**
   * A sequence.
   *
   * @param items the items in order
   * @param line the 1-based line
   */
  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    /**
     * Checks and copies the components.
     *
     * @param items the items in order 
     * @param line the 1-based line
     */
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A mapping with scalar keys, in document order, without duplicate keys.
   *
   * @param entries the entries in order
   * @param line the 1-based line
   */
  record Mapping(List<Entry> entries, int line) implements YamlNode {
    /**
     * Checks and copies the components.
     *
     * @param entries the entries in order 
     * @param line the 1-based line
     */
    public Mapping {
      entries = List.copyOf(entries);
    }

    /** The value of a key, if present. */
    public Optional<YamlNode> get(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /**
   * One key and its value.
   *
   * @param key the key's text
   * @param keyLine the 1-based line of the key
   * @param value the value
   */
  record Entry(String key, int keyLine, YamlNode value) {}
}
