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
package dev.threegate.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path out;

  private void file(String name, String content) throws IOException {
    Path file = out.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void collectsRegularFilesInNameOrderWithTheirHashes() throws IOException {
    file("b.txt", "b");
    file("a/c.txt", "hello");
    OutputFiles files = OutputFiles.collect(out);
    assertThat(files.artifacts()).extracting(Artifact::name).containsExactly("a/c.txt", "b.txt");
    assertThat(files.artifacts().get(0).bytes()).isEqualTo(5);
    assertThat(files.artifacts().get(0).sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(files.anomalies()).isEmpty();
    assertThat(files.budget()).isEqualTo(OutputBudget.defaults());
  }

  @Test
  void reportsANameContainingTwoDotsInsteadOfThrowing() throws IOException {
    file("a..b", "x");
    file("ok", "y");
    OutputFiles files = OutputFiles.collect(out);
    assertThat(files.artifacts()).extracting(Artifact::name).containsExactly("ok");
    assertThat(files.anomalies()).containsExactly("/out/a..b: a name containing '..', not collected");
  }

  @Test
  void refusesFilesWithMoreThanOneHardLink() throws IOException {
    file("a", "data");
    Files.createLink(out.resolve("b"), out.resolve("a"));
    OutputFiles files = OutputFiles.collect(out);
    assertThat(files.artifacts()).isEmpty();
    assertThat(files.anomalies()).containsExactlyInAnyOrder(
        "/out/a: a file with 2 hard links, not collected", "/out/b: a file with 2 hard links, not collected");
  }

  @Test
  void refusesASparseFileLargerThanTheByteBudgetWithoutReadingIt() throws IOException {
    try (RandomAccessFile sparse = new RandomAccessFile(out.resolve("sparse").toFile(), "rw")) {
      sparse.setLength(1L << 30);
    }
    file("small", "abc");
    OutputFiles files = OutputFiles.collect(out);
    assertThat(files.artifacts()).extracting(Artifact::name).containsExactly("small");
    assertThat(files.anomalies()).containsExactly(
        "/out/sparse: 1073741824 bytes, past the budget of 268435456 bytes over all files, not collected");
  }

  @Test
  void chargesEveryFileAgainstTheTotalAndTheFileBudget() throws IOException {
    for (int i = 0; i < 5; i++) {
      file("f" + i, "0123456789");
    }
    OutputFiles byBytes = OutputFiles.collect(out, new OutputBudget(100, 25, Duration.ofSeconds(30)));
    assertThat(byBytes.artifacts()).hasSize(2);
    assertThat(byBytes.artifacts().stream().mapToLong(Artifact::bytes).sum()).isEqualTo(20);
    assertThat(byBytes.anomalies()).hasSize(3).allMatch(a -> a.endsWith("past the budget of 25 bytes over all files, not collected"));
    OutputFiles byCount = OutputFiles.collect(out, new OutputBudget(3, 1000, Duration.ofSeconds(30)));
    assertThat(byCount.artifacts()).hasSize(3);
    assertThat(byCount.anomalies()).hasSize(2).allMatch(a -> a.endsWith("past the budget of 3 files, not collected"));
    assertThat(byCount.limits()).extracting(LimitEnforcement::limit, LimitEnforcement::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("output_files", 3L),
            org.assertj.core.groups.Tuple.tuple("output_bytes_total", 1000L),
            org.assertj.core.groups.Tuple.tuple("collection_sec", 30L));
  }

  @Test
  void stopsCollectingWhenTheCollectionTimeRunsOut() throws IOException {
    file("a", "x");
    file("b", "y");
    AtomicLong now = new AtomicLong();
    // every reading of the clock moves it one second on: the deadline of 2 s passes during the walk
    OutputFiles files = OutputFiles.collect(out, new OutputBudget(100, 1000, Duration.ofSeconds(2)),
        () -> now.getAndAdd(1_000_000_000L));
    assertThat(files.artifacts().size()).isLessThan(2);
    assertThat(files.anomalies()).contains(
        "collecting /out took longer than the collection budget of 2 s; the remaining files were not collected");
  }

  @Test
  void keepsTheFirstHundredAnomaliesAndCountsTheRest() throws IOException {
    for (int i = 0; i < 250; i++) {
      Files.createSymbolicLink(out.resolve("link" + i), Path.of("/etc/passwd"));
    }
    OutputFiles files = OutputFiles.collect(out);
    assertThat(files.anomalies()).hasSize(OutputFiles.MAX_ANOMALIES + 1);
    assertThat(files.anomalies().get(OutputFiles.MAX_ANOMALIES)).isEqualTo("and 150 more anomalies in /out, not listed");
  }

  @Test
  void refusesNamesWithControlsShowingThemEscapedAndOverlongNames() throws IOException {
    file("a\u2028b\nc", "x");
    file("n".repeat(200) + "/" + "m".repeat(200) + "/" + "o".repeat(200), "y");
    OutputFiles files = OutputFiles.collect(out);
    assertThat(files.artifacts()).isEmpty();
    assertThat(files.anomalies()).containsExactlyInAnyOrder(
        "/out/a\\u2028b\\u000Ac: a name with control or invisible characters (shown escaped), not collected",
        "/out/" + "n".repeat(64) + "…: a name longer than 512 characters, not collected");
    Files.createSymbolicLink(out.resolve("l\u2029\r"), Path.of("x"));
    assertThat(OutputFiles.collect(out).anomalies()).contains("/out/l\\u2029\\u000D: a symbolic link, not followed or collected");
  }

  @Test
  void refusesABudgetOutsideItsBounds() {
    assertThatThrownBy(() -> new OutputBudget(0, 1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutputBudget(OutputBudget.MAX_FILES_CEILING + 1, 1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutputBudget(1, 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutputBudget(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
