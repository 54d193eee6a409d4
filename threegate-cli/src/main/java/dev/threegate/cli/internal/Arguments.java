package dev.threegate.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command line: a command, {@code --name value} (or {@code --name=value}) options, positionals. */
public final class Arguments {
  private final String command;
  private final Map<String, String> options;
  private final List<String> positionals;

  private Arguments(String command, Map<String, String> options, List<String> positionals) {
    this.command = command;
    this.options = options;
    this.positionals = positionals;
  }

  /**
   * Parses arguments.
   *
   * @param args the arguments
   * @param valued the options that take a value
   * @param flags the options that take none
   * @return the parsed arguments
   * @throws UsageException for an unknown option or a missing value
   */
  public static Arguments parse(String[] args, Set<String> valued, Set<String> flags) {
    String command = "";
    Map<String, String> options = new HashMap<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")) {
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (eq > 0) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        }
        if (flags.contains(name) && value == null) {
          options.put(name, "true");
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          if (options.put(name, value) != null) {
            throw new UsageException(name + " is given twice");
          }
        } else {
          throw new UsageException("unknown option " + name);
        }
      } else if (command.isEmpty()) {
        command = arg;
      } else {
        positionals.add(arg);
      }
    }
    return new Arguments(command, options, positionals);
  }

  /** @return the command, such as {@code run}; empty when none was given */
  public String command() {
    return command;
  }

  /** @return whether a flag or option was given */
  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** @return an option's value */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** @return a required option's value as a path */
  public Path requiredPath(String name) {
    return Path.of(option(name).orElseThrow(() -> new UsageException(command + " needs " + name)));
  }

  /** @return an option's value as a path */
  public Optional<Path> path(String name) {
    return option(name).map(Path::of);
  }

  /** @return the positional arguments after the command */
  public List<String> positionals() {
    return List.copyOf(positionals);
  }

  /** A command line that cannot be understood. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public UsageException(String message) {
      super(message);
    }
  }
}
