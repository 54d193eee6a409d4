package dev.threegate.internal.policy;

import dev.threegate.internal.text.ShellPatterns;
import dev.threegate.internal.text.Text;
import dev.threegate.policy.Policy;
import dev.threegate.policy.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the one command line of a request (trusted computing base: changes here need a
 * second look). The command may reach a shell on some backends, so anything a shell would treat as
 * more than one program, a redirection or a substitution is refused, as are shells themselves,
 * privilege tools, package installation, paths outside the sandbox's {@code /in}, {@code /out},
 * {@code /tmp} and {@code /usr}, and devices.
 */
final class CommandRules {
  private static final Set<String> SHELLS =
      Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "csh", "tcsh", "fish", "ash", "busybox",
          "pwsh", "powershell", "cmd", "eval", "source", ".", "exec", "xargs", "script");
  private static final Set<String> PRIVILEGED =
      Set.of("sudo", "su", "doas", "pkexec", "runuser", "nsenter", "chroot", "unshare", "mount", "umount",
          "insmod", "modprobe", "rmmod", "setcap", "capsh", "iptables", "nft", "docker", "podman",
          "kubectl", "systemctl", "crontab", "at");
  private static final Set<String> WRAPPERS =
      Set.of("env", "nohup", "nice", "ionice", "timeout", "stdbuf", "command", "builtin", "time", "setsid", "chrt", "taskset", "flock");
  private static final Pattern EXPANSION = Pattern.compile("\\$[^\\s]|\\\\");
  private static final Set<String> SAFE_DEVICES =
      Set.of("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/stdin", "/dev/stdout", "/dev/stderr");
  private static final List<String> SANDBOX_ROOTS = List.of("/in", "/out", "/tmp", "/usr");
  private static final Pattern SLASHES = Pattern.compile("/{2,}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern FD_DEVICE = Pattern.compile("/dev/fd/[0-9]{1,3}");
  private static final Pattern OPTION_PREFIX = Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern RELATIVE_TRAVERSAL = Pattern.compile("(?:^|[\\s=:,'\"/])\\.\\.(?:/|$|[\\s'\"])");
  private static final Pattern HOME = Pattern.compile("(?:^|[\\s=:,'\"])~[A-Za-z0-9_.-]*(?:/|$|[\\s'\"])");
  private static final Pattern WINDOWS_PATH = Pattern.compile("(?:^|[\\s=:'\"])[A-Za-z]:[\\\\/]");

  private CommandRules() {}

  static void check(String command, Policy policy, List<Violation> out) {
    if (command.isBlank()) {
      out.add(new Violation("command.missing", "command", "the request holds no command"));
      return;
    }
    int control = command.codePoints().filter(cp -> cp < 0x20 || Text.isForbiddenControl(cp)).findFirst().orElse(-1);
    if (control >= 0) {
      out.add(
          new Violation(
              "command.control_character",
              "command",
              String.format("the command holds control character U+%04X", control)));
    }
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
    List<String> tokens = tokens(command);
    List<String> programs = programs(tokens);
    programs.stream()
        .filter(SHELLS::contains)
        .findFirst()
        .ifPresent(p -> out.add(new Violation("command.shell", "command", "the command starts a shell ('" + Text.printable(p) + "')")));
    programs.stream()
        .filter(PRIVILEGED::contains)
        .findFirst()
        .ifPresent(p -> out.add(new Violation("command.privileged", "command", "'" + Text.printable(p) + "' is a privileged or host-control tool")));
    if (ShellPatterns.installsPackages(command.toLowerCase(Locale.ROOT))) {
      out.add(new Violation("command.package_install", "command", "the command installs packages; provide everything through /in instead"));
    }
    checkPaths(command, tokens, out);
  }

  private static void checkPaths(String command, List<String> tokens, List<Violation> out) {
    Set<String> hostPaths = new LinkedHashSet<>();
    Set<String> devices = new LinkedHashSet<>();
    boolean traversal = command.contains("..") && RELATIVE_TRAVERSAL.matcher(command).find();
    for (String token : tokens) {
      for (String path : absolutePaths(token)) {
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
    if ((command.indexOf('~') >= 0 && HOME.matcher(command).find())
        || (command.indexOf(':') >= 0 && WINDOWS_PATH.matcher(command).find())) {
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

  /** Absolute paths in a token: at its start, after {@code = : ,} or a quote, or after an option name. */
  private static List<String> absolutePaths(String token) {
    List<String> paths = new ArrayList<>();
    for (int p = token.indexOf('/'); p >= 0; p = token.indexOf('/', p + 1)) {
      boolean start;
      if (p == 0) {
        start = true;
      } else {
        char prev = token.charAt(p - 1);
        boolean url = prev == ':' && p + 1 < token.length() && token.charAt(p + 1) == '/';
        boolean fileUrl = url && token.regionMatches(true, Math.max(0, p - 5), "file:", 0, 5);
        start =
            fileUrl
                || (!url && ("=:,;'\"@[({<".indexOf(prev) >= 0 || OPTION_PREFIX.matcher(token.substring(0, p)).matches()));
        if (fileUrl) {
          int slashes = p;
          while (slashes < token.length() && token.charAt(slashes) == '/') {
            slashes++;
          }
          p = slashes - 1;
        }
      }
      if (start) {
        int end = p;
        while (end < token.length() && "'\",:;)]}>".indexOf(token.charAt(end)) < 0) {
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

  private static List<String> tokens(String command) {
    List<String> tokens = new ArrayList<>();
    for (String raw : WHITESPACE.split(command.strip())) {
      String token = raw;
      while (token.length() > 0 && (token.charAt(0) == '\'' || token.charAt(0) == '"')) {
        token = token.substring(1);
      }
      while (token.length() > 0 && (token.endsWith("'") || token.endsWith("\""))) {
        token = token.substring(0, token.length() - 1);
      }
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  /**
   * The names that may be the program the command starts: the first word, and when that is a
   * wrapper such as {@code env}, {@code timeout} or {@code nohup} (whose own options take
   * arguments), every later word, so no option syntax can hide the program behind it.
   */
  private static List<String> programs(List<String> tokens) {
    List<String> names = tokens.stream().map(t -> t.substring(t.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)).toList();
    if (names.isEmpty()) {
      return names;
    }
    return WRAPPERS.contains(names.get(0)) ? names : names.subList(0, 1);
  }
}
