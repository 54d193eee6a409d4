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
package dev.threegate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A simulator of ERA's {@code agent} CLI, for testing an ERA-backed gate on a machine without ERA.
 * It is a bash script that reproduces agent's commands, flags, log lines, exit statuses, state
 * directory layout, the one-agent-per-machine refusal and krunvm's failure signatures, and runs
 * the command for real with {@code bash -c} in the VM's directory (guest paths {@code /in/} and
 * {@code /out/} in the command text are mapped to the VM's volumes). It isolates nothing: use it
 * with trusted commands only.
 *
 * <p>Simulator-only environment variables: {@value #LOCK} (the machine-wide lock file), {@value
 * #KRUNVM} ({@code missing} or {@code lock} make krunvm fail), {@value #HOLD_SECONDS} (keep the
 * lock after a command, to provoke the refusal), {@value #TIMES} (record each call's time).
 */
public final class AgentSimulator {
  /** The lock file standing for "one agent per machine"; default {@code /tmp/threegate-agent-sim.lock}. */
  public static final String LOCK = "AGENT_SIM_LOCK";

  /** {@code missing}: krunvm is not installed; {@code lock}: krunvm cannot take its lock (exit 255). */
  public static final String KRUNVM = "AGENT_SIM_KRUNVM";

  /** Seconds to keep the lock after each command. */
  public static final String HOLD_SECONDS = "AGENT_SIM_HOLD_SECONDS";

  /**
   * A file to which each call appends a line: its start and end in seconds since the epoch
   * (microseconds), and its command ({@code create}, {@code run}, {@code temp}, …): the time a
   * gate spent inside agent, and how many calls it made.
   */
  public static final String TIMES = "AGENT_SIM_TIMES";

  private AgentSimulator() {}

  /**
   * Writes the simulator as an executable named {@code agent} into a directory.
   *
   * @param directory where to write it (created when missing)
   * @return the executable's path
   */
  public static Path install(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try (InputStream in = AgentSimulator.class.getResourceAsStream("era/agent")) {
      if (in == null) {
        throw new IllegalStateException("the agent simulator is missing from the testkit");
      }
      Files.createDirectories(directory);
      Path agent = directory.resolve("agent");
      Files.write(agent, in.readAllBytes(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
      return agent;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
