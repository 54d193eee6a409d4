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

import dev.threegate.internal.text.Text;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed access to the keys of a YAML mapping. Every problem (a missing key, a wrong type, an
 * unknown key) is added to the shared {@link Problems} with its line and the field's path; the
 * accessors then return a placeholder so that reading can go on and report everything at once.
 */
public final class FieldReader {
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,15}(\\.[0-9]{1,9})?");
  private static final Pattern INSTANT =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z");

  private final YamlNode.Mapping mapping;
  private final String prefix;
  private final Problems problems;
  private final Set<String> read = new LinkedHashSet<>();

  public FieldReader(YamlNode.Mapping mapping, String prefix, Problems problems) {
    this.mapping = mapping;
    this.prefix = prefix;
    this.problems = problems;
  }

  public String path(String key) {
    return prefix + key;
  }

  /** A scalar's text; {@code field.missing} when absent or null and required. */
  public Optional<String> string(String key, boolean required) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      if (required) {
        problems.add("field.missing", mapping.line(), path(key), "required key '" + key + "' is missing");
      }
      return Optional.empty();
    }
    return scalarText(key, node.get(), required);
  }

  /** A required scalar that is neither null nor blank. */
  public String nonBlank(String key) {
    Optional<String> value = string(key, true);
    if (value.isPresent() && value.get().isBlank()) {
      problems.add("field.empty", lineOf(key), path(key), "'" + key + "' must not be empty");
    }
    return value.orElse("");
  }

  /** A whole number written plain or quoted. */
  public OptionalLong integer(String key) {
    Optional<String> text = string(key, true);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    String value = text.get().strip();
    if (!INTEGER.matcher(value).matches()) {
      problems.add(
          "field.integer",
          lineOf(key),
          path(key),
          "'" + key + "' must be a whole number, not '" + Text.printable(value) + "'");
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
  }

  /** A decimal number written plain or quoted. */
  public OptionalDouble decimal(String key) {
    Optional<String> text = string(key, true);
    if (text.isEmpty()) {
      return OptionalDouble.empty();
    }
    String value = text.get().strip();
    if (!DECIMAL.matcher(value).matches()) {
      problems.add("field.number", lineOf(key), path(key), "'" + key + "' must be a number, not '" + Text.printable(value) + "'");
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Double.parseDouble(value));
  }

  /** An ISO-8601 UTC instant such as {@code 2026-11-26T12:00:00Z}. */
  public Optional<Instant> instant(String key, boolean required) {
    Optional<String> text = string(key, required);
    if (text.isEmpty() || (!required && text.get().isBlank())) {
      return Optional.empty();
    }
    String value = text.get().strip();
    if (INSTANT.matcher(value).matches()) {
      try {
        return Optional.of(Instant.parse(value));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problems.add(
        "field.timestamp",
        lineOf(key),
        path(key),
        "'" + key + "' must be a UTC instant like 2026-11-26T12:00:00Z, not '" + Text.printable(value) + "'");
    return Optional.empty();
  }

  /** An optional list of scalars; a single scalar counts as a list of one. */
  public List<String> stringList(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty() || (node.get() instanceof YamlNode.Scalar s && s.isNull())) {
      return List.of();
    }
    if (node.get() instanceof YamlNode.Scalar) {
      return scalarText(key, node.get(), false).map(List::of).orElse(List.of());
    }
    List<String> values = new ArrayList<>();
    for (YamlNode item : items(key, node.get())) {
      scalarText(key, item, false).ifPresent(values::add);
    }
    return values;
  }

  /** An optional list of mappings, each read by {@code reader}. */
  public <T> List<T> mappings(String key, Function<FieldReader, T> reader) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty() || (node.get() instanceof YamlNode.Scalar s && s.isNull())) {
      return List.of();
    }
    List<T> values = new ArrayList<>();
    int index = 0;
    for (YamlNode item : items(key, node.get())) {
      String itemPath = path(key) + "[" + index++ + "]";
      if (item instanceof YamlNode.Mapping itemMapping) {
        FieldReader itemReader = new FieldReader(itemMapping, itemPath + ".", problems);
        values.add(reader.apply(itemReader));
        itemReader.rejectUnread();
      } else {
        problems.add("field.type", item.line(), itemPath, "each item of '" + key + "' must be a mapping, not " + item.kind());
      }
    }
    return values;
  }

  /** A boolean written plain: {@code true} or {@code false}. */
  public Optional<Boolean> bool(String key) {
    Optional<String> text = string(key, false);
    if (text.isEmpty() || text.get().isEmpty()) {
      return Optional.empty();
    }
    if (text.get().equals("true") || text.get().equals("false")) {
      return Optional.of(Boolean.valueOf(text.get()));
    }
    problems.add(
        "field.boolean",
        lineOf(key),
        path(key),
        "'" + key + "' must be true or false, not '" + Text.printable(text.get()) + "'");
    return Optional.empty();
  }

  /** Reports every key that no accessor asked for. */
  public void rejectUnread() {
    for (YamlNode.Entry entry : mapping.entries()) {
      if (!read.contains(entry.key())) {
        problems.add(
            "field.unknown",
            entry.keyLine(),
            prefix + Text.printable(entry.key()),
            "unknown key '" + Text.printable(entry.key()) + "'");
      }
    }
  }

  /** Whether the mapping holds a key (does not count as reading it). */
  public boolean has(String key) {
    return mapping.get(key).isPresent();
  }

  public int lineOf(String key) {
    return mapping.get(key).map(YamlNode::line).orElse(mapping.line());
  }

  private Optional<YamlNode> node(String key) {
    read.add(key);
    return mapping.get(key);
  }

  private List<YamlNode> items(String key, YamlNode node) {
    if (node instanceof YamlNode.Sequence sequence) {
      return sequence.items();
    }
    problems.add("field.type", node.line(), path(key), "'" + key + "' must be a list, not " + node.kind());
    return List.of();
  }

  private Optional<String> scalarText(String key, YamlNode node, boolean required) {
    if (!(node instanceof YamlNode.Scalar scalar)) {
      problems.add("field.type", node.line(), path(key), "'" + key + "' must be a single value, not " + node.kind());
      return Optional.empty();
    }
    if (scalar.isNull()) {
      if (required) {
        problems.add("field.missing", scalar.line(), path(key), "required key '" + key + "' has no value");
      }
      return required ? Optional.empty() : Optional.of("");
    }
    return Optional.of(scalar.value());
  }
}
