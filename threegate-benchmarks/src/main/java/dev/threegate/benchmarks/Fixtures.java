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
package dev.threegate.benchmarks;

import dev.threegate.testkit.ToolRequests;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The requests the benchmarks use: a typical one, a large one of about 200 KiB and hostile ones at
 * the size limit.
 */
final class Fixtures {
  private Fixtures() {}

  /** A typical request: one input, one expected output, a short risk assessment. */
  static byte[] typical() {
    return ToolRequests.valid()
        .requestId("TR-20261126-120000Z-csv-stats")
        .command("python3 /in/stats.py --in /in/data.csv --out /out/stats.json")
        .input("data.csv", "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7")
        .input("stats.py", "9f86d081884c7d659a2feb0e1c7ac5c9f0f2e1d6b9a0a0f3ee9b0d3c8a1e2f4b")
        .output("/out/stats.json", "mean, median, stdev per column")
        .toBytes();
  }

  /** A request of about 200 KiB: the typical one with a long risk assessment. */
  static byte[] large() {
    StringBuilder risk = new StringBuilder("Risk level: medium\n");
    while (risk.length() < 200 * 1024) {
      risk.append("Justification: every column is summarised; no row leaves the sandbox; the output is a small JSON file.\n");
    }
    byte[] bytes = ToolRequests.valid()
        .requestId("TR-20261126-120000Z-large")
        .command("python3 /in/stats.py --in /in/data.csv --out /out/stats.json")
        .input("data.csv", "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7")
        .output("/out/stats.json", "mean, median, stdev per column")
        .riskAssessment(risk.toString())
        .toBytes();
    if (bytes.length < 190 * 1024) {
      throw new IllegalStateException("the large request has only " + bytes.length + " bytes");
    }
    return bytes;
  }

  /** The size limit of a request (StandardToolRequestParser.MAX_BYTES). */
  private static final int MAX_BYTES = 256 * 1024;

  /** Pieces that make a backtracking regular expression start again at every repetition. */
  private static final Map<String, String> PIECES =
      Map.of(
          "dots", "a.", // a URL's scheme: "credentials in a URL" once tried at every letter
          "jwt", "eyJ-", // a JSON Web Token's start at every repetition
          "pip", "pip ", // an installer, then ".*" to the end of the line for "install"
          "options", "npm -x ", // an installer with ever more options
          "headings", "# **a**\n", // a heading a line, each read as a viewer sees it
          "emphasis", "**a", // emphasis that CommonMark's inline parser never closes
          "links", "[a](b) "); // a link at every repetition

  /**
   * A request at the size limit whose purpose, risk assessment or command is one line of a hostile
   * piece repeated, ending in {@code ://} (so that a URL's start is tried); the request parses.
   *
   * @param hostileCase where and what, such as {@code purpose/dots}: {@code purpose}, {@code risk}
   *     or {@code command}, then {@code dots}, {@code jwt}, {@code pip}, {@code options}, {@code
   *     headings}, {@code emphasis} or {@code links}
   */
  static byte[] hostile(String hostileCase) {
    String[] parts = hostileCase.split("/", 2);
    String piece = PIECES.get(parts[1]);
    if (piece == null) {
      throw new IllegalArgumentException("no such piece: " + hostileCase);
    }
    ToolRequests request = ToolRequests.valid().requestId("TR-20261126-120000Z-hostile");
    int room = MAX_BYTES - request.toBytes().length - 64;
    String line = piece.repeat(room / piece.length()) + "://";
    switch (parts[0]) {
      case "purpose" -> request.field("purpose", line);
      case "risk" -> request.riskAssessment("Risk level: low\n" + line);
      case "command" -> request.command(line);
      default -> throw new IllegalArgumentException("no such place: " + hostileCase);
    }
    byte[] bytes = request.toBytes();
    if (bytes.length > MAX_BYTES || bytes.length < MAX_BYTES - 1024) {
      throw new IllegalStateException("the hostile request has " + bytes.length + " bytes");
    }
    return bytes;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
