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
package dev.threegate.result;

import dev.threegate.internal.result.ResultReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a Tool Result back into a {@link ToolResult}. Reading checks form only; {@link
 * ToolResultValidator} decides whether a result may be trusted. Thread-safe.
 */
@FunctionalInterface
public interface ToolResultParser {

  /**
   * Parses a result from its bytes.
   *
   * @param sourceName where the bytes came from, for messages
   * @param markdown the result file's bytes
   * @return the result
   * @throws ResultFormatException listing every problem when the bytes are not a well-formed result
   */
  ToolResult parse(String sourceName, byte[] markdown);

  /**
   * Reads and parses a result file (at most 8 MiB; a link is not followed).
   *
   * @param file the result file
   * @return the result
   * @throws IOException if it cannot be read
   * @throws ResultFormatException listing every problem when it is not a well-formed result
   */
  default ToolResult parse(Path file) throws IOException {
    return parse(String.valueOf(file.getFileName()), ResultReader.readBounded(file));
  }

  /**
   * The standard parser for the Tool Result format, schema version 1.
   *
   * @return the parser
   */
  static ToolResultParser standard() {
    return (sourceName, markdown) -> {
      Objects.requireNonNull(sourceName, "sourceName");
      ResultReader.Read read = ResultReader.read(sourceName, Objects.requireNonNull(markdown, "markdown"));
      return read.result().orElseThrow(() -> new ResultFormatException(sourceName, read.problems()));
    };
  }
}
