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

/**
 * Building blocks for regular expressions over untrusted text. Each one matches the same texts as
 * the plain form named in its documentation but reads every character of the text a bounded number
 * of times, where the plain form backtracks into quadratic time (or recurses once per repetition
 * until the stack overflows).
 */
public final class Regexes {
  private Regexes() {}

  /**
   * A program, its options, then something: finds a match exactly when {@code
   * \b(?:program)\s+(?:-c+\s+)*(?:then)} does, {@code c} being {@code optionChar}.
   *
   * <p>The plain form is tried again at every program name inside an option (as in {@code npm -npm
   * -npm …}), each time over all the options that follow, and it backtracks into its option loop.
   * Here the option loop is possessive and stops at the first option where {@code then} matches or
   * that ends with the program's name followed by white space; in the second case the attempt that
   * starts at that name finds whatever the plain form would have found after it. So each option is
   * read by one attempt.
   *
   * @param program the program's name, such as {@code (?:npm|yarn)}; any word after the first (as
   *     {@code run} in {@code go\s+run}) must be one that neither starts with a dash nor can start
   *     {@code then}
   * @param optionChar the class of an option's characters after its dash, such as {@code \S}
   * @param then what follows the options, such as {@code install\b}
   * @return the regular expression
   */
  public static String afterOptions(String program, String optionChar, String then) {
    String option = "-" + optionChar + "+\\s+";
    String endsWithProgram = "-" + optionChar + "*?\\b(?:" + program + ")\\s";
    return "\\b(?:" + program + ")\\s+(?:(?!" + then + ")(?!" + endsWithProgram + ")" + option + ")*+(?:" + then + ")";
  }

  /**
   * Something, then something else later on the same line: finds a match exactly when {@code
   * (?:first).*(?:later)} does, provided that {@code first} matches within a line and that wherever
   * {@code later} can follow a match of {@code first} on a line, it can also follow the first match
   * that a search for {@code first} finds on that line (as when {@code first} is a whole word such as
   * {@code \b(?:curl|wget)\b} and {@code later} cannot start inside it).
   *
   * <p>The plain form scans to the end of the line after every match of {@code first}, so a line
   * repeating {@code first} takes quadratic time. Here only the first match on each line is
   * followed. Lines end where {@code .} stops ({@code \n} only under {@link
   * java.util.regex.Pattern#UNIX_LINES}).
   *
   * @param first what comes first
   * @param later what must follow on the same line; it must not itself read the rest of the line at
   *     every position (as {@code \S+@} would in a long word)
   * @return the regular expression, which sets {@code (?m)}
   */
  public static String laterOnLine(String first, String later) {
    return "(?m)^(?>.*?(?:" + first + ")).*(?:" + later + ")";
  }

  /**
   * Where {@code start} first matches in a run of {@code runChar} characters. Followed by the rest of
   * a pattern, it finds a match exactly when {@code start} followed by that rest does, provided that
   * {@code start} matches run characters only and that, within a run, whenever the rest matches after
   * some match of {@code start} it also matches after any earlier one (as when the rest reads the
   * run's remaining characters, at least some number of them, and then what follows the run).
   *
   * <p>The plain form is tried at every place in the run where {@code start} matches, each time
   * reading to the run's end; here the attempt begins only at the run's first character.
   *
   * @param runChar a character class, such as {@code [a-z0-9+.-]}
   * @param start where a match may start, such as {@code \b[a-z]}
   * @return the regular expression
   */
  public static String firstInRun(String runChar, String start) {
    return "(?<!" + runChar + ")(?>" + runChar + "*?(?:" + start + "))";
  }
}
