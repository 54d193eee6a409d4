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

import dev.threegate.internal.text.Regexes;
import dev.threegate.internal.text.SecretPatterns;
import dev.threegate.internal.text.Shells;
import dev.threegate.problem.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The forbidden-content scan over a whole Tool Result, excerpts included (trusted computing base).
 * Each category has a stable code; every hit is reported with its line, at most five per category.
 */
final class ForbiddenContent {
  private static final int MAX_PER_CATEGORY = 5;

  private record Category(String code, String what, List<Pattern> patterns) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "content.instruction_override",
              "an instruction to ignore instructions or change the policy",
              List.of(
                  Pattern.compile("\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+)*+(?:previous|prior|above|earlier|preceding|original|system)\\s+(?:instructions?|prompts?|rules|messages|directions|guidelines)"),
                  Pattern.compile("\\b(?:change|modify|update|relax|disable|bypass|override|turn\\s+off)\\s+(?:the\\s+|your\\s+)?(?:security\\s+|safety\\s+)?(?:policy|policies|sandbox|validator|guardrails?|safety\\s+checks?)\\b"),
                  Pattern.compile("\\bnew\\s+(?:system\\s+)?(?:instructions|system\\s+prompt)\\s*:"),
                  Pattern.compile("\\byou\\s+are\\s+now\\s+(?:a|an|in|the|no\\s+longer)\\b"),
                  Pattern.compile("\\b(?:approve|auto-?approve)\\s+(?:this|the\\s+next|all)\\s+(?:request|tool\\s+request|command)s?\\b"))),
          new Category(
              "content.fetch_execute",
              "an instruction to fetch or execute something",
              List.of(
                  Pattern.compile(
                      Regexes.laterOnLine("\\b(?:curl|wget|fetch)\\b", "\\|\\s*(?:sudo\\s+)?" + Shells.ALTERNATIVES + "\\b"),
                      Pattern.UNIX_LINES),
                  Pattern.compile(
                      Regexes.laterOnLine("\\b(?:curl|wget)\\b", "\\|\\s*(?:sudo\\s+)?(?:python[0-9.]*|node|ruby|perl)\\b"),
                      Pattern.UNIX_LINES),
                  Pattern.compile("\\b" + Shells.ALTERNATIVES + "\\s+<\\(\\s*(?:curl|wget)\\b"),
                  Pattern.compile("\\b(?:run|execute)\\s+the\\s+following\\s+(?:command|commands|code|script)\\b"),
                  Pattern.compile("\\bdownload\\s+and\\s+(?:run|execute|install)\\b"),
                  Pattern.compile(
                      Regexes.afterOptions(
                          "pip[0-9.]*|pipx|conda|gem|apt-get|apt|yum|dnf|apk|brew|npm|pnpm|yarn|cargo",
                          "\\S",
                          "(?:install|add)\\s+\\S")),
                  Pattern.compile("\\bpython[0-9.]*\\s+-m\\s+pip\\s+install\\b"),
                  Pattern.compile("\\bgo\\s+(?:get|install)\\s+\\S+"),
                  Pattern.compile("\\bnpx\\s+\\S+"))),
          new Category(
              "content.payload",
              "an inline executable payload",
              List.of(
                  Pattern.compile("^\\s*#!\\s*/"),
                  Pattern.compile(
                      Regexes.afterOptions(
                          "(?:powershell|pwsh)(?:\\.exe)?", "\\w", "-e(?:nc|ncodedcommand)?\\s+\\S")))));

  private ForbiddenContent() {}

  /** Every pattern of the scan, the base64 run's included; for tests. */
  static List<Pattern> patterns() {
    List<Pattern> all = new ArrayList<>();
    CATEGORIES.forEach(category -> all.addAll(category.patterns()));
    all.add(BASE64_RUN);
    return all;
  }

  /** Scans every line; returns the violations in line order. */
  static List<Violation> scan(List<String> lines, int firstLine) {
    Scan scan = new Scan("");
    for (int i = 0; i < lines.size(); i++) {
      scan.line(lines.get(i), firstLine + i);
    }
    return scan.found();
  }

  /**
   * One scan of one text: each category's hits counted against its cap, a hit found twice on the
   * same line (a long line is scanned in overlapping windows) reported once.
   */
  static final class Scan {
    private final String prefix;
    private final List<Violation> found = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    /**
     * A scan whose hits name their place as {@code <prefix>line N}.
     *
     * @param prefix what is scanned, such as {@code "artifact x, "}; empty for the result itself
     */
    Scan(String prefix) {
      this.prefix = prefix;
    }

    /** Scans one line, or one window of a long line; linear in its length. */
    void line(String line, long lineNumber) {
      Optional<String> secret = SecretPatterns.find(line);
      if (secret.isPresent()) {
        add("content.secret", lineNumber, "holds " + secret.get());
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (hasBase64Payload(line)) {
        add("content.payload", lineNumber, "holds an inline executable payload (a long base64 run)");
      }
      for (Category category : CATEGORIES) {
        for (Pattern pattern : category.patterns()) {
          if (pattern.matcher(category.code().equals("content.payload") ? line : lower).find()) {
            add(category.code(), lineNumber, "holds " + category.what());
            break;
          }
        }
      }
    }

    /** The violations found, in the order found. */
    List<Violation> found() {
      return List.copyOf(found);
    }

    private void add(String code, long line, String what) {
      String where = prefix + "line " + line;
      if (!seen.add(code + "\u0000" + where)) {
        return;
      }
      if (counts.merge(code, 1, Integer::sum) <= MAX_PER_CATEGORY) {
        found.add(new Violation(code, where, (prefix.isEmpty() ? "the result " : "the " + prefix.replaceAll(", $", "") + " ") + what));
      }
    }
  }

  /** Tried only where a run starts, so a long run of short runs is read once, not once per character. */
  private static final Pattern BASE64_RUN = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{200,}+={0,2}");

  /** A run of 200 or more base64 characters that mixes upper case, lower case and digits. */
  private static boolean hasBase64Payload(String line) {
    java.util.regex.Matcher m = BASE64_RUN.matcher(line);
    while (m.find()) {
      String run = m.group();
      if (run.chars().anyMatch(Character::isUpperCase)
          && run.chars().anyMatch(Character::isLowerCase)
          && run.chars().anyMatch(Character::isDigit)
          && run.chars().distinct().count() >= 16) {
        return true;
      }
    }
    return false;
  }


}
