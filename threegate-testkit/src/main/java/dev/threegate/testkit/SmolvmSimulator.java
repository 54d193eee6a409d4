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
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A simulator of smolvm's CLI ({@code smol-machines/smolvm}, as of v1.9.3), for testing a
 * smolvm-backed gate on a machine without smolvm or KVM. It is a bash script that reproduces the
 * {@code machine} commands and flags the smolvm backend uses ({@code create}, {@code start}, {@code
 * exec}, {@code egress-events --json}, {@code stop}, {@code delete}, {@code ls --json}), {@code
 * --version}, smolvm's own errors ({@code Error: …} on stderr, exit 1), clap's usage errors (exit
 * 2, e.g. {@code --unprivileged} on {@code create}), the guest's exit code passed through, 124 when
 * {@code exec --timeout} fires (with smolvm's {@code command timed out after Nms} line), the
 * per-stream output cap (cut silently) and {@code delete}'s prompt without {@code -f}. It runs the
 * argv for real with the host's programs in the machine's directory, with {@code /in} and {@code
 * /out} in its arguments mapped to the machine's volumes, and like smolvm buffers the output and
 * prints stdout, then stderr, when the command has ended. It isolates nothing: use it with trusted commands only.
 *
 * <p>Simulator-only environment variables are the constants of this class.
 */
public final class SmolvmSimulator {
  /** The state directory holding the machines ({@code machines/<name>/}); default {@code SMOLVM_DATA_DIR}, else {@code /tmp/threegate-smolvm-sim}. */
  public static final String STATE = "SMOLVM_SIM_STATE";

  /** The version {@code --version} reports; default {@code 1.9.3}. */
  public static final String VERSION = "SMOLVM_SIM_VERSION";

  /** Bytes of each stream {@code machine exec} passes on (smolvm buffers about 11 MiB); default 11534336. */
  public static final String OUTPUT_CAP = "SMOLVM_SIM_OUTPUT_CAP";

  /** stdout+stderr bytes past which {@code machine exec} fails with smolvm's {@code command output too large} error and prints no output; default 20971520. */
  public static final String TOTAL_CAP = "SMOLVM_SIM_TOTAL_CAP";

  /** {@code create}, {@code start} or {@code exec}: that command fails as smolvm does. */
  public static final String FAIL = "SMOLVM_SIM_FAIL";

  /** Non-empty: {@code machine start} never returns. */
  public static final String HANG_START = "SMOLVM_SIM_HANG_START";

  /** Non-empty: the guest stops during {@code machine exec} without an exit status. */
  public static final String GUEST_STOP = "SMOLVM_SIM_GUEST_STOP";

  /**
   * {@code ip:port} or a name, comma-separated: an exec in a machine with a network records these as
   * denied ({@code connect} for an address, {@code resolve} for a name).
   */
  public static final String DENY = "SMOLVM_SIM_DENY";

  private SmolvmSimulator() {}

  /**
   * Writes the simulator as an executable named {@code smolvm} into a directory.
   *
   * @param directory where to write it (created when missing)
   * @return the executable's path
   */
  public static Path install(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try (InputStream in = SmolvmSimulator.class.getResourceAsStream("smolvm/smolvm")) {
      if (in == null) {
        throw new IllegalStateException("the smolvm simulator is missing from the testkit");
      }
      Files.createDirectories(directory);
      Path smolvm = directory.resolve("smolvm");
      Path partial = Files.createTempFile(directory, "smolvm", ".partial");
      Files.write(partial, in.readAllBytes(), StandardOpenOption.TRUNCATE_EXISTING);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(partial, smolvm, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return smolvm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The machines a simulator's state directory still holds.
   *
   * @param state the directory given as {@value #STATE}
   * @return their names, empty when there are none
   */
  public static List<String> machines(Path state) {
    Path machines = state.resolve("machines");
    if (!Files.isDirectory(machines)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(machines)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
