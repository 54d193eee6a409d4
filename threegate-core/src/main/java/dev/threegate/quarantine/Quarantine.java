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

import dev.threegate.problem.Violation;
import dev.threegate.trust.Approver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * Moves rejected files aside: a rejected request, or a rejected Tool Result, goes into a quarantine
 * directory next to a {@code <name>.reject.txt} that lists every violation. Nothing there is ever
 * overwritten: when the name is taken, {@code .1}, {@code .2} … is appended. The reject file is
 * complete before the file is moved, and appears atomically; the reject file, the quarantine
 * directory and the directory the file left are fsynced before the move is reported. Immutable and thread-safe.
 */
public final class Quarantine {
  private static final int MAX_SUFFIX = 10_000;

  private final Path directory;

  private Quarantine(Path directory) {
    this.directory = directory;
  }

  /**
   * A quarantine in a directory, created when first used.
   *
   * @param directory the quarantine directory
   * @return the quarantine
   */
  public static Quarantine in(Path directory) {
    return new Quarantine(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The quarantine directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Moves a rejected file into quarantine beside its reasons; a signed approval beside it ({@link
   * Approver#bundleFile(Path)}) moves with it, under the file's new name.
   *
   * @param file the rejected file
   * @param violations why it was rejected, at least one
   * @return where the file now is
   * @throws IOException if it cannot be moved; the file is then where it was
   */
  public Path quarantine(Path file, List<Violation> violations) throws IOException {
    Objects.requireNonNull(file, "file");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("quarantine needs at least one violation");
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    Files.createDirectories(directory);
    String name = String.valueOf(file.getFileName());
    Path temp = writeDurableTemp(directory, name, violations);
    try {
      for (int suffix = 0; suffix <= MAX_SUFFIX; suffix++) {
        String target = suffix == 0 ? name : name + "." + suffix;
        Path reject = directory.resolve(target + ".reject.txt");
        Path moved = directory.resolve(target);
        if (Files.exists(moved, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          Files.createLink(reject, temp);
        } catch (FileAlreadyExistsException e) {
          continue;
        }
        try {
          Files.move(file, moved);
        } catch (FileAlreadyExistsException e) {
          Files.deleteIfExists(reject);
          continue;
        } catch (IOException e) {
          Files.deleteIfExists(reject);
          throw e;
        }
        // a signed approval travels with its request, under the request's new name
        Path approval = Approver.bundleFile(file);
        if (Files.isRegularFile(approval, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(Approver.bundleFile(moved), LinkOption.NOFOLLOW_LINKS)) {
          Files.move(approval, Approver.bundleFile(moved));
        }
        // Reported only once durable: the reasons, the moved file's new name and its old name's
        // removal survive a power loss.
        if (Files.isRegularFile(moved, LinkOption.NOFOLLOW_LINKS)) {
          try (FileChannel channel = FileChannel.open(moved, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true); // a move across file systems is a copy
          }
        }
        syncDirectory(directory);
        Path source = file.toAbsolutePath().getParent();
        if (source != null && !source.equals(directory.toAbsolutePath())) {
          syncDirectory(source);
        }
        return moved;
      }
      throw new IOException("no free name for " + name + " in " + directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes the reasons a file was rejected, in the quarantine's format (a {@code REJECT: <name>}
   * line, then {@code ERROR: <code> (<where>): <message>} per violation), to {@code record}: whole
   * or not at all, replacing an earlier record, and durable when this returns.
   *
   * @param record the file to write, such as {@code results/TR-x.md.reject.txt}
   * @param name the rejected file's name, for the first line
   * @param violations why it was rejected, at least one
   * @throws IOException if the record cannot be written; an earlier record is then unchanged
   */
  public static void writeReasons(Path record, String name, List<Violation> violations) throws IOException {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(name, "name");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one violation");
    }
    Path directory = record.toAbsolutePath().getParent();
    Path temp = writeDurableTemp(directory, name, violations);
    try {
      Files.move(temp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path writeDurableTemp(Path directory, String name, List<Violation> violations) throws IOException {
    StringBuilder text = new StringBuilder("REJECT: ").append(name).append('\n');
    for (Violation v : violations) {
      text.append("ERROR: ").append(v.code()).append(" (").append(v.where()).append("): ").append(v.message()).append('\n');
    }
    Path temp = Files.createTempFile(directory, ".reject-", ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
