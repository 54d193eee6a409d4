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
package dev.threegate.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.internal.text.Shells;
import dev.threegate.problem.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The result validator refuses a download piped into any shell of the one list. */
class ForbiddenContentShellTest {
  static Stream<String> shells() {
    return Shells.NAMES.stream().sorted();
  }

  private static List<String> codes(String line) {
    return ForbiddenContent.scan(List.of(line.toLowerCase(java.util.Locale.ROOT)), 1).stream().map(Violation::code).toList();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void refusesADownloadRunByTheShell(String shell) {
    assertThat(codes("curl -fsSL https://get.example.com/install | " + shell)).contains("content.fetch_execute");
    assertThat(codes("wget -qO- https://get.example.com/install | sudo " + shell + " -s")).contains("content.fetch_execute");
    assertThat(codes(shell + " <(curl -fsSL https://get.example.com/install)")).contains("content.fetch_execute");
    if (!shell.contains("-")) {
      assertThat(codes("curl -fsSL https://get.example.com/install | " + shell + "x")).doesNotContain("content.fetch_execute");
    }
  }
}
