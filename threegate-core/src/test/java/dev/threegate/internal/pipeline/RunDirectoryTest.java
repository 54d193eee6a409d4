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

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import dev.threegate.request.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private run directory: its layout, what it stages, what it leaves, and what the sweep removes. */
class RunDirectoryTest {
  @TempDir Path temp;

  private List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> codes(List<Violation> violations) {
    return violations.stream().map(v -> v.code() + " " + v.where()).toList();
  }

  @Test
  void aRunDirectoryIsPrivateHoldsItsThreeDirectoriesAndSitsBesideItsLockedLockFile() throws IOException {
    Path work = temp.resolve("work");
    try (RunDirectory run = RunDirectory.create(work)) {
      Path root = run.root();
      assertThat(root.getParent()).isEqualTo(work);
      assertThat(root.getFileName().toString()).startsWith("threegate-run-");
      assertThat(names(work)).containsExactlyInAnyOrder(root.getFileName().toString(), root.getFileName() + ".lock");
      assertThat(names(root)).containsExactly("in", "out", "scratch");
      assertThat(run.in()).isEqualTo(root.resolve("in"));
      assertThat(run.out()).isEqualTo(root.resolve("out"));
      assertThat(run.scratch()).isEqualTo(root.resolve("scratch"));
      assertThat(Files.readString(work.resolve(root.getFileName() + ".lock"))).isEqualTo(ProcessHandle.current().pid() + "\n");
      if (Files.getFileStore(work).supportsFileAttributeView("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
      }
      // its owner is alive in this process: the sweep leaves it alone, however old its lock file
      Files.setLastModifiedTime(work.resolve(root.getFileName() + ".lock"), FileTime.from(Instant.now().minusSeconds(3600)));
      assertThat(RunDirectory.sweep(work)).isEmpty();
      assertThat(root).isDirectory();
    }
    assertThat(names(work)).isEmpty();
  }

  @Test
  void closingLeavesNoFileAndNoOpenDescriptorBehind() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc");
    Path work = temp.resolve("work");
    RunDirectory run = RunDirectory.create(work);
    String lock = run.root().getFileName() + ".lock";
    assertThat(openFilesNamed(fds, lock)).isOne();
    run.close();
    assertThat(names(work)).isEmpty();
    assertThat(openFilesNamed(fds, lock)).isZero();
  }

  private static long openFilesNamed(Path fds, String name) throws IOException {
    try (Stream<Path> all = Files.list(fds)) {
      return all.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().contains(name);
        } catch (IOException e) {
          return false; // closed while listing
        }
      }).count();
    }
  }

  @Test
  void stagingCopiesEachInputByteForByteAndMakesTheCopiesAndInReadOnly() throws IOException {
    Path inputs = Files.createDirectories(temp.resolve("inputs"));
    byte[] data = "a,b\n1,2\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
    Files.write(inputs.resolve("data.csv"), data);
    Files.writeString(inputs.resolve("stats.py"), "print(1)\n");
    try (RunDirectory run = RunDirectory.create(temp.resolve("work"))) {
      List<Violation> problems = run.stage(
          List.of(InputFile.of("data.csv", data), InputFile.of("stats.py", "print(1)\n".getBytes(StandardCharsets.US_ASCII))),
          Optional.of(inputs));
      assertThat(problems).isEmpty();
      assertThat(Files.readAllBytes(run.in().resolve("data.csv"))).isEqualTo(data);
      assertThat(Files.readString(run.in().resolve("stats.py"))).isEqualTo("print(1)\n");
      if (Files.getFileStore(run.in()).supportsFileAttributeView("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.in().resolve("data.csv")))).isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.in()))).isEqualTo("r-xr-xr-x");
      }
    }
  }

  @Test
  void eachInputThatCannotBeStagedIsAProblemAtItsPlaceAndLeavesNoCopy() throws IOException {
    Path inputs = Files.createDirectories(temp.resolve("inputs"));
    Files.writeString(inputs.resolve("changed.csv"), "now\n");
    Files.writeString(temp.resolve("secret"), "secret\n");
    Files.createSymbolicLink(inputs.resolve("link.csv"), temp.resolve("secret"));
    Files.createDirectories(inputs.resolve("sub"));
    Files.writeString(inputs.resolve("sub/a.csv"), "a\n");
    Files.writeString(inputs.resolve("ok.csv"), "ok\n");
    List<InputFile> declared = List.of(
        InputFile.of("changed.csv", "before\n".getBytes(StandardCharsets.US_ASCII)),
        InputFile.of("link.csv", "secret\n".getBytes(StandardCharsets.US_ASCII)),
        InputFile.of("absent.csv", new byte[0]),
        InputFile.of("..", new byte[0]),
        InputFile.of(".", new byte[0]),
        InputFile.of("", new byte[0]),
        InputFile.of("sub/a.csv", "a\n".getBytes(StandardCharsets.US_ASCII)),
        InputFile.of("ok.csv", "ok\n".getBytes(StandardCharsets.US_ASCII)));
    try (RunDirectory run = RunDirectory.create(temp.resolve("work"))) {
      List<Violation> problems = run.stage(declared, Optional.of(inputs));
      assertThat(codes(problems)).containsExactly(
          "input.sha256_mismatch inputs[0]",
          "input.not_regular inputs[1]",
          "input.missing inputs[2]",
          "input.name_invalid inputs[3]",
          "input.name_invalid inputs[4]",
          "input.name_invalid inputs[5]",
          "input.name_invalid inputs[6]");
      assertThat(problems.get(0).message()).isEqualTo("input 'changed.csv' has SHA-256 "
          + InputFile.of("x", "now\n".getBytes(StandardCharsets.US_ASCII)).sha256() + ", the request declares " + declared.get(0).sha256());
      assertThat(names(run.in())).containsExactly("changed.csv", "ok.csv");
      assertThat(Files.exists(run.in().resolve("link.csv"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
  }

  @Test
  void withoutAnInputsDirectoryEveryDeclaredInputIsMissing() throws IOException {
    try (RunDirectory run = RunDirectory.create(temp.resolve("work"))) {
      List<Violation> problems = run.stage(List.of(InputFile.of("a.csv", new byte[0]), InputFile.of("b.csv", new byte[0])), Optional.empty());
      assertThat(codes(problems)).containsExactly("input.missing inputs[0]", "input.missing inputs[1]");
      assertThat(problems.get(1).message()).isEqualTo("input 'b.csv' is declared but no inputs directory was given");
      assertThat(names(run.in())).isEmpty();
    }
  }

  @Test
  void theSweepRemovesWhatDeadOwnersLeftAndNothingElse() throws IOException {
    Path work = Files.createDirectories(temp.resolve("work"));
    Instant old = Instant.now().minusSeconds(3600);
    // a dead owner that had written its pid: swept at once, however young its lock file
    Files.writeString(work.resolve("threegate-run-1.lock"), "999999\n");
    Files.createDirectories(work.resolve("threegate-run-1/out"));
    // an empty lock file, old: its owner died before writing; swept with its directory
    Files.setLastModifiedTime(Files.createFile(work.resolve("threegate-run-2.lock")), FileTime.from(old));
    Files.createDirectories(work.resolve("threegate-run-2"));
    // an empty lock file, young: its owner may be about to lock it; left
    Files.createFile(work.resolve("threegate-run-3.lock"));
    Files.createDirectories(work.resolve("threegate-run-3"));
    // a lock file of a dead owner whose directory is already gone: removed, not reported
    Files.writeString(work.resolve("threegate-run-4.lock"), "999999\n");
    // a directory without its lock file: no owner
    Files.createDirectories(work.resolve("threegate-run-5/scratch"));
    // not the sweep's: other names, and a plain file with the run directories' prefix
    Files.createDirectories(work.resolve("other"));
    Files.writeString(work.resolve("other.lock"), "1\n");
    Files.setLastModifiedTime(work.resolve("other.lock"), FileTime.from(old));
    Files.writeString(work.resolve("threegate-run-6"), "a file\n");

    assertThat(RunDirectory.sweep(work)).containsExactly(
        work.resolve("threegate-run-1"), work.resolve("threegate-run-2"), work.resolve("threegate-run-5"));
    assertThat(names(work)).containsExactly("other", "other.lock", "threegate-run-3", "threegate-run-3.lock", "threegate-run-6");
  }

  @Test
  void sweepingAWorkDirectoryThatDoesNotExistRemovesNothing() throws IOException {
    assertThat(RunDirectory.sweep(temp.resolve("absent"))).isEmpty();
    Files.writeString(temp.resolve("file"), "x");
    assertThat(RunDirectory.sweep(temp.resolve("file"))).isEmpty();
  }
}
