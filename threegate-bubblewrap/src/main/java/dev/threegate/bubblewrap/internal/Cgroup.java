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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh cgroup for one run, limiting memory, processes and CPU bandwidth: cgroup v2 ({@code
 * memory.max}, {@code memory.swap.max}, {@code pids.max}, {@code cpu.max}) where the unified
 * hierarchy is mounted at {@code /sys/fs/cgroup} with those controllers, otherwise cgroup v1
 * ({@code memory.limit_in_bytes}, {@code memory.memsw.limit_in_bytes}, {@code pids.max}, {@code
 * cpu.cfs_quota_us}). The sandbox joins it by writing its PID to the {@link #procsFiles()} before
 * it starts. Which files enforced what is reported as it is.
 */
public final class Cgroup implements AutoCloseable {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private final String version;
  private final List<Path> directories;
  private final List<Path> procsFiles;
  private final Optional<String> memoryMechanism;
  private final Optional<String> pidsMechanism;
  private final Optional<String> cpuMechanism;
  private final Optional<Path> oomEvents;

  private Cgroup(String version, List<Path> directories, List<Path> procsFiles, Optional<String> memory,
      Optional<String> pids, Optional<String> cpu, Optional<Path> oomEvents) {
    this.version = version;
    this.directories = directories;
    this.procsFiles = procsFiles;
    this.memoryMechanism = memory;
    this.pidsMechanism = pids;
    this.cpuMechanism = cpu;
    this.oomEvents = oomEvents;
  }

  /**
   * Creates a cgroup with the limits, when this host lets us.
   *
   * @param memoryBytes the memory limit
   * @param maxProcesses the process limit
   * @param cpus the CPU bandwidth, in CPUs
   * @return the cgroup, or empty when neither v2 nor v1 controllers are writable here
   */
  public static Optional<Cgroup> create(long memoryBytes, long maxProcesses, long cpus) {
    String name = "threegate-" + UUID.randomUUID();
    try {
      if (isV2()) {
        return Optional.of(createV2(name, memoryBytes, maxProcesses, cpus));
      }
      if (Files.isWritable(ROOT.resolve("memory")) && Files.isWritable(ROOT.resolve("pids"))) {
        return Optional.of(createV1(name, memoryBytes, maxProcesses, cpus));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isV2() throws IOException {
    Path controllers = ROOT.resolve("cgroup.controllers");
    if (!Files.isRegularFile(controllers)) {
      return false;
    }
    String list = Files.readString(controllers);
    return list.contains("memory") && list.contains("pids") && Files.isWritable(ROOT);
  }

  private static Cgroup createV2(String name, long memoryBytes, long maxProcesses, long cpus) throws IOException {
    Path parent = ROOT.resolve("threegate");
    Files.createDirectories(parent);
    write(ROOT.resolve("cgroup.subtree_control"), "+memory +pids");
    write(parent.resolve("cgroup.subtree_control"), "+memory +pids");
    boolean cpu = tryWrite(ROOT.resolve("cgroup.subtree_control"), "+cpu") && tryWrite(parent.resolve("cgroup.subtree_control"), "+cpu");
    Path dir = Files.createDirectory(parent.resolve(name));
    try {
      write(dir.resolve("memory.max"), Long.toString(memoryBytes));
      tryWrite(dir.resolve("memory.swap.max"), "0");
      write(dir.resolve("pids.max"), Long.toString(maxProcesses));
      boolean cpuSet = cpu && tryWrite(dir.resolve("cpu.max"), (cpus * 100_000) + " 100000");
      return new Cgroup("v2", List.of(dir), List.of(dir.resolve("cgroup.procs")),
          Optional.of("cgroup v2 memory.max"), Optional.of("cgroup v2 pids.max"),
          cpuSet ? Optional.of("cgroup v2 cpu.max") : Optional.empty(), Optional.of(dir.resolve("memory.events")));
    } catch (IOException | RuntimeException e) {
      removeQuietly(dir);
      throw e;
    }
  }

  private static Cgroup createV1(String name, long memoryBytes, long maxProcesses, long cpus) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try {
      Path memory = Files.createDirectory(ROOT.resolve("memory").resolve(name));
      dirs.add(memory);
      write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
      tryWrite(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
      Path pids = Files.createDirectory(ROOT.resolve("pids").resolve(name));
      dirs.add(pids);
      write(pids.resolve("pids.max"), Long.toString(maxProcesses));
      Optional<String> cpuMechanism = Optional.empty();
      List<Path> procs = new ArrayList<>(List.of(memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs")));
      if (Files.isWritable(ROOT.resolve("cpu"))) {
        Path cpu = Files.createDirectory(ROOT.resolve("cpu").resolve(name));
        dirs.add(cpu);
        if (tryWrite(cpu.resolve("cpu.cfs_period_us"), "100000") && tryWrite(cpu.resolve("cpu.cfs_quota_us"), Long.toString(cpus * 100_000))) {
          cpuMechanism = Optional.of("cgroup v1 cpu.cfs_quota_us");
          procs.add(cpu.resolve("cgroup.procs"));
        }
      }
      return new Cgroup("v1", List.copyOf(dirs), List.copyOf(procs),
          Optional.of("cgroup v1 memory.limit_in_bytes"), Optional.of("cgroup v1 pids.max"), cpuMechanism,
          Optional.of(memory.resolve("memory.oom_control")));
    } catch (IOException | RuntimeException e) {
      dirs.forEach(Cgroup::removeQuietly);
      throw e;
    }
  }

  /** @return {@code v1} or {@code v2} */
  public String version() {
    return version;
  }

  /** @return the files the sandbox's PID is written to, to join this cgroup */
  public List<Path> procsFiles() {
    return procsFiles;
  }

  /** @return what enforced the memory limit */
  public Optional<String> memoryMechanism() {
    return memoryMechanism;
  }

  /** @return what enforced the process limit */
  public Optional<String> pidsMechanism() {
    return pidsMechanism;
  }

  /** @return what enforced the CPU bandwidth */
  public Optional<String> cpuMechanism() {
    return cpuMechanism;
  }

  /** @return whether the kernel killed a process of this cgroup for memory */
  public boolean oomKilled() {
    if (oomEvents.isEmpty()) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(oomEvents.get(), StandardCharsets.UTF_8)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 2 && parts[0].equals("oom_kill") && Long.parseLong(parts[1]) > 0) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Removes the cgroup directories, retrying briefly while the kernel still counts a task. */
  @Override
  public void close() {
    for (Path dir : directories) {
      for (int attempt = 0; attempt < 1000 && Files.exists(dir); attempt++) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          try {
            Thread.sleep(1);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  private static boolean tryWrite(Path file, String value) {
    try {
      write(file, value);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void removeQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // left for the host's cleanup; an empty cgroup holds no resources
    }
  }
}
