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

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.time.Duration;

/**
 * Fuzzes the request parser and the default policy with raw bytes: nothing may escape but {@link
 * RequestFormatException}, a problem always names its line, and no input may take ten seconds (a hang, not a slow machine).
 */
class RequestParserFuzzTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  @FuzzTest(maxDuration = "30s")
  void parsesOrRefusesEveryInput(byte[] input) {
    long start = System.nanoTime();
    try {
      ToolRequest request = ToolRequestParser.standard().parse("TR-fuzz.md", input);
      assertThat(request.command()).doesNotContain("\n");
      Verdict verdict = DEFAULTS.validate(request);
      assertThat(verdict.passed()).isEqualTo(verdict.violations().isEmpty());
    } catch (RequestFormatException expected) {
      assertThat(expected.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.where()).startsWith("line "));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time for one input").isLessThan(Duration.ofSeconds(10));
  }
}
