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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shapes of shell commands that install or fetch and run packages; matched against lowercase text. */
public final class ShellPatterns {
  /**
   * Package installation and fetch-and-run commands, except one that {@link #installsPackages}
   * checks besides (a run with extra packages, as {@code uv run --with x}). Each is found in time
   * linear in the command's length, with the same matches as its plain form (see {@link Regexes}).
   */
  public static final List<Pattern> PACKAGE_INSTALL =
      List.of(
          Pattern.compile(
              Regexes.laterOnLine(
                  "\\b(?:pip[0-9.]*|pipx|uv|poetry|conda|mamba|micromamba|easy_install|pdm|hatch)\\b",
                  "\\b(?:install|add|sync)\\b")),
          Pattern.compile(Regexes.afterOptions("python[0-9.]*", "\\S", "-m\\s*(?:pip|ensurepip)\\b")),
          Pattern.compile(Regexes.afterOptions("npm|pnpm|yarn|bun|deno", "\\S", "(?:i|install|add|ci)\\b")),
          Pattern.compile("\\b(?:npx|pnpx|bunx|uvx)\\b"),
          Pattern.compile(Regexes.afterOptions("npm|pnpm|yarn|bun", "\\S", "(?:exec|dlx|x|create|init)\\b")),
          Pattern.compile(Regexes.afterOptions("pipx", "\\S", "run\\b")),
          // A module path with a version, as [^\s/]+\.[^\s/]+/\S*@ but without backtracking: the first
          // dot of the first path element, the rest of that element, then the first '@' of the word.
          Pattern.compile(Regexes.afterOptions("go\\s+run", "\\S", "[^\\s/][^\\s/.]*+\\.[^\\s/]++/[^\\s@]*+@")),
          Pattern.compile(Regexes.afterOptions("gem|bundle|bundler", "\\S", "install\\b")),
          Pattern.compile("\\bgo\\s+(?:get|install|mod\\s+download)\\b"),
          Pattern.compile(
              Regexes.afterOptions(
                  "apt|apt-get|aptitude|dpkg|yum|dnf|zypper|apk|brew|port|pacman|snap|flatpak|cargo|composer|rpm",
                  "\\S",
                  "(?:install|add|-i|-S|-U)\\b")),
          Pattern.compile("\\bcpanm?\\b"));

  /** A tool that runs a package, with its options: the first part of a run with extra packages. */
  private static final Pattern RUN =
      Pattern.compile(Regexes.afterOptions("pipx|uv|uvx|poetry|pdm|hatch", "\\S", "(?:run|tool)\\b"));

  /**
   * The rest of a line after {@link #RUN} that asks for extra packages: as {@code
   * .*(?:--with|--from|\S+@)}, but {@code \S@} finds the same '@' without reading the word before
   * it again at every position, and the last alternative is a word that goes on to an '@' past a
   * line end that {@code \S} does not count as white space (U+0085, U+2028, U+2029).
   */
  private static final Pattern EXTRA_PACKAGES =
      Pattern.compile(".*(?:--with|--from|\\S@|[\\u0085\\u2028\\u2029][^\\s@]*+@)");

  /** Programs at least one of which every {@link #PACKAGE_INSTALL} shape names (or it names pip). */
  private static final java.util.Set<String> INSTALLERS =
      java.util.Set.of("pip", "pipx", "uv", "uvx", "poetry", "conda", "mamba", "micromamba", "easy_install", "pdm",
          "hatch", "npm", "pnpm", "yarn", "bun", "deno", "npx", "pnpx", "bunx", "gem", "bundle", "bundler",
          "go", "apt", "apt-get", "aptitude", "dpkg", "yum", "dnf", "zypper", "apk", "brew", "port", "pacman", "snap",
          "flatpak", "cargo", "composer", "rpm", "cpan", "cpanm");

  private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s/\"'=]+");

  private ShellPatterns() {}

  /**
   * Whether a lowercase command line installs or fetches and runs packages. Words are first
   * checked against the installers' names, so most commands need no regular expression.
   *
   * @param lowercase the command line in lower case
   * @return {@code true} when one of the shapes matches
   */
  public static boolean installsPackages(String lowercase) {
    java.util.Set<String> named = new java.util.HashSet<>();
    if (lowercase.contains("pip")) {
      named.add("pip");
    }
    for (String word : WORD_SEPARATORS.split(lowercase)) {
      int end = word.length();
      while (end > 0 && (Character.isDigit(word.charAt(end - 1)) || word.charAt(end - 1) == '.')) {
        end--;
      }
      String name = word.substring(0, end);
      if (INSTALLERS.contains(name)) {
        named.add(name);
      }
    }
    if (named.isEmpty()) {
      return false;
    }
    for (int i = 0; i < PACKAGE_INSTALL.size(); i++) {
      if (!java.util.Collections.disjoint(named, TRIGGERS.get(i)) && PACKAGE_INSTALL.get(i).matcher(lowercase).find()) {
        return true;
      }
    }
    return !java.util.Collections.disjoint(named, RUN_TRIGGERS) && runsWithExtraPackages(lowercase);
  }

  /**
   * For each of {@link #PACKAGE_INSTALL}, the installers' names one of which it needs among the
   * words ({@code pip} also stands for any word holding it): a shape runs only where its own
   * program was named, so a text full of one installer's name costs one shape, not all of them.
   */
  private static final List<java.util.Set<String>> TRIGGERS =
      List.of(
          java.util.Set.of("pip", "pipx", "uv", "poetry", "conda", "mamba", "micromamba", "easy_install", "pdm", "hatch"),
          java.util.Set.of("pip"),
          java.util.Set.of("npm", "pnpm", "yarn", "bun", "deno"),
          java.util.Set.of("npx", "pnpx", "bunx", "uvx"),
          java.util.Set.of("npm", "pnpm", "yarn", "bun"),
          java.util.Set.of("pipx"),
          java.util.Set.of("go"),
          java.util.Set.of("gem", "bundle", "bundler"),
          java.util.Set.of("go"),
          java.util.Set.of("apt", "apt-get", "aptitude", "dpkg", "yum", "dnf", "zypper", "apk", "brew", "port", "pacman",
              "snap", "flatpak", "cargo", "composer", "rpm"),
          java.util.Set.of("cpan", "cpanm"));

  private static final java.util.Set<String> RUN_TRIGGERS = java.util.Set.of("pipx", "uv", "uvx", "poetry", "pdm", "hatch");

  /** Whether one of the shapes matches, without the check of the installers' names. */
  static boolean matchesAShape(CharSequence lowercase) {
    for (Pattern pattern : PACKAGE_INSTALL) {
      if (pattern.matcher(lowercase).find()) {
        return true;
      }
    }
    return runsWithExtraPackages(lowercase);
  }

  /**
   * Whether a {@link #RUN} is followed on the line where it ends by {@link #EXTRA_PACKAGES}: what a
   * search for {@code \b(?:pipx|uv|uvx|poetry|pdm|hatch)\s+(?:-\S+\s+)*(?:run|tool)\b.*(?:--with|--from|\S+@)}
   * finds, in linear time. The plain search follows every run to the end of its line; here each run
   * is found once, and only the first one that ends on a line is followed, since the rest of the
   * line after a later one is part of what was read.
   */
  static boolean runsWithExtraPackages(CharSequence lowercase) {
    Matcher run = RUN.matcher(lowercase);
    Matcher extra = EXTRA_PACKAGES.matcher(lowercase);
    int followedTo = -1;
    while (run.find()) {
      if (run.end() > followedTo) {
        if (extra.region(run.end(), lowercase.length()).lookingAt()) {
          return true;
        }
        followedTo = endOfLine(lowercase, run.end());
      }
    }
    return false;
  }

  /** Where the line holding {@code from} ends, as {@code .} sees lines. */
  private static int endOfLine(CharSequence text, int from) {
    int i = from;
    while (i < text.length() && "\n\r\u0085\u2028\u2029".indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }
}
