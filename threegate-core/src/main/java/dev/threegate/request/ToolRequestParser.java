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
package dev.threegate.request;

import dev.threegate.internal.request.StandardToolRequestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Tool Request (Markdown with YAML front matter) into a {@link ToolRequest}.
 *
 * <p>A parser checks form, not policy: it refuses what cannot be read unambiguously and leaves
 * the judgement to a {@code PolicyValidator}. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ToolRequestParser {

  /**
   * Parses a request from its exact bytes.
   *
   * @param sourceName where the bytes came from, for messages (usually the file name)
   * @param markdown the request file's bytes
   * @return the request
   * @throws RequestFormatException listing every problem when the bytes are not a well-formed
   *     request
   */
  ToolRequest parse(String sourceName, byte[] markdown);

  /**
   * Reads and parses a request file. The file is read once; the request is bound to the bytes
   * read.
   *
   * @param file the request file
   * @return the request
   * @throws IOException if the file cannot be read
   * @throws RequestFormatException listing every problem when the file is not a well-formed request
   */
  default ToolRequest parse(Path file) throws IOException {
    return parse(String.valueOf(file.getFileName()), Files.readAllBytes(file));
  }

  /**
   * The standard parser, with every safety limit on: the rules of the Tool Request format,
   * a 256 KiB size limit, strict UTF-8, no control characters, YAML without duplicate keys,
   * anchors, aliases or tags, nested at most 8 levels.
   *
   * @return the shared standard parser
   */
  static ToolRequestParser standard() {
    return StandardToolRequestParser.INSTANCE;
  }
}
