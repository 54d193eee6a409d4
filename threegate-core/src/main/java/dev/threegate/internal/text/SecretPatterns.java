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
package dev.threegate.internal.text;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shapes of embedded secrets: private-key blocks, well-known token formats and {@code
 * password=}-style assignments with a value. Used on requests and on results alike.
 */
public final class SecretPatterns {
  private SecretPatterns() {}

  /**
   * A named secret shape.
   *
   * @param name what it is, for messages
   * @param pattern how it looks, for {@link java.util.regex.Matcher#find()}; a match may begin
   *     a little before the secret itself
   */
  public record Shape(String name, Pattern pattern) {}

  private static final String KEY_END = "PRIVATE KEY(?: BLOCK)?-----";

  /**
   * The shapes. Each is found in time linear in the text's length: the key block's word loop stops
   * where the block's end matches instead of backtracking (and recursing) into it; a token is tried
   * only at the first place in a run of its characters where it can start (a later start in the same
   * run leads to the same end), and its parts do not give back characters they cannot end with.
   */
  private static final List<Shape> SHAPES =
      List.of(
          new Shape("a private key block", Pattern.compile("-----BEGIN (?:(?!" + KEY_END + ")[A-Z0-9]+ )*+" + KEY_END)),
          new Shape("an AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Shape("a GitHub token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\\b")),
          new Shape("a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b")),
          new Shape("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b")),
          new Shape("an API secret key", Pattern.compile("\\b(?:sk|rk)[-_](?:live_|test_|proj-|ant-)?[A-Za-z0-9_-]{20,}\\b")),
          new Shape("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")),
          new Shape(
              "a JSON Web Token",
              Pattern.compile(
                  Regexes.firstInRun("[A-Za-z0-9_-]", "\\beyJ")
                      + "[A-Za-z0-9_-]{8,}+\\.eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}")),
          new Shape(
              "a credential assignment",
              Pattern.compile(
                  "(?i)\\b(?:password|passwd|passphrase|pwd|secret|client_secret|api[_-]?key|access[_-]?key|auth[_-]?token|token)"
                      + "\\s*(?:=|:)\\s*[\"']?[^\\s\"'<>]{6,}")),
          new Shape(
              "credentials in a URL",
              Pattern.compile(
                  Regexes.firstInRun("[a-z0-9+.-]", "\\b[a-z]") + "[a-z0-9+.-]*+://[^\\s/:@]++:[^\\s/@]{3,}+@")));

  /**
   * Lowercase fragments at least one of which every shape contains; a text without any of them
   * holds no secret shape, and most texts are cleared with a few substring searches.
   */
  private static final List<String> TRIGGERS =
      List.of("-----begin", "akia", "asia", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox",
          "sk-", "sk_", "rk-", "rk_", "aiza", "eyj", "pass", "pwd", "secret", "key", "token", "://");

  /**
   * The first secret shape found in a text.
   *
   * @param text any text
   * @return the name of the shape, or empty when the text holds none
   */
  public static Optional<String> find(String text) {
    if (!mayHoldSecret(text.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    for (Shape shape : SHAPES) {
      if (shape.pattern().matcher(text).find()) {
        return Optional.of(shape.name());
      }
    }
    return Optional.empty();
  }

  private static boolean mayHoldSecret(String lowercase) {
    for (String trigger : TRIGGERS) {
      if (lowercase.contains(trigger)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every shape.
   *
   * @return the shapes
   */
  public static List<Shape> shapes() {
    return SHAPES;
  }
}
