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

import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.StreamCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The frame around a command run with {@code agent vm temp}, which mixes agent's log lines with the
 * guest's output, prints that output only when the guest exits 0 (deleting it otherwise) and adds a
 * newline where it does not end with one. The guest runs a one-line script that prints a begin line
 * on both streams, runs the command in a subshell with no input, prints an end line carrying the
 * command's exit status on stdout (and a plain end line on stderr), each after a newline, and exits
 * 0: so agent always prints the output, the added newline never happens, and the command's own
 * bytes are exactly those between the first begin line and the last end line. Each frame has a
 * random nonce; the command can read it (it is on the guest's kernel command line), so it can print
 * lines that look like the frame's, but only before the real end line (which is printed after it
 * ended) or, from a process it left running, after it: the first begin line and the last valid end
 * line are taken, and text after the end line that is not agent's is reported.
 */
public final class GuestFrame {
  /** The most bytes the frame adds to a stream: its begin line and its end line. */
  public static final int OVERHEAD_BYTES = 128;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BUFFER = 64 * 1024;
  private static final int TEXT_CAP = 64 * 1024;

  private final String nonce;

  private GuestFrame(String nonce) {
    this.nonce = nonce;
  }

  /** A frame with a fresh random nonce. */
  public static GuestFrame random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new GuestFrame(HexFormat.of().formatHex(bytes));
  }

  /**
   * The guest script: one line, so that bash has read all of it before the command runs (bash reads
   * its script from a pipe, and a command reading its standard input would otherwise read the rest).
   *
   * @param commandLine the command, shell-quoted, on one line
   * @return the script
   */
  public String wrap(String commandLine) {
    return "m=" + nonce + ";echo $m.b;echo $m.b >&2;(" + commandLine + ")</dev/null;s=$?;"
        + "printf '\\n%s %d\\n' $m.e $s;printf '\\n%s\\n' $m.e >&2;exit 0";
  }

  /**
   * Reads the command's stdout out of what agent printed on its stdout.
   *
   * @param agentStdout agent's captured stdout (or a guest's raw {@code stdout.log}); anything but
   *     a regular file is not read
   * @param target the capture file to create
   * @param cap the most bytes captured
   * @param scanLimit the most bytes of the file read (a guest's file may be sparse and huge)
   * @return the command's bytes and what the frame said
   * @throws IOException if the target cannot be written
   */
  public Extract stdout(Path agentStdout, Path target, long cap, long scanLimit) throws IOException {
    return extract(agentStdout, target, cap, scanLimit, true);
  }

  /**
   * Reads the command's stderr out of what agent printed on its stderr.
   *
   * @param agentStderr agent's captured stderr (or a guest's raw {@code stderr.log}); anything but
   *     a regular file is not read
   * @param target the capture file to create
   * @param cap the most bytes captured
   * @param scanLimit the most bytes of the file read
   * @return the command's bytes and what the frame said
   * @throws IOException if the target cannot be written
   */
  public Extract stderr(Path agentStderr, Path target, long cap, long scanLimit) throws IOException {
    return extract(agentStderr, target, cap, scanLimit, false);
  }

  /**
   * Whether a guest's raw {@code stdout.log} ends with this frame's end line: the command has ended.
   *
   * @param guestStdout the file
   * @return true when its last bytes are the end line
   */
  public boolean ended(Path guestStdout) {
    if (!Files.isRegularFile(guestStdout, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (FileChannel in = FileChannel.open(guestStdout, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = in.size();
      int tail = (int) Math.min(size, nonce.length() + 8);
      ByteBuffer buffer = ByteBuffer.allocate(tail);
      while (buffer.hasRemaining() && in.read(buffer, size - tail + buffer.position()) > 0) {
        // reads the tail
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      return text.matches("(?s).*\\n" + nonce + "\\.e [0-9]{1,3}\\n");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * One stream taken out of its frame.
   *
   * @param begun whether the begin line was found (else {@code stream} is empty)
   * @param ended whether a valid end line was found (else the stream runs to the end of the file)
   * @param exitCode the command's exit status from stdout's end line
   * @param stream the command's bytes
   * @param before what came before the begin line (agent's log lines), at most 64 KiB
   * @param after what came after the end line, at most its last 64 KiB
   * @param afterBytes how many bytes came after the end line
   * @param readable false when the file was missing, not a regular file or could not be read
   */
  public record Extract(boolean begun, boolean ended, OptionalInt exitCode, CapturedStream stream, String before,
      String after, long afterBytes, boolean readable) {}

  private Extract extract(Path file, Path target, long cap, long scanLimit, boolean withStatus) throws IOException {
    byte[] begin = (nonce + ".b\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n" + nonce + ".e").getBytes(StandardCharsets.US_ASCII);
    FileChannel opened = null;
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        opened = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      opened = null;
    }
    if (opened == null) {
      StreamCapture empty = StreamCapture.open(target, cap, () -> {});
      empty.close();
      return new Extract(false, false, OptionalInt.empty(), empty.result(), "", "", 0, false);
    }
    try (FileChannel in = opened) {
      long size = Math.min(in.size(), scanLimit);
      OptionalLong beginAt = OptionalLong.empty();
      long endAt = -1;
      long endLineEnd = -1;
      int exitCode = -1;
      Matcher beginMatcher = new Matcher(begin);
      Matcher endMatcher = new Matcher(end);
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
      long position = 0;
      while (position < size) {
        buffer.clear();
        buffer.limit((int) Math.min(BUFFER, size - position));
        int n = in.read(buffer, position);
        if (n < 0) {
          break;
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < n; i++) {
          byte b = bytes[i];
          long at = position + i;
          if (beginAt.isEmpty()) {
            if (beginMatcher.next(b) && startsLine(in, at - begin.length + 1, bytes, position)) {
              beginAt = OptionalLong.of(at + 1);
            }
          } else if (endMatcher.next(b)) {
            // The end matcher reads only what follows the begin line.
            long[] line = endLine(in, at + 1, withStatus);
            if (line != null) {
              endAt = at - end.length + 1;
              endLineEnd = line[0];
              exitCode = (int) line[1];
            }
          }
        }
        position += n;
      }
      StreamCapture capture = StreamCapture.open(target, cap, () -> {});
      String before;
      String after = "";
      long afterBytes = 0;
      try (capture) {
        if (beginAt.isEmpty()) {
          before = text(in, 0, Math.min(size, TEXT_CAP));
        } else {
          long from = beginAt.getAsLong();
          long to = endAt >= 0 ? endAt : size;
          long headEnd = from - begin.length;
          before = text(in, 0, Math.min(headEnd, TEXT_CAP));
          copy(in, from, Math.max(from, to), capture);
          if (endAt >= 0) {
            afterBytes = size - endLineEnd;
            after = text(in, Math.max(endLineEnd, size - TEXT_CAP), size);
          }
        }
      }
      return new Extract(beginAt.isPresent(), endAt >= 0, withStatus && endAt >= 0 ? OptionalInt.of(exitCode) : OptionalInt.empty(),
          capture.result(), before, after, afterBytes, true);
    }
  }

  /** Whether the match starting at {@code start} begins a line: at the file's start or after a newline. */
  private static boolean startsLine(FileChannel in, long start, byte[] chunk, long chunkStart) throws IOException {
    if (start == 0) {
      return true;
    }
    long index = start - 1 - chunkStart;
    if (index >= 0) {
      return chunk[(int) index] == '\n';
    }
    ByteBuffer one = ByteBuffer.allocate(1);
    return in.read(one, start - 1) == 1 && one.get(0) == '\n';
  }

  /**
   * The end line's rest after the nonce: {@code " <status>\n"} on stdout, {@code "\n"} on stderr.
   * Returns the offset after it and the status, or null when the rest is not that.
   */
  private static long[] endLine(FileChannel in, long from, boolean withStatus) throws IOException {
    ByteBuffer rest = ByteBuffer.allocate(6);
    int n = Math.max(0, in.read(rest, from));
    byte[] bytes = rest.array();
    if (!withStatus) {
      return n >= 1 && bytes[0] == '\n' ? new long[] {from + 1, 0} : null;
    }
    if (n < 3 || bytes[0] != ' ') {
      return null;
    }
    int status = 0;
    for (int i = 1; i < n; i++) {
      byte b = bytes[i];
      if (b == '\n' && i > 1) {
        return new long[] {from + i + 1, status};
      }
      if (b < '0' || b > '9' || i > 3) {
        return null;
      }
      status = status * 10 + (b - '0');
    }
    return null;
  }

  private static void copy(FileChannel in, long from, long to, StreamCapture capture) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    long position = from;
    while (position < to && !capture.truncated()) {
      buffer.clear();
      buffer.limit((int) Math.min(BUFFER, to - position));
      int n = in.read(buffer, position);
      if (n <= 0) {
        break;
      }
      capture.write(buffer.array(), 0, n);
      position += n;
    }
  }

  private static String text(FileChannel in, long from, long to) throws IOException {
    if (to <= from) {
      return "";
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
    while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
      // reads until full or end of file
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  /** Knuth-Morris-Pratt over a byte stream: linear whatever the text. */
  private static final class Matcher {
    private final byte[] pattern;
    private final int[] failure;
    private int matched;

    Matcher(byte[] pattern) {
      this.pattern = pattern;
      this.failure = new int[pattern.length];
      for (int i = 1, k = 0; i < pattern.length; i++) {
        while (k > 0 && pattern[i] != pattern[k]) {
          k = failure[k - 1];
        }
        if (pattern[i] == pattern[k]) {
          k++;
        }
        failure[i] = k;
      }
    }

    /** Feeds one byte; true when the pattern ends here. */
    boolean next(byte b) {
      while (matched > 0 && pattern[matched] != b) {
        matched = failure[matched - 1];
      }
      if (pattern[matched] == b) {
        matched++;
      }
      if (matched == pattern.length) {
        matched = failure[matched - 1];
        return true;
      }
      return false;
    }
  }
}
