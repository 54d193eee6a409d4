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

import dev.threegate.internal.text.CodePoints;
import dev.threegate.internal.text.ShellPatterns;
import dev.threegate.internal.text.Shells;
import dev.threegate.internal.text.Text;
import dev.threegate.policy.Policy;
import dev.threegate.problem.Violation;
import dev.threegate.request.Command;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the one command line of a request (trusted computing base: changes here need a
 * second look). They judge the words of {@link Command#parse}, the argv every executor receives,
 * and the raw text where upstream's rules are textual. Refused: anything a shell would treat as
 * more than one program, a redirection or a substitution; characters that look like something they
 * are not; a program that is not one of the request language's programs (shells, privilege tools
 * and launchers such as {@code env}, {@code find -exec} or {@code xargs} included); package
 * installation; paths outside the sandbox's {@code /in}, {@code /out}, {@code /tmp} and {@code
 * /usr}; and devices.
 */
final class CommandRules {
  private static final Set<String> PRIVILEGED =
      Set.of("sudo", "sudoedit", "su", "doas", "pkexec", "run0", "runuser", "setpriv", "newgrp", "sg", "nsenter",
          "chroot", "unshare", "bwrap", "firejail", "systemd-run", "machinectl", "mount", "umount", "insmod",
          "modprobe", "rmmod", "setcap", "capsh", "iptables", "ip6tables", "nft", "docker", "podman", "kubectl",
          "ctr", "nerdctl", "systemctl", "crontab", "at");
  /** Programs whose job is to start another program. */
  private static final Set<String> LAUNCHERS =
      Set.of("env", "nohup", "nice", "ionice", "timeout", "stdbuf", "command", "builtin", "time", "setsid", "chrt",
          "taskset", "flock", "xargs", "find", "parallel", "watch", "strace", "ltrace", "gdb", "valgrind", "perf",
          "make", "sed", "awk", "gawk", "mawk", "nawk", "perl", "git", "ssh", "rlwrap", "faketime", "prlimit",
          "unbuffer", "catchsegv", "numactl", "cgexec", "sandbox");
  /** Scripts with letters that look like Latin ones, refused when mixed with ASCII letters in a word. */
  private static final Set<Character.UnicodeScript> LOOK_ALIKE_SCRIPTS =
      Set.of(Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.GREEK, Character.UnicodeScript.ARMENIAN,
          Character.UnicodeScript.CHEROKEE, Character.UnicodeScript.COPTIC, Character.UnicodeScript.LISU,
          Character.UnicodeScript.CANADIAN_ABORIGINAL);
  private static final List<String> PROGRAM_DIRS = List.of("/usr/bin/", "/usr/local/bin/", "/bin/");
  private static final Pattern EXPANSION = Pattern.compile("\\$[^\\s]|\\\\");
  private static final Set<String> SAFE_DEVICES =
      Set.of("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/stdin", "/dev/stdout", "/dev/stderr");
  private static final List<String> SANDBOX_ROOTS = List.of("/in", "/out", "/tmp", "/usr");
  private static final Pattern SLASHES = Pattern.compile("/{2,}");
  private static final Pattern FD_DEVICE = Pattern.compile("/dev/fd/[0-9]{1,3}");
  private static final Pattern OPTION_PREFIX = Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern RELATIVE_TRAVERSAL = Pattern.compile("(?:^|[\\s=:,'\"/])\\.\\.(?:/|$|[\\s'\"])");
  private static final Pattern HOME = Pattern.compile("(?:^|[\\s=:,'\"])~[A-Za-z0-9_.-]*+(?:/|$|[\\s'\"])");
  private static final Pattern WINDOWS_PATH = Pattern.compile("(?:^|[\\s=:'\"])[A-Za-z]:[\\\\/]");

  /**
   * The shapes of package installation are read over at most this many characters of the command,
   * or the policy's longest command where that is more: beyond it the command is refused as too
   * long anyway, and reading it would only cost time.
   */
  static final int MIN_SCANNED_CHARS = 16 * 1024;

  private CommandRules() {}

  static void check(String command, Language language, Policy policy, List<Violation> out) {
    if (command.isBlank()) {
      out.add(new Violation("command.missing", "command", "the request holds no command"));
      return;
    }
    List<String> words;
    try {
      words = Command.parse(command).argv();
    } catch (CommandSyntaxException e) {
      out.add(e.violation());
      words = conservativeWords(command);
    }
    if (command.indexOf('\uFFFD') >= 0) {
      words = conservativeWords(command); // a refused control character stood there: it may have joined two words
    }
    checkCharacters(command, words, policy, out);
    int bytes = command.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > policy.maxCommandBytes()) {
      out.add(
          new Violation(
              "command.too_long",
              "command",
              "the command is " + bytes + " bytes; the policy allows at most " + policy.maxCommandBytes()));
    }
    Set<String> operators = new LinkedHashSet<>();
    for (String op : List.of(";", "&", "|", ">", "<", "`", "$(")) {
      if (command.contains(op)) {
        operators.add(op);
      }
    }
    if (!operators.isEmpty()) {
      out.add(
          new Violation(
              "command.chaining",
              "command",
              "shell operators are not allowed in the command: " + String.join(" ", operators)));
    }
    if (!policy.allowParentheses() && (command.contains("(") || command.contains(")"))) {
      out.add(
          new Violation(
              "command.parenthesis",
              "command",
              "parentheses are not allowed in the command (the policy's allow_parentheses is off)"));
    }
    if (EXPANSION.matcher(command).find()) {
      out.add(
          new Violation(
              "command.expansion",
              "command",
              "the command holds shell expansion or escape syntax ($NAME, ${…}, $'…', backslash)"));
    }
    if (!words.isEmpty()) {
      checkProgram(words, language, policy, out);
      InterpreterRules.check(words, language, out);
    }
    // the words, not the raw line: quotes are gone ("pip" install) or, where the grammar refused
    // the line, removed everywhere (p''ip install); a command far over the length limit, which is
    // refused for that, is read only up to the cap
    String joined = String.join(" ", words);
    int cap = Math.max(policy.maxCommandBytes(), MIN_SCANNED_CHARS);
    if (ShellPatterns.installsPackages((joined.length() > cap ? joined.substring(0, cap) : joined).toLowerCase(Locale.ROOT))) {
      out.add(new Violation("command.package_install", "command", "the command installs packages; provide everything through /in instead"));
    }
    checkPaths(command, words, out);
  }

  /**
   * Words for the remaining rules when the grammar refused the line: split at every kind of
   * space (and at U+FFFD, which stands for a refused control character), with every quote character
   * removed, so that {@code b"a"sh} is judged as {@code bash}.
   */
  private static List<String> conservativeWords(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= command.length(); ) {
      int cp = i < command.length() ? command.codePointAt(i) : ' ';
      if (cp == ' ' || cp == 0xFFFD || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || CodePoints.isInvisible(cp)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else if (cp != '\'' && cp != '"') {
        word.appendCodePoint(cp);
      }
      i += i < command.length() ? Character.charCount(cp) : 1;
    }
    return words;
  }

  private static void checkCharacters(String command, List<String> words, Policy policy, List<Violation> out) {
    int control = CodePoints.firstForbidden(command);
    if (control < 0) {
      control = command.indexOf('\t') >= 0 ? '\t' : -1;
    }
    boolean reported = out.stream().anyMatch(v -> v.code().equals("command.control_character"));
    if (control >= 0 && !reported) {
      out.add(
          new Violation(
              "command.control_character",
              "command",
              String.format("the command holds control character U+%04X", control)));
    }
    int invisible = CodePoints.firstInvisible(command);
    if (invisible >= 0x80 && out.stream().noneMatch(v -> v.code().equals("command.invisible_character"))) {
      out.add(
          new Violation(
              "command.invisible_character",
              "command",
              String.format(
                  "the command holds U+%04X, a space other than U+0020 or an invisible character; it would change"
                      + " the words without showing it",
                  invisible)));
    }
    for (int w = 0; w < words.size(); w++) {
      String word = words.get(w);
      boolean option = word.startsWith("-");
      boolean asciiLetters = word.chars().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
      for (int i = 0; i < word.length(); ) {
        int cp = word.codePointAt(i);
        i += Character.charCount(cp);
        if (cp < 0x80 || CodePoints.isInvisible(cp)) {
          continue;
        }
        boolean allowed =
            w > 0
                && !option
                && policy.allowNonAsciiArguments()
                && Character.isLetterOrDigit(cp)
                && !(asciiLetters && LOOK_ALIKE_SCRIPTS.contains(Character.UnicodeScript.of(cp)));
        if (!allowed) {
          out.add(
              new Violation(
                  "command.non_ascii",
                  "command",
                  String.format(
                      "the %s holds U+%04X; %s",
                      w == 0 ? "program name" : "command",
                      cp,
                      w == 0
                          ? "a program is named in ASCII"
                          : !policy.allowNonAsciiArguments()
                              ? "the command is printable ASCII (the policy's allow_non_ascii_arguments is off)"
                              : option
                                  ? "an option is written in ASCII"
                                  : "only non-ASCII letters and digits are allowed in arguments, and never letters of"
                                      + " a look-alike script mixed with ASCII letters in one word")));
          return;
        }
      }
    }
    if (command.indexOf('\uFFFD') >= 0) {
      // the words leave U+FFFD out (it may stand for a refused character); it is no letter or digit
      out.add(
          new Violation(
              "command.non_ascii",
              "command",
              "the command holds U+FFFD; "
                  + (policy.allowNonAsciiArguments()
                      ? "only non-ASCII letters and digits are allowed in arguments"
                      : "the command is printable ASCII (the policy's allow_non_ascii_arguments is off)")));
    }
  }

  private static void checkProgram(List<String> words, Language language, Policy policy, List<Violation> out) {
    String program = words.get(0);
    String name = program.substring(program.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    if (program.contains("/") && PROGRAM_DIRS.stream().noneMatch(dir -> program.startsWith(dir) && !name.isEmpty()
        && program.length() == dir.length() + name.length())) {
      out.add(
          new Violation(
              "command.program_path",
              "command",
              "the program '" + Text.printable(program) + "' must be an installed program, named alone or under "
                  + String.join(", ", PROGRAM_DIRS)));
    }
    boolean listed = policy.allowsProgram(language, name);
    if (Shells.runsShellText(lower)) {
      out.add(new Violation("command.shell", "command", "the command starts a shell ('" + Text.printable(name) + "')"));
    } else if (PRIVILEGED.contains(lower)) {
      out.add(new Violation("command.privileged", "command", "'" + Text.printable(name) + "' is a privileged or host-control tool"));
    } else if (!listed) {
      String kind = LAUNCHERS.contains(lower) ? "a launcher that runs other programs, " : "";
      out.add(
          new Violation(
              "command.language_mismatch",
              "command",
              "'" + Text.printable(name) + "' is " + kind + "not a " + language.wireName()
                  + " program; the request's language binds the program it runs (add it to the policy's programs"
                  + " to allow it)"));
    }
    if (LAUNCHERS.contains(lower) || (listed && !language.isProgram(name))) {
      // A launcher, or a program the policy added: nothing after it may start a shell or a privilege tool.
      for (String word : words.subList(1, words.size())) {
        String inner = word.substring(word.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (Shells.runsShellText(inner)) {
          out.add(new Violation("command.shell", "command", "the command starts a shell ('" + Text.printable(inner) + "')"));
          break;
        }
        if (PRIVILEGED.contains(inner)) {
          out.add(new Violation("command.privileged", "command", "'" + Text.printable(inner) + "' is a privileged or host-control tool"));
          break;
        }
      }
    }
    if (language == Language.GO && listed && language.isProgram(name)) {
      for (String word : words.subList(1, words.size())) {
        if (word.equals("generate") || word.contains("-exec") || word.contains("-toolexec") || word.contains("-vettool")) {
          out.add(
              new Violation(
                  "command.language_mismatch",
                  "command",
                  "go's '" + Text.printable(word) + "' runs other programs; the request's language binds the program"
                      + " it runs"));
          break;
        }
      }
    }
  }

  private static void checkPaths(String command, List<String> words, List<Violation> out) {
    Set<String> hostPaths = new LinkedHashSet<>();
    Set<String> devices = new LinkedHashSet<>();
    boolean traversal = RELATIVE_TRAVERSAL.matcher(command).find();
    for (String word : words) {
      if (RELATIVE_TRAVERSAL.matcher(word).find()) {
        traversal = true;
      }
      for (String path : absolutePaths(word)) {
        if (path.equals("/..") || path.contains("/../") || path.endsWith("/..")) {
          traversal = true;
        } else if (path.startsWith("/dev/") || path.equals("/dev")) {
          if (!SAFE_DEVICES.contains(path) && !FD_DEVICE.matcher(path).matches()) {
            devices.add(path);
          }
        } else if (SANDBOX_ROOTS.stream().noneMatch(root -> path.equals(root) || path.startsWith(root + "/"))) {
          hostPaths.add(path);
        }
      }
    }
    if (command.contains("docker.sock") || command.contains("containerd.sock")) {
      devices.add("docker.sock");
    }
    if (HOME.matcher(command).find() || WINDOWS_PATH.matcher(command).find()) {
      hostPaths.add("~");
    }
    if (traversal) {
      out.add(new Violation("command.path_traversal", "command", "the command climbs out of a directory with '..'"));
    }
    if (!hostPaths.isEmpty()) {
      out.add(
          new Violation(
              "command.host_path",
              "command",
              "the command names paths outside /in, /out, /tmp and /usr: "
                  + Text.printable(String.join(" ", hostPaths))));
    }
    if (!devices.isEmpty()) {
      out.add(
          new Violation(
              "command.device",
              "command",
              "the command names privileged devices: " + Text.printable(String.join(" ", devices))));
    }
  }

  /**
   * Absolute paths in a word: at its start, after a space (inside a quoted word), after {@code = :
   * ,} or a quote, or after a leading option name such as {@code --out/}.
   */
  private static List<String> absolutePaths(String token) {
    List<String> paths = new ArrayList<>();
    int firstSlash = token.indexOf('/');
    for (int p = firstSlash; p >= 0; p = token.indexOf('/', p + 1)) {
      boolean start;
      if (p == 0) {
        start = true;
      } else {
        char prev = token.charAt(p - 1);
        boolean url = prev == ':' && p + 1 < token.length() && token.charAt(p + 1) == '/';
        boolean fileUrl = url && token.regionMatches(true, Math.max(0, p - 5), "file:", 0, 5);
        start =
            fileUrl
                || (!url
                    && (" =:,;'\"@[({<".indexOf(prev) >= 0
                        || (p == firstSlash && OPTION_PREFIX.matcher(token.substring(0, p)).matches())));
      }
      if (start) {
        int end = p;
        while (end < token.length() && " '\",:;)]}>".indexOf(token.charAt(end)) < 0) {
          end++;
        }
        paths.add(normalise(token.substring(p, end)));
        p = end;
      }
    }
    return paths;
  }

  private static String normalise(String path) {
    String collapsed = path.contains("//") ? SLASHES.matcher(path).replaceAll("/") : path;
    collapsed = collapsed.replace("/./", "/");
    if (collapsed.endsWith("/.")) {
      collapsed = collapsed.substring(0, collapsed.length() - 2);
    }
    return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
  }
}
