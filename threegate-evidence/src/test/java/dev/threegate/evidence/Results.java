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

import dev.threegate.result.ToolResultValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Checks that a results directory holds only complete results: nothing half-written, nothing stray. */
final class Results {
  private Results() {}

  /** The Tool Result files of a directory. */
  static List<Path> resultFiles(Path resultsDir) throws IOException {
    if (!Files.isDirectory(resultsDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(resultsDir)) {
      return files.filter(p -> p.getFileName().toString().matches("TS-.*\\.md")).sorted().toList();
    }
  }

  /**
   * Every visible file belongs to a complete, valid result; the staging area is empty.
   *
   * @return the result files
   */
  static List<Path> assertOnlyCompleteResults(Path resultsDir) throws IOException {
    if (!Files.isDirectory(resultsDir)) {
      return List.of();
    }
    List<Path> results = resultFiles(resultsDir);
    for (Path result : results) {
      assertThat(ToolResultValidator.verifyingArtifacts().validate(result).violations())
          .as("violations of %s", result.getFileName())
          .noneMatch(v -> v.code().startsWith("artifact.") || v.code().startsWith("format.") || v.code().startsWith("field."));
    }
    try (Stream<Path> files = Files.list(resultsDir)) {
      List<String> stray = files.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(".threegate"))
          .filter(n -> results.stream().noneMatch(r -> n.startsWith(r.getFileName().toString().replaceAll("\\.md$", ""))))
          .toList();
      assertThat(stray).as("files that belong to no complete result").isEmpty();
    }
    Path staging = resultsDir.resolve(".threegate/staging");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> left = Files.list(staging)) {
        assertThat(left).as("staging left behind").isEmpty();
      }
    }
    return results;
  }
}
