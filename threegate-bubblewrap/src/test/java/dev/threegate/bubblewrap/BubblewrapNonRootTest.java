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
package dev.threegate.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate run by a user who is not root, in a JVM of its own: which limits the host lets it
 * enforce, and that the result records the others as not enforced. As root (as in CI) the tests
 * create and use a dedicated system user, {@value #USER}; they are skipped, saying why, where that
 * is impossible.
 */
class BubblewrapNonRootTest {
  static final String USER = "threegate-sbx";
  private static Path base;
  private static List<String> java;
  private static int runs;

  @BeforeAll
  static void prepare() throws Exception {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
    boolean root = "root".equals(System.getProperty("user.name"));
    base = Files.createTempDirectory("threegate-nonroot-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>();
    if (root) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to run as another user");
      String ids = ensureUser();
      command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + ids.split(":")[0], "--regid=" + ids.split(":")[1], "--clear-groups",
          "--reset-env"));
    }
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of("-cp", copyClasspath(), NonRootRunMain.class.getName()));
    java = command;
  }

  /** Creates the dedicated user if missing; returns uid:gid. */
  private static String ensureUser() throws Exception {
    String ids = run(List.of("/usr/bin/id", "-u", USER)).strip();
    if (ids.isEmpty() || !ids.chars().allMatch(Character::isDigit)) {
      assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "useradd is needed to create the user " + USER);
      List<String> useradd = new java.util.ArrayList<>(List.of("/usr/sbin/useradd", "--system", "--no-create-home", "--shell",
          "/usr/sbin/nologin"));
      if (!run(List.of("/usr/bin/getent", "group", USER)).isBlank()) {
        useradd.addAll(List.of("-g", USER)); // a group left by an earlier user of that name
      }
      useradd.add(USER);
      run(useradd);
      ids = run(List.of("/usr/bin/id", "-u", USER)).strip();
      assumeTrue(!ids.isEmpty() && ids.chars().allMatch(Character::isDigit), "cannot create the user " + USER);
    }
    return ids + ":" + run(List.of("/usr/bin/id", "-g", USER)).strip();
  }

  /** Copies this JVM's class and module path where the other user can read it. */
  private static String copyClasspath() throws IOException {
    Path cp = Files.createDirectory(base.resolve("cp"));
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        Path source = Path.of(entry);
        if (entry.isEmpty() || !Files.exists(source)) {
          continue;
        }
        Path target = cp.resolve(Integer.toString(i++) + (Files.isDirectory(source) ? "" : ".jar"));
        try (Stream<Path> files = Files.walk(source)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Path copy = target.resolve(source.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(copy);
            } else {
              Files.createDirectories(copy.getParent());
              Files.copy(file, copy);
            }
          }
        }
        entries.add(target.toString());
      }
    }
    try (Stream<Path> files = Files.walk(cp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (base != null) {
      try (Stream<Path> files = Files.walk(base)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Runs a snippet as the other user and returns what the child printed. */
  private static List<String> gate(String python, long memoryMb, long maxProcesses, boolean requireEnforced) throws Exception {
    return gate(python, memoryMb, maxProcesses, requireEnforced, "");
  }

  private static List<String> gate(String python, long memoryMb, long maxProcesses, boolean requireEnforced, String mode)
      throws Exception {
    Path dir = Files.createDirectory(base.resolve("run-" + ++runs));
    for (String sub : new String[] {"in", "out", "scratch"}) {
      Files.createDirectory(dir.resolve(sub));
    }
    if ("root".equals(System.getProperty("user.name"))) {
      // chown by number: the JDK's name lookup fails with ERANGE on some hosts
      List<String> chown = new ArrayList<>(List.of("/usr/bin/chown", ensureUser()));
      for (String sub : new String[] {"", "in", "out", "scratch"}) {
        chown.add(dir.resolve(sub).toString());
      }
      run(chown);
    }
    List<String> command = new ArrayList<>(java);
    command.addAll(List.of(dir.toString(), Long.toString(memoryMb), "30", Long.toString(maxProcesses),
        Boolean.toString(requireEnforced), python, mode));
    String output = run(command);
    assertThat(output).as(output).contains("UID ");
    return output.lines().toList();
  }

  private static String limit(List<String> lines, String name) {
    return lines.stream().filter(l -> l.startsWith("LIMIT " + name + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + lines));
  }

  @Test
  void aCleanRunAsAnotherUserIsRecordedLimitByLimit() throws Exception {
    List<String> lines = gate("print('hello')", 256, 64, false);
    assertThat(lines).as(String.join("\n", lines)).contains("STATUS COMPLETED", "STDOUT hello").noneMatch(l -> l.startsWith("ANOMALY"));
    assertThat(lines).noneMatch(l -> l.startsWith("UID root"));
    assertThat(limit(lines, "tmp_bytes")).contains("tmpfs size on /tmp (bwrap --size)");
    assertThat(limit(lines, "nested_user_namespaces")).endsWith("bwrap --disable-userns");
    assertThat(limit(lines, "seccomp_denied_syscalls")).contains("seccomp filter (EPERM)");
    if (limit(lines, "memory_mb").contains("cgroup")) {
      assertThat(limit(lines, "processes")).contains("pids.max");
    } else {
      // no cgroup for this user: processes by RLIMIT_NPROC, memory per process, cpu bandwidth not at all
      assertThat(limit(lines, "processes")).contains("RLIMIT_NPROC");
      assertThat(limit(lines, "memory_mb")).contains("RLIMIT_AS");
      assertThat(limit(lines, "cpu")).endsWith(" NOT");
    }
  }

  @Test
  void anAllowlistRunAsAnotherUserReachesTheAllowedNameThroughItsProxy() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed under /usr (apt-get install -y socat)");
    List<String> lines = gate("import urllib.request; print(urllib.request.urlopen('http://allowed.test:PORT/').read().decode())",
        256, 64, false, "egress");
    assertThat(lines).as(String.join("\n", lines))
        .contains("STATUS COMPLETED", "STDOUT ok", "NETWORK proxy_allowlist", "DESTINATION allowed.test:PORT true ");
  }

  @Test
  void aForkBombAsAnotherUserIsStoppedByTheProcessLimit() throws Exception {
    List<String> lines = gate("exec('import os, time\\nn = 0\\ntry:\\n  while n < 10000:\\n    if os.fork() == 0:\\n"
        + "      time.sleep(30); os._exit(0)\\n    n += 1\\nexcept OSError as e:\\n  print(e.errno, n < 64)')", 256, 32, false);
    assumeTrue(limit(lines, "processes").contains("RLIMIT_NPROC"), "this user's processes are bounded by a cgroup here");
    assertThat(lines).as(String.join("\n", lines)).contains("STDOUT 11 True");
  }

  @Test
  void requiringEveryLimitRefusesTheRunWhereOneCannotBeEnforced() throws Exception {
    List<String> probe = gate("print('hello')", 256, 64, false);
    boolean allEnforced = probe.stream().filter(l -> l.startsWith("LIMIT ")).noneMatch(l -> l.endsWith(" NOT"));
    List<String> lines = gate("open('/out/ran', 'w').write('ran')", 256, 64, true);
    assertThat(lines).contains("ENFORCES_ALL " + allEnforced);
    if (allEnforced) {
      assertThat(lines).contains("STATUS COMPLETED");
    } else {
      assertThat(lines).anyMatch(l -> l.startsWith("REFUSED the run was not started: nothing on this host can enforce cpu"));
      assertThat(base.resolve("run-" + runs).resolve("out").resolve("ran")).doesNotExist();
    }
  }
}
