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
package dev.threegate.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.internal.io.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index of a results directory: believed only when its entry names an existing result of
 * exactly its request id, listed otherwise; built once for a directory written before it existed.
 */
class ResultIndexTest {
  private static final String ID = "TR-20261126-120000Z-csv-stats";
  private static final String RESULT = "TS-20261126-120104Z-" + ID;

  @TempDir Path temp;

  private Path results() throws IOException {
    return Files.createDirectories(temp.resolve("results"));
  }

  private Path index() throws IOException {
    return results().resolve(".threegate/index");
  }

  private Path entry(String requestId) throws IOException {
    return index().resolve(requestId + ".result");
  }

  private void result(String resultId) throws IOException {
    Files.writeString(results().resolve(resultId + ".md"), "---\n");
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aDirectoryWrittenBeforeTheIndexGetsOneEntryPerRequestFromOneListing() throws IOException {
    result(RESULT);
    result("TS-20261126-120105Z-TR-b");
    result("TS-20261126-120106Z-TR-b"); // two results of one request: one entry
    Files.writeString(results().resolve("TS-20261126-120107Z-TR-c.stdout.txt"), "an artifact, not a result");
    Files.writeString(results().resolve("notes.md"), "not a result");
    Files.createDirectories(results().resolve(".threegate/staging/0000.index")); // a build a crash cut short

    assertThat(ResultIndex.find(results(), ID)).contains(RESULT + ".md");
    assertThat(tree(index())).containsExactly(ID + ".result", "TR-b.result");
    assertThat(Files.readString(entry(ID))).isEqualTo(RESULT + "\n");
    assertThat(ResultIndex.find(results(), "TR-b")).hasValueSatisfying(name -> assertThat(name).startsWith("TS-20261126-12010"));
    assertThat(ResultIndex.find(results(), "TR-c")).isEmpty();
    assertThat(ResultIndex.find(results(), "notes")).isEmpty();
  }

  @Test
  void onceBuiltNoEntryMeansNoResultAResultWithoutEntryIsSeenOnlyOnceTheIndexIsBuiltAgain() throws IOException {
    assertThat(ResultIndex.find(results(), ID)).isEmpty();
    assertThat(Files.isDirectory(index())).isTrue();
    result(RESULT); // copied in by hand: the index does not know it, and nothing lists the directory

    assertThat(ResultIndex.find(results(), ID)).isEmpty();
    ResultIndex.build(results());
    assertThat(ResultIndex.find(results(), ID)).as("an existing index is not checked against the directory").isEmpty();
    SafeFiles.deleteTree(index()); // as the host that copied the result in does, while nothing runs
    assertThat(ResultIndex.find(results(), ID)).contains(RESULT + ".md");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "TS-2026", "TS-20261126-120104Z-TR-20261126-120000Z-csv-stats", "../../etc/passwd\n",
      "TS-20261126-120104Z-TR-other\n", "TS-20261126-120104Z-tr-20261126-120000z-CSV-STATS\n",
      "TS-20261126-120104Z-TR-20261126-120000Z-csv-stats/../../x\n", "TS-20261126-999999Z-TR-20261126-120000Z-csv-stats\n"})
  void anEntryThatCannotBeBelievedMakesTheLookupListAndRepairIt(String content) throws IOException {
    ResultIndex.ensure(results());
    result(RESULT);
    result("TS-20261126-120104Z-TR-other");
    Files.writeString(entry(ID), content);

    assertThat(ResultIndex.find(results(), ID)).contains(RESULT + ".md");
    assertThat(Files.readString(entry(ID))).isEqualTo(RESULT + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "TS-2026", "TS-20261126-120104Z-TR-20261126-120000Z-csv-stats\n", "TS-20261126-120104Z-TR-other\n"})
  void anEntryWithoutItsResultBlocksNothing(String content) throws IOException {
    ResultIndex.ensure(results());
    result("TS-20261126-120104Z-TR-other");
    Files.writeString(entry(ID), content);
    assertThat(ResultIndex.find(results(), ID)).isEmpty();
  }

  @Test
  void anEntryThatIsALinkOrADirectoryIsNotFollowed() throws IOException {
    ResultIndex.ensure(results());
    Path outside = Files.writeString(temp.resolve("outside"), RESULT + "\n");
    Files.createSymbolicLink(entry(ID), outside);
    Files.createDirectories(entry("TR-dir"));
    assertThat(ResultIndex.find(results(), ID)).isEmpty();
    assertThat(ResultIndex.find(results(), "TR-dir")).isEmpty();
    result(RESULT);
    assertThat(ResultIndex.find(results(), ID)).contains(RESULT + ".md");
    assertThat(Files.isSymbolicLink(entry(ID))).isFalse();
    assertThat(Files.readString(outside)).isEqualTo(RESULT + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../x", "a/b", "a\nb", ".hidden", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "a..b", "TR-x/../../y"})
  void anUnsafeRequestIdHasNoResultAndWritesNothing(String id) throws IOException {
    result(RESULT);
    assertThat(ResultIndex.find(results(), id)).isEmpty();
    assertThat(tree(results())).containsExactly(RESULT + ".md");
  }

  @Test
  void anIdEndingLikeAnEntryNameDoesNotMeetAnotherIdsEntry() throws IOException {
    result("TS-20261126-120104Z-a");
    ResultIndex.build(results());
    assertThat(ResultIndex.find(results(), "a")).contains("TS-20261126-120104Z-a.md");
    assertThat(ResultIndex.find(results(), "a.result")).isEmpty();
  }

  @Test
  void aPublishLinksTheEntryAndAFailedOneRemovesOnlyItsOwn() throws IOException {
    Path staging = Files.createDirectories(results().resolve(".threegate/staging"));
    Optional<Path> linked = ResultIndex.link(results(), ResultIndex.stage(staging, RESULT), ID);
    assertThat(linked).contains(entry(ID));
    ResultIndex.unlink(linked.get(), "TS-20261126-120105Z-" + ID);
    assertThat(entry(ID)).exists();
    ResultIndex.unlink(linked.get(), RESULT);
    assertThat(entry(ID)).doesNotExist();
  }

  @Test
  void aPublishKeepsAnEntryThatCanBeBelievedAndReplacesOneThatCannot() throws IOException {
    Path staging = Files.createDirectories(results().resolve(".threegate/staging"));
    result(RESULT);
    ResultIndex.build(results());
    assertThat(ResultIndex.link(results(), ResultIndex.stage(staging, "TS-20261126-130000Z-" + ID), ID)).isEmpty();
    assertThat(Files.readString(entry(ID))).isEqualTo(RESULT + "\n");

    Files.delete(results().resolve(RESULT + ".md")); // the entry now names nothing
    assertThat(ResultIndex.link(results(), ResultIndex.stage(staging, "TS-20261126-130000Z-" + ID), ID)).contains(entry(ID));
    assertThat(Files.readString(entry(ID))).isEqualTo("TS-20261126-130000Z-" + ID + "\n");
  }

  @Test
  void whereTheIndexCannotBeBuiltTheLookupListsAsBefore() throws IOException {
    result(RESULT);
    Files.writeString(results().resolve(".threegate"), "not a directory");
    assertThat(ResultIndex.find(results(), ID)).contains(RESULT + ".md");
    assertThat(ResultIndex.find(results(), "TR-other")).isEmpty();
  }

  @Test
  void anInterruptedThreadStillLooksUpAndKeepsItsInterrupt() throws IOException {
    result(RESULT);
    Thread.currentThread().interrupt();
    try {
      assertThat(ResultIndex.find(results(), ID)).contains(RESULT + ".md");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
