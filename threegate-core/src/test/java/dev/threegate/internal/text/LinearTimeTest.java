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

import static dev.threegate.internal.text.RegexTesting.budget;
import static dev.threegate.internal.text.RegexTesting.findAll;
import static dev.threegate.internal.text.RegexTesting.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.internal.text.RegexTesting.Hostile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The secret and package-install shapes take time linear in the text on hostile input at the size
 * limit, and match what the plain (backtracking) forms they replace match.
 */
class LinearTimeTest {
  private static final Pattern PLAIN_KEY_BLOCK = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern PLAIN_JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
  private static final Pattern PLAIN_URL = Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^\\s/:@]+:[^\\s/@]{3,}@");

  /** The plain forms of {@link ShellPatterns#PACKAGE_INSTALL}, in the same order. */
  private static final List<Pattern> PLAIN_INSTALL =
      Stream.of(
              "\\b(?:pip[0-9.]*|pipx|uv|poetry|conda|mamba|micromamba|easy_install|pdm|hatch)\\b.*\\b(?:install|add|sync)\\b",
              "\\bpython[0-9.]*\\s+(?:-\\S+\\s+)*-m\\s*(?:pip|ensurepip)\\b",
              "\\b(?:npm|pnpm|yarn|bun|deno)\\s+(?:-\\S+\\s+)*(?:i|install|add|ci)\\b",
              "\\b(?:npx|pnpx|bunx|uvx)\\b",
              "\\b(?:npm|pnpm|yarn|bun)\\s+(?:-\\S+\\s+)*(?:exec|dlx|x|create|init)\\b",
              "\\bpipx\\s+(?:-\\S+\\s+)*run\\b",
              "\\bgo\\s+run\\s+(?:-\\S+\\s+)*[^\\s/]+\\.[^\\s/]+/\\S*@",
              "\\b(?:gem|bundle|bundler)\\s+(?:-\\S+\\s+)*install\\b",
              "\\bgo\\s+(?:get|install|mod\\s+download)\\b",
              "\\b(?:apt|apt-get|aptitude|dpkg|yum|dnf|zypper|apk|brew|port|pacman|snap|flatpak|cargo|composer|rpm)\\s+(?:-\\S+\\s+)*(?:install|add|-i|-S|-U)\\b",
              "\\bcpanm?\\b")
          .map(Pattern::compile)
          .toList();

  private static final Pattern PLAIN_RUN_WITH =
      Pattern.compile("\\b(?:pipx|uv|uvx|poetry|pdm|hatch)\\s+(?:-\\S+\\s+)*(?:run|tool)\\b.*(?:--with|--from|\\S+@)");

  static List<Hostile> secretTexts() {
    return RegexTesting.hostileTexts(
        List.of("a", "a.", "a-", "a+", " ", "é", ":", "@", "a://", "a://b:", "-----BEGIN ", "-----BEGIN A ", "A ",
            "AKIA", "ghp_", "github_pat_", "glpat-", "xoxb-", "sk-", "sk_", "AIza", "eyJ", "eyJ-", "eyJa.",
            "eyJaaaaaaaa.eyJ-", "token", "token=", "password:", "api_key "),
        List.of(List.of("-----BEGIN ", "A "), List.of("token", " "), List.of("token=", " "), List.of("a://", "b"),
            List.of("a://b:", "c"), List.of("eyJ", "a"), List.of("eyJaaaaaaaa.eyJ", "a"), List.of("sk-", "a"),
            List.of("ghp_", "a"), List.of("xoxb-", "-")));
  }

  static List<Hostile> commandTexts() {
    return RegexTesting.hostileTexts(
        List.of("a", " ", "-", "a.", "pip ", "pip", "pip3.", "python ", "python -a ", "-python ", "-m ", "npm ",
            "npm -x ", "-npm ", "yarn -yarn ", "uv run ", "uv run x", "uv -uv ", "go run ", "go run -x ", "-go run ",
            "a.a/", "gem -gem ", "apt -apt ", "-i ", "pipx -pipx ", "--with", "x@"),
        List.of(List.of("python ", "-a "), List.of("python3 ", "-m"), List.of("npm ", "-x "), List.of("pipx ", "-x "),
            List.of("apt ", "-x "), List.of("go run ", "-x "), List.of("go run ", "a."), List.of("uv run ", "x"),
            List.of("uv run ", " "), List.of("pip", " "), List.of("uv run x", "\nuv run x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretTexts")
  void secretShapesReadEachCharacterOfAHostileTextAFewTimesAtMost(Hostile hostile) {
    for (SecretPatterns.Shape shape : SecretPatterns.shapes()) {
      assertThat(reads(findAll(shape.pattern()), hostile.text())).as(shape.name()).isLessThanOrEqualTo(budget(hostile.text()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandTexts")
  void packageInstallShapesReadEachCharacterOfAHostileCommandAFewTimesAtMost(Hostile hostile) {
    for (Pattern pattern : ShellPatterns.PACKAGE_INSTALL) {
      assertThat(reads(findAll(pattern), hostile.text())).as(pattern.pattern()).isLessThanOrEqualTo(budget(hostile.text()));
    }
    assertThat(reads(ShellPatterns::runsWithExtraPackages, hostile.text()))
        .as("a run with extra packages")
        .isLessThanOrEqualTo(budget(hostile.text()));
  }

  static Stream<Arguments> plainFormsOnTheirHostileTexts() {
    return Stream.of(
        Arguments.of("credentials in a URL", PLAIN_URL, hostile("", "a.")),
        Arguments.of("a JSON Web Token", PLAIN_JWT, hostile("", "eyJ-")),
        Arguments.of("a private key block", PLAIN_KEY_BLOCK, hostile("-----BEGIN ", "A ")),
        Arguments.of("pip … install", PLAIN_INSTALL.get(0), hostile("", "pip ")),
        Arguments.of("python -m pip", PLAIN_INSTALL.get(1), hostile("python ", "-a ")),
        Arguments.of("npm install", PLAIN_INSTALL.get(2), hostile("npm ", "-x ")),
        Arguments.of("go run a module", PLAIN_INSTALL.get(6), hostile("go run ", "a.")),
        Arguments.of("uv run … --with", PLAIN_RUN_WITH, hostile("", "uv run ")),
        Arguments.of("uv run x…x@", PLAIN_RUN_WITH, hostile("uv run ", "x")));
  }

  private static String hostile(String start, String piece) {
    return RegexTesting.hostileText(start, piece, RegexTesting.SIZE);
  }

  /** Without this, a test of the shapes above could not fail: the plain forms overrun the budget. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("plainFormsOnTheirHostileTexts")
  void theOracleCatchesThePlainForms(String name, Pattern plain, String text) {
    assertThat(RegexTesting.overrunsBudgetOrStack(findAll(plain), text)).as(name).isTrue();
  }

  private static final List<String> COMMAND_WORDS =
      List.of("pip", "pip3", "pip3.8", "pip.", "pipx", "uv", "uvx", "poetry", "hatch", "python", "python3", "-m", "-mpip",
          "ensurepip", "npm", "pnpm", "yarn", "bun", "deno", "i", "install", "add", "ci", "sync", "exec", "dlx", "x",
          "create", "run", "tool", "--with", "--from", "go", "get", "mod", "download", "gem", "bundle", "apt",
          "apt-get", "-i", "-S", "cpan", "-x", "-y", "--flag=/a", "-npm", "-python", "x.python", "-go", "-uv", "-apt",
          "a.b/c@v1", ".b/c@", "a./c@", "a.b/", "x@y", "@", "-a.b/c@v", "ix", "\u2028x@", "\u0085");

  @Test
  void packageInstallShapesMatchWhatThePlainFormsMatch() {
    List<String> differences = new ArrayList<>();
    for (String text : RegexTesting.randomTexts(1, 30_000, COMMAND_WORDS, " ")) {
      String lowercase = text.toLowerCase(Locale.ROOT);
      for (int i = 0; i < PLAIN_INSTALL.size(); i++) {
        if (ShellPatterns.PACKAGE_INSTALL.get(i).matcher(lowercase).find() != PLAIN_INSTALL.get(i).matcher(lowercase).find()) {
          differences.add(PLAIN_INSTALL.get(i) + " on " + RegexTesting.visible(lowercase));
        }
      }
      if (ShellPatterns.runsWithExtraPackages(lowercase) != PLAIN_RUN_WITH.matcher(lowercase).find()) {
        differences.add(PLAIN_RUN_WITH + " on " + RegexTesting.visible(lowercase));
      }
    }
    assertThat(differences).isEmpty();
  }

  private static final List<String> SECRET_WORDS =
      List.of("-----BEGIN ", "RSA ", "PRIVATE KEY", "PRIVATE", " KEY", " BLOCK", "-----", "A", "0", "eyJ", "eyJhbGciOiJIUzI1NiJ9",
          "aaaaaaaa", "-", ".", "_", "é", "http", "https", "a+b.c-d", "x.http", "://", "user", "pass", "pa:ss", "host", "@",
          ":", " ", "/");

  @Test
  void secretShapesMatchWhatThePlainFormsMatch() {
    Map<String, Pattern> plain =
        Map.of("a private key block", PLAIN_KEY_BLOCK, "a JSON Web Token", PLAIN_JWT, "credentials in a URL", PLAIN_URL);
    List<String> differences = new ArrayList<>();
    for (String text : RegexTesting.randomTexts(2, 30_000, SECRET_WORDS, "")) {
      for (SecretPatterns.Shape shape : SecretPatterns.shapes()) {
        Pattern before = plain.get(shape.name());
        if (before != null && shape.pattern().matcher(text).find() != before.matcher(text).find()) {
          differences.add(shape.name() + " on " + RegexTesting.visible(text));
        }
      }
    }
    assertThat(differences).isEmpty();
  }
}
