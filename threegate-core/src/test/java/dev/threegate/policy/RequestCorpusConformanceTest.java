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
package dev.threegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's request conformance corpus, run by core's own build: the files are the testkit's
 * ({@code threegate-testkit/src/main/resources/dev/threegate/testkit/corpus}, added as a test
 * resource directory in core's POM), so a change to the parser or the validator that changes a
 * verdict fails here, in the module that made it. The index format is the one
 * {@code RequestCorpus} documents (docs/requests.md): the file name, {@code accept} or the expected
 * codes, {@code #} and a description.
 */
class RequestCorpusConformanceTest {
  private static final String ROOT = "/dev/threegate/testkit/corpus/";
  private static final ToolRequestParser PARSER = ToolRequestParser.standard();
  private static final PolicyValidator VALIDATOR = PolicyValidator.of(Policy.defaults());

  /** One line of the index. */
  record Case(String file, Set<String> expectedCodes, String description) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String line : new String(resource(ROOT + "verdicts.txt"), StandardCharsets.UTF_8).split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int hash = entry.indexOf('#');
      String[] parts = (hash < 0 ? entry : entry.substring(0, hash)).strip().split("\\s+");
      assertThat(parts).as("index line %s", line).hasSize(2);
      Set<String> codes = new LinkedHashSet<>();
      if (!parts[1].equals("accept")) {
        codes.addAll(List.of(parts[1].split(",")));
        codes.remove("");
      }
      cases.add(new Case(parts[0], codes, hash < 0 ? "" : entry.substring(hash + 1).strip()));
    }
    return cases;
  }

  private static byte[] resource(String path) {
    try (InputStream in = RequestCorpusConformanceTest.class.getResourceAsStream(path)) {
      assertThat(in).as("corpus resource %s", path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesTheExpectedVerdict(Case c) {
    byte[] bytes = resource(ROOT + "requests/" + c.file());
    List<Violation> violations;
    try {
      violations = VALIDATOR.validate(PARSER.parse(c.file(), bytes)).violations();
    } catch (RequestFormatException e) {
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.where()).startsWith("line "));
      violations = VALIDATOR.validateMalformed(e).violations();
    }
    assertThat(violations.stream().map(Violation::code).distinct())
        .as("%s (%s); violations were %s", c.file(), c.description(), violations)
        .containsExactlyInAnyOrderElementsOf(c.expectedCodes());
  }

  @Test
  void readsTheWholeCorpus() {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    assertThat(cases).filteredOn(c -> c.expectedCodes().isEmpty()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(cases).extracting(Case::file).doesNotHaveDuplicates();
  }
}
