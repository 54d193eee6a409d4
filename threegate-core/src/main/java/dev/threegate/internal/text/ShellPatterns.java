package dev.threegate.internal.text;

import java.util.List;
import java.util.regex.Pattern;

/** Shapes of shell commands that install or fetch and run packages; matched against lowercase text. */
public final class ShellPatterns {
  /** Package installation and fetch-and-run commands. */
  public static final List<Pattern> PACKAGE_INSTALL =
      List.of(
          Pattern.compile("\\b(?:pip[0-9.]*|pipx|uv|poetry|conda|mamba|micromamba|easy_install|pdm|hatch)\\b.*\\b(?:install|add|sync)\\b"),
          Pattern.compile("\\bpython[0-9.]*\\s+(?:-\\S+\\s+)*-m\\s*(?:pip|ensurepip)\\b"),
          Pattern.compile("\\b(?:npm|pnpm|yarn|bun|deno)\\s+(?:-\\S+\\s+)*(?:i|install|add|ci)\\b"),
          Pattern.compile("\\b(?:npx|pnpx|bunx|uvx)\\b"),
          Pattern.compile("\\b(?:npm|pnpm|yarn|bun)\\s+(?:-\\S+\\s+)*(?:exec|dlx|x|create|init)\\b"),
          Pattern.compile("\\b(?:pipx|uv|uvx|poetry|pdm|hatch)\\s+(?:-\\S+\\s+)*(?:run|tool)\\b.*(?:--with|--from|\\S+@)"),
          Pattern.compile("\\bpipx\\s+(?:-\\S+\\s+)*run\\b"),
          Pattern.compile("\\bgo\\s+run\\s+(?:-\\S+\\s+)*[^\\s/]+\\.[^\\s/]+/\\S*@"),
          Pattern.compile("\\b(?:gem|bundle|bundler)\\s+(?:-\\S+\\s+)*install\\b"),
          Pattern.compile("\\bgo\\s+(?:get|install|mod\\s+download)\\b"),
          Pattern.compile("\\b(?:apt|apt-get|aptitude|dpkg|yum|dnf|zypper|apk|brew|port|pacman|snap|flatpak|cargo|composer|rpm)\\s+(?:-\\S+\\s+)*(?:install|add|-i|-S|-U)\\b"),
          Pattern.compile("\\bcpanm?\\b"));

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
    boolean named = lowercase.contains("pip");
    for (String word : WORD_SEPARATORS.split(lowercase)) {
      int end = word.length();
      while (end > 0 && (Character.isDigit(word.charAt(end - 1)) || word.charAt(end - 1) == '.')) {
        end--;
      }
      if (INSTALLERS.contains(word.substring(0, end))) {
        named = true;
        break;
      }
    }
    if (!named) {
      return false;
    }
    for (Pattern pattern : PACKAGE_INSTALL) {
      if (pattern.matcher(lowercase).find()) {
        return true;
      }
    }
    return false;
  }
}
