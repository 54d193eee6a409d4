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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Java source of every module opens with the Apache-2.0 header the LICENSE file asks for. */
class SourceHeadersTest {
  private static final String HEADER = """
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
      """;

  @Test
  void everySourceFileCarriesTheLicenseHeader() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("LICENSE")).exists();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !root.relativize(p).toString().contains("target/"))
          .filter(p -> root.relativize(p).getNameCount() > 1 && root.relativize(p).getName(1).toString().equals("src"))
          .toList();
    }
    assertThat(sources).hasSizeGreaterThan(100);
    List<Path> missing = sources.stream().filter(p -> !startsWithHeader(p)).map(root::relativize).toList();
    assertThat(missing).as("sources without the Apache-2.0 header").isEmpty();
  }

  private static boolean startsWithHeader(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).startsWith(HEADER);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
