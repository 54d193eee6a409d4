package dev.threegate.quarantine;

import dev.threegate.policy.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * Moves rejected files aside: a rejected request, or a rejected Tool Result, goes into a quarantine
 * directory next to a {@code <name>.reject.txt} that lists every violation. Nothing there is ever
 * overwritten: when the name is taken, {@code .1}, {@code .2} … is appended. The reject file is
 * complete before the file is moved, and appears atomically. Immutable and thread-safe.
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
   * Moves a rejected file into quarantine beside its reasons.
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
    StringBuilder text = new StringBuilder("REJECT: ").append(name).append('\n');
    for (Violation v : violations) {
      text.append("ERROR: ").append(v.code()).append(" (").append(v.where()).append("): ").append(v.message()).append('\n');
    }
    Path temp = Files.createTempFile(directory, ".reject-", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
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
          return moved;
        } catch (FileAlreadyExistsException e) {
          Files.deleteIfExists(reject);
        } catch (IOException e) {
          Files.deleteIfExists(reject);
          throw e;
        }
      }
      throw new IOException("no free name for " + name + " in " + directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
