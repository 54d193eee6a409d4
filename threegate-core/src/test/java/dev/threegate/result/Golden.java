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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Golden files: exact bytes checked in under {@code src/test/resources/golden/}, compared byte for
 * byte, with a readable report of the first line that differs.
 *
 * <p>To regenerate after an intended change of the format, run the golden tests with {@code
 * -Dgolden.update=true}, for example {@code mvn -B -o -q test -pl threegate-core
 * -Dtest=ToolResultGoldenTest -Dgolden.update=true}, then review the change with {@code git diff}
 * before committing it. The property is off by default, and refused when the environment variable
 * {@code CI} is set, so that a build server never rewrites what it is meant to check.
 */
final class Golden {
  /** The directory of the golden files, relative to the module (Surefire's working directory). */
  static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  /**
   * Fails unless {@code actual} equals the golden file's bytes; with {@code -Dgolden.update=true},
   * rewrites the file instead.
   */
  static void assertMatches(String name, byte[] actual) throws IOException {
    Path file = DIRECTORY.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("golden.update is not allowed on CI");
      }
      Files.createDirectories(DIRECTORY);
      Files.write(file, actual);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionFailedError("no golden file " + file.toAbsolutePath()
          + "; create it with -Dgolden.update=true and review it");
    }
    byte[] expected = Files.readAllBytes(file);
    Optional<String> difference = difference(expected, actual);
    if (difference.isPresent()) {
      throw new AssertionFailedError("the output differs from the golden file " + file + " (regenerate with"
          + " -Dgolden.update=true only if the change is intended): " + difference.get(),
          new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
    }
  }

  /**
   * Where two outputs first differ, for people: the line number and both versions of that line with
   * every invisible character escaped; empty when they are equal byte for byte.
   */
  static Optional<String> difference(byte[] expected, byte[] actual) {
    if (Arrays.equals(expected, actual)) {
      return Optional.empty();
    }
    List<String> want = new String(expected, StandardCharsets.UTF_8).lines().toList();
    List<String> got = new String(actual, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      String w = i < want.size() ? want.get(i) : null;
      String g = i < got.size() ? got.get(i) : null;
      if (w == null || !w.equals(g)) {
        return Optional.of("line " + (i + 1) + "\n  expected: " + shown(w) + "\n  actual:   " + shown(g));
      }
    }
    int at = Arrays.mismatch(expected, actual);
    return Optional.of("the lines are equal but the bytes differ at offset " + at + " (line endings or the last newline):"
        + " expected " + expected.length + " bytes, actual " + actual.length);
  }

  private static String shown(String line) {
    if (line == null) {
      return "(no such line)";
    }
    StringBuilder out = new StringBuilder("\"");
    line.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.getType(c) == Character.FORMAT
          || c == 0x2028 || c == 0x2029 || c == '"' || c == '\\') {
        out.append(c == '"' || c == '\\' ? "\\" + (char) c : String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }
}
