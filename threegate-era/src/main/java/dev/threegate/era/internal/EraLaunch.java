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
package dev.threegate.era.internal;

import dev.threegate.exec.Capabilities;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What both forms of the ERA backend (ERA's {@code agent} CLI and a ThreeGate {@code era-wrapper})
 * share to launch a command (trusted computing base): the line the guest's shell reads, the
 * environment, the fresh network namespace, and the capabilities they declare.
 */
public final class EraLaunch {
  /** The languages ERA runs. */
  public static final Set<Language> LANGUAGES = Set.copyOf(EnumSet.allOf(Language.class));

  /** The longest command ERA can carry on the guest kernel command line, in bytes. */
  public static final int MAX_COMMAND_BYTES = 1024;

  private static final Path UNSHARE = Path.of("/usr/bin/unshare");

  private EraLaunch() {}

  /**
   * What a form can do: a microVM, ERA's languages and command length, no network allowlist, and
   * file inputs and outputs only with guest volumes.
   */
  public static Capabilities capabilities(boolean guestVolumes) {
    return Capabilities.builder(Isolation.MICROVM)
        .languages(LANGUAGES)
        .maxCommandBytes(MAX_COMMAND_BYTES)
        .fileInputs(guestVolumes)
        .fileOutputs(guestVolumes)
        .build();
  }

  /**
   * The command as the line the guest's bash (or the wrapper's) reads: the judged argv, quoted so
   * that the shell expands nothing and runs exactly those words.
   *
   * @throws ExecutionException if the command has no argv (it was never validated)
   */
  public static String shellLine(ExecutionSpec spec) {
    try {
      return spec.command().shellQuoted();
    } catch (CommandSyntaxException e) {
      throw new ExecutionException("the command has no argv: " + e.getMessage(), e);
    }
  }

  /**
   * A process's environment: {@code PATH}, {@code HOME} and {@code LANG} of this process, then the
   * host's additions; nothing else of this process's environment.
   */
  public static Map<String, String> environment(Path scratch, Map<String, String> additions) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
    env.put("HOME", Optional.ofNullable(System.getenv("HOME")).orElse(scratch.toString()));
    env.put("LANG", "C.UTF-8");
    env.putAll(additions);
    return env;
  }

  /** The words that start a command inside a fresh network namespace with nothing but loopback. */
  public static List<String> unshare() {
    return isRoot() ? List.of("unshare", "--net", "--") : List.of("unshare", "--net", "--map-root-user", "--");
  }

  /**
   * Checks that a fresh network namespace can be asked for.
   *
   * @throws IllegalStateException if {@code unshare} is not installed
   */
  public static void requireUnshare() {
    if (!Files.isExecutable(UNSHARE)) {
      throw new IllegalStateException("network isolation needs /usr/bin/unshare (util-linux)");
    }
  }

  /** What kept the tool off the network: the namespace when asked for, else nothing (ERA does not). */
  public static NetworkEnforcement network(boolean isolated) {
    return isolated ? NetworkEnforcement.HOST_NAMESPACE : NetworkEnforcement.NOT_ENFORCED;
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }
}
