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
package dev.threegate.bubblewrap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sandbox itself reported, on channels the tool cannot write to: the prelude's error file
 * (a failure to join the cgroup or set an rlimit) and bwrap's {@code --json-status-fd} output. Both
 * files live in the run's scratch directory, which the sandbox does not mount, and are opened by
 * the prelude before bwrap starts. bwrap writes {@code {"child-pid": …}} once its child exists and
 * {@code {"exit-code": N}} only when the tool's process ran and exited: a setup failure, or a
 * program that cannot be executed, leaves no exit code. Only the first 64 KiB of each file is read.
 *
 * @param preludeError what the prelude reported, empty when it succeeded
 * @param childStarted whether bwrap reported its child
 * @param toolExitCode the tool's exit code as bwrap's monitor reported it, when the tool ran
 */
public record SandboxStatus(String preludeError, boolean childStarted, OptionalInt toolExitCode) {
  private static final int MAX_BYTES = 64 * 1024;
  private static final Pattern CHILD_PID = Pattern.compile("\"child-pid\"\\s*:\\s*[0-9]+");
  private static final Pattern EXIT_CODE = Pattern.compile("\"exit-code\"\\s*:\\s*([0-9]{1,3})\\b");

  /**
   * Checks the components.
   *
   * @param preludeError the prelude's error, or empty
   * @param childStarted whether bwrap reported its child
   * @param toolExitCode the tool's exit code, when it ran
   */
  public SandboxStatus {
    java.util.Objects.requireNonNull(preludeError, "preludeError");
    java.util.Objects.requireNonNull(toolExitCode, "toolExitCode");
  }

  /**
   * Reads both files; a missing file reads as empty.
   *
   * @param preludeFile the prelude's error file
   * @param jsonStatusFile bwrap's JSON status file
   * @return the status
   * @throws IOException if a file exists but cannot be read
   */
  public static SandboxStatus read(Path preludeFile, Path jsonStatusFile) throws IOException {
    String prelude = head(preludeFile).strip();
    String json = head(jsonStatusFile);
    Matcher exit = EXIT_CODE.matcher(json);
    OptionalInt code = exit.find() ? OptionalInt.of(Integer.parseInt(exit.group(1))) : OptionalInt.empty();
    return new SandboxStatus(prelude, CHILD_PID.matcher(json).find(), code);
  }

  /** @return whether the tool's process ran and bwrap saw it exit */
  public boolean toolRan() {
    return toolExitCode.isPresent();
  }

  private static String head(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }
}
