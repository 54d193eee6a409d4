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

import java.util.Comparator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one list of shells (trusted computing base: changes here need a second look). The command
 * rules refuse a command that starts one, the interpreter rules inline code that names one, the
 * request parser a language that is one, and the result validator a result that pipes a download
 * into one. Every name is lower case; compare a program's lower-cased name without its directory.
 */
public final class Shells {
  /** Shells and shell-like interpreters of shell text, from what Debian ships and beyond. */
  public static final Set<String> NAMES =
      Set.of("sh", "bash", "rbash", "dash", "zsh", "rzsh", "ksh", "ksh93", "rksh", "mksh", "mksh-static", "lksh",
          "pdksh", "oksh", "posh", "yash", "csh", "bsd-csh", "tcsh", "fish", "ash", "sash", "busybox", "toybox",
          "elvish", "nu", "xonsh", "rc", "es", "osh", "ysh", "pwsh", "powershell", "cmd", "bash-static", "zsh-static",
          "busybox-static", "dtksh");

  /**
   * Builtins and programs that are no shell but run shell text or a shell session: {@code eval},
   * {@code source}, {@code .}, {@code exec}, {@code script}, {@code expect}, {@code screen},
   * {@code tmux}. Refused as a command's program with the shells; not searched for inside inline
   * code, where {@code exec} and {@code eval} name the language's own functions.
   */
  public static final Set<String> SHELL_TEXT_RUNNERS =
      Set.of("eval", "source", ".", "exec", "script", "expect", "screen", "tmux");

  /**
   * {@link #NAMES} as one regular expression alternative, longest names first, for a pattern that
   * looks for a shell by name (such as after a pipe): {@code (?:bash-static|…|sh)}.
   */
  public static final String ALTERNATIVES =
      NAMES.stream()
          .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
          .map(Pattern::quote)
          .collect(Collectors.joining("|", "(?:", ")"));

  private Shells() {}

  /**
   * Whether a program name is a shell.
   *
   * @param lowercaseName the program's name, lower case, without its directory
   * @return {@code true} when it is one of {@link #NAMES}
   */
  public static boolean isShell(String lowercaseName) {
    return NAMES.contains(lowercaseName);
  }

  /**
   * Whether a program, started as a command's program, runs shell text: a shell or one of {@link
   * #SHELL_TEXT_RUNNERS}.
   *
   * @param lowercaseName the program's name, lower case, without its directory
   * @return {@code true} when it does
   */
  public static boolean runsShellText(String lowercaseName) {
    return NAMES.contains(lowercaseName) || SHELL_TEXT_RUNNERS.contains(lowercaseName);
  }
}
