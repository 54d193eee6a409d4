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

import dev.threegate.internal.text.CodePoints;
import dev.threegate.internal.text.Text;
import dev.threegate.problem.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one command of a Tool Request as the argv every executor receives (trusted computing base:
 * changes here need a second look). The policy judges these words and every executor runs them,
 * so what the approver read is what runs, on every backend.
 *
 * <p>The grammar, in full:
 *
 * <ul>
 *   <li>words are separated by one or more spaces (U+0020); leading and trailing spaces are
 *       ignored; no other character separates words;
 *   <li>a word is either bare, a run of characters other than space, {@code '} and {@code "}; or
 *       quoted, {@code '…'} or {@code "…"}, holding every character up to the matching quote
 *       literally, the other quote character included ({@code ""} is an empty argument);
 *   <li>a quote must start a word and a closing quote must end one: {@code b"a"sh}, {@code
 *       --name="x y"} and {@code it's} are refused ({@code command.quote_glued}), as is a quote
 *       left open ({@code command.quote_unbalanced});
 *   <li>nothing else is special: no escapes, variables, globs, braces, tildes, comments or
 *       assignments. {@code \}, {@code $}, {@code *}, {@code {}}, {@code ~}, {@code #} and {@code
 *       =} are ordinary characters of a word (the standard policy refuses {@code \} and {@code
 *       $} outright, so that a reader used to a shell is never misled);
 *   <li>control characters, spaces other than U+0020 (tab, no-break space, …), format characters,
 *       fillers and other invisible characters are refused anywhere ({@code
 *       command.control_character}, {@code command.invisible_character}): they look like a space
 *       or like nothing, but would change the words.
 * </ul>
 *
 * <p>A backend that must hand the command to a shell passes {@link #shellQuoted()}, which any POSIX
 * shell turns back into exactly {@link #argv()}.
 */
public final class Command {
  private final String text;
  private final List<String> argv;

  private Command(String text, List<String> argv) {
    this.text = text;
    this.argv = List.copyOf(argv);
  }

  /**
   * Reads a command line.
   *
   * @param text the command line, as written under {@code ## Command}
   * @return the command with its argv, at least one word
   * @throws CommandSyntaxException if the line has no argv under the grammar
   */
  public static Command parse(String text) {
    Objects.requireNonNull(text, "text");
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (CodePoints.isControl(cp)) {
        throw failure("command.control_character", String.format("the command holds control character U+%04X", cp));
      }
      if (CodePoints.isInvisible(cp)) {
        throw failure(
            "command.invisible_character",
            String.format(
                "the command holds U+%04X, a space other than U+0020 or an invisible character; it would change the"
                    + " words without showing it",
                cp));
      }
      i += Character.charCount(cp);
    }
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      if (i == n) {
        break;
      }
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        if (close < 0) {
          throw failure("command.quote_unbalanced", "the command opens a " + c + " quote that it never closes");
        }
        if (close + 1 < n && text.charAt(close + 1) != ' ') {
          throw glued(text, i);
        }
        words.add(text.substring(i + 1, close));
        i = close + 1;
      } else {
        int start = i;
        while (i < n && text.charAt(i) != ' ') {
          char w = text.charAt(i);
          if (w == '\'' || w == '"') {
            throw glued(text, start);
          }
          i++;
        }
        words.add(text.substring(start, i));
      }
    }
    if (words.isEmpty()) {
      throw failure("command.missing", "the request holds no command");
    }
    return new Command(text, words);
  }

  /**
   * Turns an argv into a command line that {@link #parse} reads back as the same argv.
   *
   * @param argv the words, at least one; none may hold both quote characters or a character the
   *     grammar refuses
   * @return the command
   * @throws CommandSyntaxException if the argv cannot be written in the grammar
   */
  public static Command of(List<String> argv) {
    if (argv.isEmpty()) {
      throw failure("command.missing", "the argv is empty");
    }
    StringBuilder line = new StringBuilder();
    for (String word : argv) {
      Objects.requireNonNull(word, "argv word");
      if (line.length() > 0) {
        line.append(' ');
      }
      boolean bare = !word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '"');
      char quote = word.indexOf('\'') >= 0 ? '"' : '\'';
      line.append(bare ? word : quote + word + quote);
    }
    Command command = parse(line.toString());
    if (!command.argv.equals(argv)) {
      throw failure("command.quote_glued", "an argument holds both quote characters; the grammar cannot write it");
    }
    return command;
  }

  private static CommandSyntaxException glued(String text, int wordStart) {
    int end = text.indexOf(' ', wordStart);
    String word = text.substring(wordStart, end < 0 ? text.length() : end);
    return failure(
        "command.quote_glued",
        "a quote is glued to other characters in '"
            + Text.printable(word)
            + "'; quote whole words only (write \"--name=a b\", not --name=\"a b\")");
  }

  private static CommandSyntaxException failure(String code, String message) {
    return new CommandSyntaxException(new Violation(code, "command", message));
  }

  /**
   * The command line as written.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * The words the program receives, the program first.
   *
   * @return the argv, at least one word, unmodifiable
   */
  public List<String> argv() {
    return argv;
  }

  /**
   * The program: the first word, as written (a name or a path).
   *
   * @return the program
   */
  public String program() {
    return argv.get(0);
  }

  /**
   * The argv as one line for a POSIX shell ({@code sh -c}, {@code bash}): every word that is not
   * made only of letters, digits and {@code _ . / : , + @ % -} (and {@code =} after the first word)
   * is single-quoted, a {@code '} inside written as {@code '\''}, so the shell performs no
   * expansion, globbing, assignment or comment and its argv is exactly {@link #argv()}.
   *
   * @return the shell line
   */
  public String shellQuoted() {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < argv.size(); i++) {
      if (i > 0) {
        line.append(' ');
      }
      String word = argv.get(i);
      if (isShellSafe(word, i == 0)) {
        line.append(word);
      } else {
        line.append('\'').append(word.replace("'", "'\\''")).append('\'');
      }
    }
    return line.toString();
  }

  private static boolean isShellSafe(String word, boolean first) {
    if (word.isEmpty()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_./:,+@%-".indexOf(c) >= 0
              || (c == '=' && !first);
      if (!safe) {
        return false;
      }
    }
    return true;
  }

  /** Two commands are equal when their texts are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Command command && command.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Returns the argv as a list, such as {@code [python3, /in/x.py]}. */
  @Override
  public String toString() {
    return argv.toString();
  }
}
