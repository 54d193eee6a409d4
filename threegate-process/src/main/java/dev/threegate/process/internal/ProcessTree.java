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
package dev.threegate.process.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * The process a run started and everything it started: the direct child (recorded when
 * commons-exec hands it to its process destroyer), every descendant seen while sampling, and, when
 * the child leads its own session, every process left in its process group (found in {@code
 * /proc}). {@link #killAll()} sends SIGKILL to all of them; a process that left the group and the
 * tree before it was seen is out of reach, which is why sandboxes add a PID namespace.
 */
public final class ProcessTree implements ProcessDestroyer {
  private static final long PF_EXITING = 0x4;
  /** The most processes a tree walk visits: a fork bomb's tree is not walked forever. */
  private static final int MAX_TREE = 100_000;
  private static final long SIGKILL_BIT = 1L << (9 - 1);

  private final boolean ownGroup;
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
  private volatile Process process;

  /**
   * Creates an empty tree.
   *
   * @param ownGroup whether the child was started as the leader of a new session and process group
   */
  public ProcessTree(boolean ownGroup) {
    this.ownGroup = ownGroup;
  }

  @Override
  public boolean add(Process started) {
    this.process = started;
    return true;
  }

  @Override
  public boolean remove(Process finished) {
    return true;
  }

  @Override
  public int size() {
    return process == null ? 0 : 1;
  }

  /** Records the current descendants, so they can be killed after their parent has gone. */
  public void sample() {
    Process p = process;
    if (p != null && p.isAlive()) {
      seen.addAll(descendants(p));
    }
  }

  /**
   * A process's descendants, read down from it through {@code /proc/<pid>/task/<tid>/children}:
   * the cost follows the tree, not the machine ({@link Process#descendants()} reads the {@code stat}
   * of every process of the host, a millisecond or more on a busy one, every 50 ms of a run). Where
   * the kernel has no {@code children} files, {@link Process#descendants()}. Either is a snapshot of
   * a moving tree; the process group scan at the end catches what left the tree.
   */
  static List<ProcessHandle> descendants(Process p) {
    Path root = Path.of("/proc", Long.toString(p.pid()), "task", Long.toString(p.pid()), "children");
    if (!Files.isReadable(root)) {
      return p.descendants().toList();
    }
    List<ProcessHandle> found = new java.util.ArrayList<>();
    java.util.ArrayDeque<Long> pending = new java.util.ArrayDeque<>();
    Set<Long> visited = new java.util.HashSet<>();
    pending.add(p.pid());
    visited.add(p.pid());
    while (!pending.isEmpty() && visited.size() < MAX_TREE) {
      long pid = pending.poll();
      try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : tasks) {
          for (long child : pids(Files.readAllBytes(task.resolve("children")))) {
            if (visited.add(child)) {
              ProcessHandle.of(child).ifPresent(found::add);
              pending.add(child);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // the process or task ended meanwhile
      }
    }
    return found;
  }

  /** The process ids in a {@code children} file: decimal numbers separated by spaces. */
  private static List<Long> pids(byte[] text) {
    List<Long> pids = new java.util.ArrayList<>();
    long value = 0;
    int digits = 0;
    for (byte b : text) {
      if (b >= '0' && b <= '9' && digits < 18) {
        value = value * 10 + (b - '0');
        digits++;
      } else {
        if (digits > 0) {
          pids.add(value);
        }
        value = 0;
        digits = 0;
      }
    }
    if (digits > 0) {
      pids.add(value);
    }
    return pids;
  }

  /**
   * Kills every process of the tree with SIGKILL.
   *
   * @return how many processes other than the direct child were still alive and killed
   */
  public int killAll() {
    Process p = process;
    if (p == null) {
      return 0;
    }
    int killed = 0;
    if (p.isAlive()) {
      seen.addAll(descendants(p));
    }
    if (ownGroup) {
      for (ProcessHandle member : groupMembers(p.pid())) {
        if (member.pid() != p.pid() && running(member) && member.destroyForcibly()) {
          killed++;
        }
      }
    }
    for (ProcessHandle handle : seen) {
      if (running(handle) && handle.destroyForcibly()) {
        killed++;
      }
    }
    p.destroyForcibly();
    return killed;
  }

  /**
   * Whether a process still runs on its own: alive, not a zombie, not already exiting ({@code
   * PF_EXITING}) and without a SIGKILL pending. A sandbox's init reports the tool's exit and then
   * exits, and its parent's death sends it SIGKILL ({@code PR_SET_PDEATHSIG}); when the direct
   * child has gone, such a process is already ending and is not one the tool left running.
   */
  private static boolean running(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    Path dir = Path.of("/proc", Long.toString(handle.pid()));
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return true;
    }
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      char state = fields[0].charAt(0);
      long flags = Long.parseLong(fields[6]);
      if (state == 'Z' || state == 'X' || state == 'x' || (flags & PF_EXITING) != 0) {
        return false;
      }
      for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
        if ((line.startsWith("SigPnd:") || line.startsWith("ShdPnd:"))
            && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & SIGKILL_BIT) != 0) {
          return false;
        }
      }
      return handle.isAlive();
    } catch (IOException | RuntimeException e) {
      return handle.isAlive() && Files.isDirectory(dir);
    }
  }

  /** The live processes whose process group is {@code pgid}, from {@code /proc/<pid>/stat}. */
  private static List<ProcessHandle> groupMembers(long pgid) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(proc)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .filter(name -> processGroup(proc.resolve(name).resolve("stat")) == pgid)
          .map(name -> ProcessHandle.of(Long.parseLong(name)))
          .flatMap(java.util.Optional::stream)
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The process group in a {@code /proc/<pid>/stat}: the third field after the command name in
   * parentheses (which may itself hold spaces and parentheses, hence the last one). Parsed in
   * place: this runs for every process of the machine at the end of every run.
   */
  private static long processGroup(Path stat) {
    try {
      byte[] text = Files.readAllBytes(stat);
      int i = text.length - 1;
      while (i >= 0 && text[i] != ')') {
        i--;
      }
      if (i < 0) {
        return -1;
      }
      i += 2; // ") "
      for (int field = 0; field < 2; field++) { // state, ppid
        while (i < text.length && text[i] != ' ') {
          i++;
        }
        i++;
      }
      long group = 0;
      int digits = 0;
      for (; i < text.length && text[i] >= '0' && text[i] <= '9'; i++, digits++) {
        group = group * 10 + (text[i] - '0');
      }
      return digits == 0 || digits > 18 ? -1 : group;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
