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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The host user this JVM runs as, and the figures its process limit depends on. {@code
 * RLIMIT_NPROC} counts every process and thread of the real uid on the whole host, not only the
 * sandbox's, and does not bind root; the limit set is therefore the sandbox's share plus what the
 * uid already runs when the run starts.
 */
public final class HostUser {
  private HostUser() {}

  /** @return the real uid of this process, from {@code /proc/self}; -1 when unknown */
  public static long uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** @return whether this process runs as root (which {@code RLIMIT_NPROC} does not bind) */
  public static boolean isRoot() {
    return uid() == 0;
  }

  /**
   * The {@code RLIMIT_NPROC} value that leaves the sandbox {@code processes} more than the uid
   * runs now.
   *
   * @param processes the sandbox's share
   * @return the limit to set
   */
  public static long nprocLimit(long processes) {
    return processes + tasksOf(uid());
  }

  /** Counts the threads (tasks) whose real uid is {@code uid}, as the kernel counts them for NPROC. */
  private static long tasksOf(long uid) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .mapToLong(p -> ownedBy(p, uid) ? threads(p) : 0)
          .sum();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean ownedBy(Path process, long uid) {
    try {
      for (String line : Files.readAllLines(process.resolve("status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) == uid;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  private static long threads(Path process) {
    try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
      return tasks.count();
    } catch (IOException | RuntimeException e) {
      return 1;
    }
  }
}
