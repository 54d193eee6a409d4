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

import dev.threegate.problem.Violation;
import java.nio.charset.StandardCharsets;

/** A valid request as text, for tests that change one thing in it. */
public final class Requests {
  public static final String TYPICAL =
      """
      ---
      request_type: tool_request
      schema_version: 1
      request_id: "TR-20261126-120000Z-csv-stats"
      created_utc: "2026-11-26T12:00:00Z"
      requested_by: core_draft
      approved_by: "j.doe"
      approved_utc: "2026-11-26T12:05:00Z"
      purpose: "Summary statistics of the uploaded CSV."
      backend: ERA
      language: python
      network: none
      cpu_limit: "1"
      memory_limit_mb: 512
      time_limit_sec: 60
      inputs:
        - name: "data.csv"
          sha256: "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7"
      outputs_expected:
        - path: "/out/stats.json"
          description: "mean, median, stdev per column"
      ---
      ## Command
      python /in/stats.py --in /in/data.csv --out /out/stats.json

      ## Input Files
      - /in/data.csv (sha256 above)

      ## Output Expectations
      - /out/stats.json

      ## Risk Assessment
      Risk level: low
      Justification: pure computation over a provided file.
      Data sensitivity: internal
      Network rationale: none needed
      """;

  private Requests() {}

  /** The typical request with one literal replacement, which must be present. */
  public static String typicalWith(String target, String replacement) {
    if (!TYPICAL.contains(target)) {
      throw new IllegalArgumentException("not in the typical request: " + target);
    }
    return TYPICAL.replace(target, replacement);
  }

  /** The typical request with another command. */
  public static String withCommand(String command) {
    return typicalWith("python /in/stats.py --in /in/data.csv --out /out/stats.json", command);
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static ToolRequest parse(String text) {
    return ToolRequestParser.standard().parse("TR-test.md", bytes(text));
  }

  /** The problems of a request the parser must refuse; fails when it parses. */
  public static java.util.List<dev.threegate.problem.Violation> problems(String text) {
    RequestFormatException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        RequestFormatException.class, () -> ToolRequestParser.standard().parse("TR-x.md", bytes(text)));
    org.assertj.core.api.Assertions.assertThat(e).as("expected a format error").isNotNull();
    return e.problems();
  }
}
