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
package dev.threegate.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.problem.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {
  @TempDir Path temp;

  @Test
  void movesTheFileBesideEveryReasonAndNeverOverwrites() throws IOException {
    Quarantine quarantine = Quarantine.in(temp.resolve("q"));
    List<Violation> why = List.of(new Violation("command.chaining", "command", "no ;"), new Violation("limits.cpu", "cpu_limit", "too many"));
    Path first = quarantine.quarantine(Files.writeString(temp.resolve("TR-1.md"), "one"), why);
    Path second = quarantine.quarantine(Files.writeString(temp.resolve("TR-1.md"), "two"), why);
    assertThat(first).hasFileName("TR-1.md").content().isEqualTo("one");
    assertThat(second).hasFileName("TR-1.md.1").content().isEqualTo("two");
    assertThat(temp.resolve("q/TR-1.md.reject.txt")).content()
        .isEqualTo("REJECT: TR-1.md\nERROR: command.chaining (command): no ;\nERROR: limits.cpu (cpu_limit): too many\n");
    assertThat(temp.resolve("q/TR-1.md.1.reject.txt")).exists();
    try (var files = Files.list(temp.resolve("q"))) {
      assertThat(files).hasSize(4);
    }
  }

  @Test
  void aSignedApprovalTravelsWithItsRequest() throws IOException {
    Quarantine quarantine = Quarantine.in(temp.resolve("q"));
    List<Violation> why = List.of(new Violation("approval.expired", "approval", "old"));
    Files.writeString(temp.resolve("TR-1.md.approval.sigstore.json"), "first approval");
    quarantine.quarantine(Files.writeString(temp.resolve("TR-1.md"), "one"), why);
    Files.writeString(temp.resolve("TR-1.md.approval.sigstore.json"), "second approval");
    quarantine.quarantine(Files.writeString(temp.resolve("TR-1.md"), "two"), why);
    assertThat(temp.resolve("q/TR-1.md.approval.sigstore.json")).content().isEqualTo("first approval");
    assertThat(temp.resolve("q/TR-1.md.1.approval.sigstore.json")).content().isEqualTo("second approval");
    assertThat(temp.resolve("TR-1.md.approval.sigstore.json")).doesNotExist();
    quarantine.quarantine(Files.writeString(temp.resolve("TR-1.md"), "three, unsigned"), why);
    try (var files = Files.list(temp.resolve("q"))) {
      assertThat(files).hasSize(8);
    }
  }

  @Test
  void writesReasonsWholeReplacingAnEarlierRecord() throws IOException {
    Path record = temp.resolve("TR-x.md.reject.txt");
    Quarantine.writeReasons(record, "TR-x.md", List.of(new Violation("command.chaining", "command", "no ;")));
    Quarantine.writeReasons(record, "TR-x.md", List.of(new Violation("limits.cpu", "cpu_limit", "too many"),
        new Violation("approval.missing", "approved_by", "who approved?")));

    assertThat(record).hasContent("REJECT: TR-x.md\n"
        + "ERROR: limits.cpu (cpu_limit): too many\n"
        + "ERROR: approval.missing (approved_by): who approved?\n");
    try (var left = Files.list(temp)) {
      assertThat(left).containsExactly(record);
    }
    assertThatThrownBy(() -> Quarantine.writeReasons(record, "TR-x.md", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(record).content().startsWith("REJECT: TR-x.md\nERROR: limits.cpu");
  }

  @Test
  void refusesAMissingFileOrNoReason() {
    Quarantine quarantine = Quarantine.in(temp.resolve("q"));
    assertThatThrownBy(() -> quarantine.quarantine(temp.resolve("none.md"), List.of(new Violation("a.b", "", "x"))))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> quarantine.quarantine(temp.resolve("none.md"), List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
