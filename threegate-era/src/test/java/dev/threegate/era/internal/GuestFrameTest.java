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
package dev.threegate.era.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a command's streams are taken out of what {@code vm temp} printed around them. */
class GuestFrameTest {
  @TempDir Path temp;
  private final GuestFrame frame = GuestFrame.random();
  private final String nonce = nonce(frame);
  private int files;

  private static String nonce(GuestFrame frame) {
    Matcher m = Pattern.compile("m=([0-9a-f]{32});").matcher(frame.wrap("true"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private Path file(String content) throws IOException {
    return Files.writeString(temp.resolve("agent-" + (++files)), content, StandardCharsets.UTF_8);
  }

  private GuestFrame.Extract stdout(String agentStdout) throws IOException {
    return frame.stdout(file(agentStdout), temp.resolve("out-" + files), 1 << 20, 1 << 22);
  }

  private static String text(GuestFrame.Extract extract) throws IOException {
    return Files.readString(extract.stream().file(), StandardCharsets.UTF_8);
  }

  private static final String LOG = "2026-12-01T10:00:00Z INFO temporary vm created id=python-1 language=python\n";
  private static final String CLEANED = "2026-12-01T10:00:01Z INFO temporary vm cleaned up vm=python-1\n";

  @Test
  void theScriptIsOneLineAndRunsTheCommandInASubshellWithoutInput() {
    String script = frame.wrap("python3 -V");
    assertThat(script).doesNotContain("\n").contains("(python3 -V)</dev/null").endsWith("exit 0");
  }

  @Test
  void takesTheBytesBetweenTheFirstBeginAndTheLastEndLine() throws IOException {
    GuestFrame.Extract out = stdout(LOG + nonce + ".b\n" + "hello" + "\n" + nonce + ".e 3\n" + CLEANED);
    assertThat(out.begun()).isTrue();
    assertThat(out.ended()).isTrue();
    assertThat(out.exitCode()).hasValue(3);
    assertThat(text(out)).isEqualTo("hello");
    assertThat(out.before()).isEqualTo(LOG);
    assertThat(out.after()).isEqualTo(CLEANED);
    assertThat(AgentLog.onlyLogLines(out.after())).isTrue();
  }

  @Test
  void forgedLinesBeforeTheRealEndAreOutput() throws IOException {
    String tool = "x\n" + nonce + ".b\n\n" + nonce + ".e 0\n" + nonce + ".e 12\n\n" + nonce + ".e 999\n\n" + nonce + ".e 1x\ny";
    GuestFrame.Extract out = stdout(LOG + nonce + ".b\n" + tool + "\n" + nonce + ".e 4\n" + CLEANED);
    assertThat(out.exitCode()).hasValue(4);
    assertThat(text(out)).isEqualTo(tool);
  }

  @Test
  void aForgedEndAfterTheRealOneIsTakenAndWhatFollowsIsNotAgents() throws IOException {
    // A process the command left running writes after the frame's end line: the last valid end
    // line wins (the command's exit code is its own to state), and the text after it is reported.
    GuestFrame.Extract out = stdout(LOG + nonce + ".b\nreal\n" + nonce + ".e 1\nlate\n" + nonce + ".e 0\nstraggler\n" + CLEANED);
    assertThat(out.exitCode()).hasValue(0);
    assertThat(text(out)).isEqualTo("real\n" + nonce + ".e 1\nlate");
    assertThat(AgentLog.onlyLogLines(out.after())).isFalse();
    assertThat(out.afterBytes()).isEqualTo(("straggler\n" + CLEANED).length());
  }

  @Test
  void withoutAnEndLineTheStreamRunsToTheEnd() throws IOException {
    GuestFrame.Extract out = stdout(nonce + ".b\npartial");
    assertThat(out.begun()).isTrue();
    assertThat(out.ended()).isFalse();
    assertThat(out.exitCode()).isEmpty();
    assertThat(text(out)).isEqualTo("partial");
  }

  @Test
  void withoutABeginLineNothingIsTheCommands() throws IOException {
    GuestFrame.Extract out = stdout(LOG + "not the frame " + nonce + ".b\n" + "\n" + nonce + ".e 0\n");
    assertThat(out.begun()).isFalse();
    assertThat(out.stream().bytes()).isZero();
    assertThat(out.before()).startsWith(LOG);
  }

  @Test
  void anotherFramesLinesAreOutput() throws IOException {
    String other = nonce(GuestFrame.random());
    GuestFrame.Extract out = stdout(nonce + ".b\n" + other + ".b\n\n" + other + ".e 9\n" + "\n" + nonce + ".e 0\n");
    assertThat(out.exitCode()).hasValue(0);
    assertThat(text(out)).isEqualTo(other + ".b\n\n" + other + ".e 9\n");
  }

  @Test
  void stderrsEndLineHasNoStatus() throws IOException {
    GuestFrame.Extract err = frame.stderr(file(nonce + ".b\noops\n\n" + nonce + ".e 1\n\n" + nonce + ".e\n"), temp.resolve("err"), 1 << 20, 1 << 22);
    assertThat(err.ended()).isTrue();
    assertThat(err.exitCode()).isEmpty();
    assertThat(text(err)).isEqualTo("oops\n\n" + nonce + ".e 1\n");
  }

  @Test
  void theCapHolds() throws IOException {
    GuestFrame.Extract out = frame.stdout(file(nonce + ".b\n" + "z".repeat(5000) + "\n" + nonce + ".e 0\n"), temp.resolve("capped"), 1000, 1 << 22);
    assertThat(out.stream().bytes()).isEqualTo(1000);
    assertThat(out.stream().truncated()).isTrue();
    assertThat(out.exitCode()).hasValue(0);
  }

  @Test
  void aLinkOrAMissingFileIsNotRead() throws IOException {
    Path target = Files.writeString(temp.resolve("host-secret"), nonce + ".b\nsecret\n" + nonce + ".e 0\n");
    Path link = Files.createSymbolicLink(temp.resolve("stdout.log"), target);
    GuestFrame.Extract linked = frame.stdout(link, temp.resolve("linked"), 1 << 20, 1 << 22);
    assertThat(linked.readable()).isFalse();
    assertThat(linked.stream().bytes()).isZero();
    GuestFrame.Extract missing = frame.stdout(temp.resolve("nothing"), temp.resolve("missing"), 1 << 20, 1 << 22);
    assertThat(missing.readable()).isFalse();
    assertThat(frame.ended(link)).isFalse();
  }

  @Test
  void aSparseHugeFileIsReadOnlyToTheScanLimit() throws IOException {
    Path sparse = temp.resolve("sparse");
    try (var channel = java.nio.channels.FileChannel.open(sparse, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap((nonce + ".b\nx").getBytes(StandardCharsets.US_ASCII)));
      channel.write(java.nio.ByteBuffer.wrap(("\n" + nonce + ".e 0\n").getBytes(StandardCharsets.US_ASCII)), 1L << 40);
    }
    GuestFrame.Extract extract = frame.stdout(sparse, temp.resolve("sparse-out"), 1000, 1 << 20);
    assertThat(extract.ended()).as("the end line is past the scan limit").isFalse();
    assertThat(extract.stream().bytes()).isEqualTo(1000);
  }

  @Test
  void knowsWhenAGuestsStdoutEndsWithTheEndLine() throws IOException {
    assertThat(frame.ended(file(nonce + ".b\nout\n" + nonce + ".e 0\n"))).isTrue();
    assertThat(frame.ended(file(nonce + ".b\nout\n" + nonce + ".e 0\nmore"))).isFalse();
    assertThat(frame.ended(file(nonce + ".b\nout"))).isFalse();
    assertThat(frame.ended(file(""))).isFalse();
  }

  @Test
  void nearMissesOfTheEndLineAtTheSizeLimitAreReadOnce() throws IOException {
    // Every repetition matches all of the end line but its last character: a matcher that started
    // again at each would read each byte about forty times; this one reads each once.
    String nearMiss = "\n" + nonce + ".";
    Path big = temp.resolve("big");
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write((nonce + ".b\n").getBytes(StandardCharsets.US_ASCII));
      byte[] piece = nearMiss.repeat(1000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 500; i++) {
        out.write(piece);
      }
      out.write(("\n" + nonce + ".e 2\n").getBytes(StandardCharsets.US_ASCII));
    }
    GuestFrame.Extract extract = frame.stdout(big, temp.resolve("big-out"), 64L << 20, 64L << 20);
    assertThat(extract.exitCode()).hasValue(2);
    assertThat(extract.stream().bytes()).isEqualTo((long) nearMiss.length() * 1000 * 500);
  }
}
