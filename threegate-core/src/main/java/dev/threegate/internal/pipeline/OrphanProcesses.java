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
package dev.threegate.internal.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds and kills the processes a dead runner left working in its run directory (Linux, through
 * {@code /proc}): every process whose working directory is inside it, and, when such a process leads
 * its own session (the process runner starts sandboxes with {@code setsid}), everything in that
 * session. Other sessions are never touched. Elsewhere it does nothing.
 */
final class OrphanProcesses {
  private static final Path PROC = Path.of("/proc");

  private OrphanProcesses() {}

  /**
   * Kills the processes working in a directory, with SIGKILL.
   *
   * @param dir the stale run directory
   * @return how many processes were killed
   */
  static int kill(Path dir) {
    if (!Files.isDirectory(PROC)) {
      return 0;
    }
    Path target;
    try {
      target = dir.toRealPath();
    } catch (IOException e) {
      return 0;
    }
    long self = ProcessHandle.current().pid();
    List<Long> sessions = new ArrayList<>();
    List<ProcessHandle> inside = new ArrayList<>();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(p -> p.pid() != self).forEach(p -> {
        if (workingDirectory(p.pid()).filter(cwd -> cwd.startsWith(target)).isPresent()) {
          inside.add(p);
          OptionalLong session = session(p.pid());
          if (session.isPresent() && session.getAsLong() == p.pid()) {
            sessions.add(p.pid());
          }
        }
      });
    }
    int killed = 0;
    for (ProcessHandle p : inside) {
      killed += p.destroyForcibly() ? 1 : 0;
    }
    if (!sessions.isEmpty()) {
      try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
        for (ProcessHandle p : all.filter(p -> p.pid() != self).toList()) {
          OptionalLong session = session(p.pid());
          if (session.isPresent() && sessions.contains(session.getAsLong())) {
            killed += p.destroyForcibly() ? 1 : 0;
          }
        }
      }
    }
    return killed;
  }

  private static java.util.Optional<Path> workingDirectory(long pid) {
    try {
      return java.util.Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd")));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return java.util.Optional.empty();
    }
  }

  /** The session id, field 6 of {@code /proc/<pid>/stat} (after the command name in parentheses). */
  private static OptionalLong session(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(fields[3]));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
