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

import dev.threegate.internal.text.Shells;
import dev.threegate.internal.text.Text;
import dev.threegate.problem.Violation;
import dev.threegate.request.Language;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an interpreter's own options and inline code may not do (trusted computing base: changes
 * here need a second look): fetch packages past the textual shapes ({@code go -C dir install},
 * {@code python3 -Im ensurepip}, {@code -m venv --upgrade-deps}, {@code go -mod=mod}), run another
 * program ({@code ruby -S}, {@code node --run}), carry code the approver cannot read (a {@code
 * data:} URL), or start a shell from inline code ({@code ruby -e "system 'sh -c id'"}). Inline code
 * is still code: what it does beyond these names is confined by the sandbox, not by these rules.
 */
final class InterpreterRules {
  /** Ways inline code starts another program. */
  private static final Set<String> SPAWNERS =
      Set.of("system", "popen", "spawn", "spawnsync", "execsync", "execfile", "execfilesync", "child_process",
          "subprocess", "open3", "pty", "execve", "execvp", "execl", "execlp", "posix_spawn", "startfile");
  /** Options after which a word is code to run. */
  private static final Set<String> INLINE_CODE = Set.of("-c", "-e", "--eval", "-p", "--print");

  private InterpreterRules() {}

  static void check(List<String> words, Language language, List<Violation> out) {
    String install = null;
    String launcher = null;
    boolean inlineShell = false;
    boolean dataUrl = false;
    boolean code = false;
    boolean allCode = false;
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.startsWith("data:") || lower.contains("=data:")) {
        dataUrl = true;
      }
      inlineShell |= (code || allCode) && startsAProgram(lower);
      code = INLINE_CODE.contains(word);
      switch (language) {
        case GO -> {
          if (word.equals("get") || word.equals("install") || word.equals("-mod=mod")
              || (word.equals("mod") && i + 1 < words.size() && Set.of("download", "tidy", "vendor").contains(words.get(i + 1)))
              || (word.indexOf('@') > 0 && word.indexOf('/') > 0 && word.indexOf('.') > 0)) {
            install = word;
          }
        }
        case PYTHON -> {
          String module = module(words, i);
          if (module != null && (module.equals("pip") || module.startsWith("pip.") || module.equals("ensurepip"))) {
            install = word;
          }
          if (word.equals("--upgrade-deps")) {
            install = word;
          }
          if ("timeit".equals(module)) {
            allCode = true; // every later argument is code it runs
          }
        }
        case RUBY -> {
          if (word.startsWith("-") && !word.startsWith("--") && word.contains("S")) {
            launcher = word;
          }
        }
        case NODE -> {
          if (word.equals("--run") || word.startsWith("--run=")) {
            launcher = word;
          }
        }
      }
    }
    if (install != null) {
      out.add(new Violation("command.package_install", "command",
          "'" + Text.printable(install) + "' makes the interpreter fetch or install packages; provide everything through /in instead"));
    }
    if (launcher != null) {
      out.add(new Violation("command.language_mismatch", "command",
          "'" + Text.printable(launcher) + "' makes the interpreter run another program"));
    }
    if (inlineShell) {
      out.add(new Violation("command.shell", "command", "the inline code starts a shell or another program"));
    }
    if (dataUrl) {
      out.add(new Violation("command.encoded_payload", "command",
          "a data: URL carries code or data the approver cannot read; provide it as a file under /in"));
    }
  }

  /** The module a {@code -m} option names at word {@code i} ({@code -m x}, {@code -mx}, {@code -Im x}), or null. */
  private static String module(List<String> words, int i) {
    String word = words.get(i);
    if (!word.startsWith("-") || word.startsWith("--")) {
      return null;
    }
    int m = word.indexOf('m', 1);
    if (m < 0 || !word.substring(1, m).chars().allMatch(Character::isLetter)) {
      return null;
    }
    if (m + 1 < word.length()) {
      return word.substring(m + 1);
    }
    return i + 1 < words.size() ? words.get(i + 1) : null;
  }

  /** Whether inline code names a shell or a way to start a program, as a whole token. */
  private static boolean startsAProgram(String code) {
    if (code.contains("%x")) {
      return true; // Ruby's %x{…} runs a shell command
    }
    int start = -1;
    for (int i = 0; i <= code.length(); i++) {
      char c = i < code.length() ? code.charAt(i) : ' ';
      boolean tokenChar = Character.isLetterOrDigit(c) || c == '_';
      if (tokenChar && start < 0) {
        start = i;
      } else if (!tokenChar && start >= 0) {
        String token = code.substring(start, i);
        if (Shells.isShell(token) || SPAWNERS.contains(token)) {
          return true;
        }
        start = -1;
      }
    }
    return false;
  }
}
