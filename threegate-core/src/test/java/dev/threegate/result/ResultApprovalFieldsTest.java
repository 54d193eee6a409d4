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
package dev.threegate.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval record of a Tool Result's front matter, as a reader checks it. */
class ResultApprovalFieldsTest {
  private static final String SIGNED = read("signed.md");
  private static final String KEY_LINE = SIGNED.lines().filter(l -> l.startsWith("approval_key_id: ")).findFirst().orElseThrow();

  @TempDir Path temp;

  private static String read(String golden) {
    try {
      return Files.readString(Golden.DIRECTORY.resolve(golden));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<String> codes(String text) throws IOException {
    Path file = Files.writeString(temp.resolve("TS-20261126-120104Z-TR-20261126-120000Z-csv-stats.md"), text);
    return ToolResultValidator.standard().validate(file).violations().stream().map(Violation::code).toList();
  }

  @Test
  void aSignedOrDeclaredRecordAsTheWriterWritesItPasses() throws IOException {
    assertThat(codes(SIGNED)).isEmpty();
    assertThat(codes(read("clean.md"))).isEmpty();
    ToolResult result = ToolResultParser.standard().parse("signed.md", SIGNED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(result.approval()).contains("signed");
    assertThat(result.approvedBy()).contains("j.doe");
    assertThat(result.approvalKeyId()).contains(KEY_LINE.substring("approval_key_id: ".length()));
  }

  @Test
  void anApprovalRecordThatIsNotOneTheWriterWritesIsRefused() throws IOException {
    assertThat(codes(SIGNED.replace("approval: signed", "approval: trusted"))).contains("field.approval");
    assertThat(codes(SIGNED.replace(KEY_LINE + "\n", ""))).containsExactly("field.approval");
    assertThat(codes(SIGNED.replace(KEY_LINE, "approval_key_id: ABC"))).containsExactly("field.approval");
    assertThat(codes(SIGNED.replace("approval: signed", "approval: declared"))).containsExactly("field.approval");
    assertThat(codes(SIGNED.replace("TS-20261126-120104Z-TR-20261126-120000Z-csv-stats.approval.sigstore.json",
        "TS-20261126-120104Z-TR-20261126-120000Z-csv-stats.approval.json"))).containsExactly("field.approval");
  }
}
