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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference runner's checks of a Tool Result as line-based code does them: front matter
 * between the first two {@code ---} lines, keys at column 0, the six section headings found as
 * exact lines anywhere in the body, and the two safety phrases.
 */
final class UpstreamRules {
  static final List<String> KEYS =
      List.of("result_type", "schema_version", "result_id", "created_utc", "request_id", "executor", "backend",
          "exit_code", "runtime_sec", "network_used");
  static final List<String> SECTIONS =
      List.of("## Summary", "## Provenance", "## Outputs", "## Stdout", "## Stderr", "## Safety Notes");
  private static final Pattern KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*):(.*)$");

  private UpstreamRules() {}

  /** Every upstream complaint; empty when the result passes. */
  static List<String> check(String document) {
    List<String> errors = new ArrayList<>();
    String[] lines = document.split("\n", -1);
    if (!lines[0].equals("---")) {
      return List.of("no front matter");
    }
    int close = 1;
    while (close < lines.length && !lines[close].equals("---")) {
      close++;
    }
    if (close == lines.length) {
      return List.of("front matter not closed");
    }
    List<String> keys = new ArrayList<>();
    String resultType = null;
    String schema = null;
    for (int i = 1; i < close; i++) {
      Matcher m = KEY.matcher(lines[i]);
      if (m.matches()) {
        keys.add(m.group(1));
        String value = m.group(2).strip().replace("\"", "");
        if (m.group(1).equals("result_type")) {
          resultType = value;
        } else if (m.group(1).equals("schema_version")) {
          schema = value;
        }
      }
    }
    for (String key : KEYS) {
      if (!keys.contains(key)) {
        errors.add("missing key " + key);
      }
    }
    if (!"tool_result".equals(resultType)) {
      errors.add("result_type " + resultType);
    }
    if (!"1".equals(schema)) {
      errors.add("schema_version " + schema);
    }
    List<String> body = List.of(lines).subList(close + 1, lines.length);
    int last = -1;
    for (String section : SECTIONS) {
      int at = body.indexOf(section);
      if (at < 0) {
        errors.add("missing " + section);
      } else if (at < last) {
        errors.add("out of order " + section);
      } else if (body.lastIndexOf(section) != at) {
        errors.add("repeated " + section);
      }
      last = Math.max(last, at);
    }
    String text = String.join("\n", body);
    if (!text.contains("Untrusted Output Statement")) {
      errors.add("no Untrusted Output Statement");
    }
    if (!text.contains("Network confirmation")) {
      errors.add("no Network confirmation");
    }
    return errors;
  }
}
