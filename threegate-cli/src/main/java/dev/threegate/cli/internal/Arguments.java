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
package dev.threegate.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line once parsed: a command, its options by long name, positionals. */
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
   * Arguments already parsed.
   *
   * @param command the command, such as {@code run}
   * @param options the options given, by their long name ({@code --request}); a flag's value is {@code true}
   * @param positionals the positional arguments after the command
   * @return the arguments
   */
  public static Arguments of(String command, Map<String, String> options, List<String> positionals) {
    return new Arguments(command, Map.copyOf(options), List.copyOf(positionals));
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
