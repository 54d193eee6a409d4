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
package dev.threegate.internal.policy;

import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every problem of a request that could not be read in full: the parser's, then the validator's
 * on what could be read, without the ones a placeholder caused.
 */
public final class MalformedRequests {
  /** Character rules that repeat a character problem the parser already reported. */
  private static final Set<String> CHARACTER_CODES =
      Set.of("field.invisible_character", "command.non_ascii", "command.invisible_character", "command.control_character");

  /** Problems after which no field of the front matter was read: only the body is judged. */
  private static final Set<String> FRONT_MATTER_UNREAD =
      Set.of("format.yaml_syntax", "format.yaml_too_deep", "format.front_matter_not_mapping", "format.yaml_multiple_documents");

  private MalformedRequests() {}

  /**
   * Joins a format error's problems with a validator's violations on its partial request.
   *
   * @param malformed the format error
   * @param validator the validator
   * @return a rejection listing the parser's problems first
   */
  public static Verdict judge(RequestFormatException malformed, PolicyValidator validator) {
    List<Violation> all = new ArrayList<>(malformed.problems());
    if (malformed.partialRequest().isEmpty()) {
      return Verdict.of(all);
    }
    Set<String> fields = new HashSet<>();
    boolean commandProblem = false;
    boolean characterProblem = false;
    boolean frontMatterUnread = false;
    for (Violation problem : malformed.problems()) {
      int comma = problem.where().indexOf(", ");
      if (comma >= 0) {
        fields.add(problem.where().substring(comma + 2));
      }
      if (problem.code().startsWith("language.")) {
        fields.add("language");
      }
      if (problem.code().startsWith("backend.")) {
        fields.add("backend");
      }
      commandProblem |= problem.code().startsWith("command.") || problem.code().startsWith("section.");
      characterProblem |= problem.code().equals("format.control_character") || problem.code().equals("format.encoding");
      frontMatterUnread |= FRONT_MATTER_UNREAD.contains(problem.code());
    }
    Verdict verdict = validator.validate(malformed.partialRequest().get());
    if (verdict == null) {
      throw new IllegalStateException("validator " + validator.getClass().getName() + " returned null");
    }
    Set<String> codes = new HashSet<>();
    malformed.problems().forEach(p -> codes.add(p.code()));
    for (Violation violation : verdict.violations()) {
      boolean sameCharacter = characterProblem && CHARACTER_CODES.contains(violation.code());
      boolean fromTheBody = violation.where().equals("command") || violation.where().startsWith("## ");
      boolean unread = frontMatterUnread && (!fromTheBody || violation.code().equals("command.language_mismatch"));
      if (!codes.contains(violation.code()) && !sameCharacter && !unread && !placeholder(violation, fields, commandProblem)) {
        all.add(violation);
      }
    }
    return Verdict.of(all);
  }

  /** Whether a violation concerns a field the parser could not read, so judges only its placeholder. */
  private static boolean placeholder(Violation violation, Set<String> fields, boolean commandProblem) {
    String where = violation.where();
    for (String field : fields) {
      if (where.equals(field) || where.startsWith(field + "[") || where.startsWith(field + ".")) {
        return true;
      }
    }
    String code = violation.code();
    if (fields.contains("language") && (code.equals("command.language_mismatch") || code.equals("backend.language_unsupported"))) {
      return true;
    }
    if (fields.contains("backend") && code.startsWith("backend.")) {
      return true;
    }
    return commandProblem && (code.equals("command.missing") || code.equals("risk.level_missing"));
  }
}
