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
package dev.threegate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestCorpusTest {
  private static final ToolRequestParser PARSER = ToolRequestParser.standard();
  private static final PolicyValidator VALIDATOR = PolicyValidator.of(Policy.defaults());

  static List<CorpusCase> cases() {
    return RequestCorpus.cases();
  }

  @BeforeAll
  static void warmUp() {
    for (int i = 0; i < 20; i++) {
      cases().forEach(RequestCorpusTest::judge);
    }
  }

  /**
   * Parses then validates; a format error is a rejection with the parser's problems and the
   * validator's violations on what could be read, all at once.
   */
  private static List<Violation> judge(CorpusCase c) {
    try {
      ToolRequest request = PARSER.parse(c.name(), c.bytes());
      return VALIDATOR.validate(request).violations();
    } catch (RequestFormatException e) {
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.where()).startsWith("line "));
      return VALIDATOR.validateMalformed(e).violations();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void givesTheExpectedVerdict(CorpusCase c) {
    List<Violation> violations = judge(c);
    assertThat(violations.stream().map(Violation::code).distinct())
        .as("%s (%s); violations were %s", c.name(), c.description(), violations)
        .containsExactlyInAnyOrderElementsOf(c.expectedCodes());
  }

  @Test
  void coversEnoughCasesOfBothKinds() {
    assertThat(RequestCorpus.cases()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(RequestCorpus.accepted()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(RequestCorpus.cases()).extracting(CorpusCase::name).doesNotHaveDuplicates();
  }
}
