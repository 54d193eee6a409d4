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
package dev.threegate.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.era.internal.VmIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VmIdsTest {
  @Test
  void findsOnlyTheVmsOfTheLanguageCreatedInTheWindow() {
    Instant from = Instant.ofEpochSecond(1_764_678_044L);
    Instant to = from.plusSeconds(2);
    String list = """
        python-1764678043999999999
        python-1764678044018167000
        node-1764678044500000000
        2026-01-01T00:00:00Z INFO vm id=python-1764678045000000000 status=stopped
        python-1764678044018167000x
        python-1764678047000000000
        """;
    assertThat(VmIds.createdBetween(list, "python", from, to))
        .containsExactly("python-1764678044018167000", "python-1764678045000000000");
  }

  @Test
  void acceptsOnlyIdsThatAreSafeAsNamesAndArguments() {
    assertThat(VmIds.isSafe("python-1764678044018167000")).isTrue();
    assertThat(VmIds.isSafe("..")).isFalse();
    assertThat(VmIds.isSafe("-rf")).isFalse();
    assertThat(VmIds.isSafe("a/b")).isFalse();
    assertThat(VmIds.isSafe("")).isFalse();
  }
}
