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

import dev.threegate.internal.io.SafeFiles;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.text.Text;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The files a tool left in {@code /out}, for anyone writing an {@link Executor}: every regular file
 * within the {@link OutputBudget} becomes an {@link Artifact} with its SHA-256. Never collected,
 * and reported as anomalies instead:
 *
 * <ul>
 *   <li>links and special files (not followed);
 *   <li>files with more than one hard link: copying them would multiply the same blocks;
 *   <li>files past the file budget, the byte budget or the collection time. Each file is charged
 *       its apparent size, which is what copying it writes: a sparse file costs its holes too, so a
 *       sparse 1 GiB file is refused under the default 256 MiB budget without being read (the JDK
 *       reports no allocated size, {@code st_blocks}, to tell holes from written zeros);
 *   <li>names with {@code ..} anywhere in them, with control or invisible formatting characters
 *       (line feeds, U+2028 …: no reader of the result may see a line break in a name), or longer
 *       than {@value #MAX_NAME_CHARS} characters, and anything deeper than 16 levels.
 * </ul>
 *
 * <p>At most {@value #MAX_ANOMALIES} anomalies are kept, then one line with the count of the rest,
 * so a directory of 200,000 links gives a short list. Tool-supplied names inside anomalies are
 * shown with controls escaped; the result writer renders them as data.
 *
 * @param artifacts the regular files, in name order
 * @param anomalies what was left out and why, for people
 * @param budget the budget the files were collected under
 */
public record OutputFiles(List<Artifact> artifacts, List<String> anomalies, OutputBudget budget) {
  /** The most anomalies kept; the rest are counted. */
  public static final int MAX_ANOMALIES = 100;

  /** The longest file name collected, in characters after control characters are escaped. */
  public static final int MAX_NAME_CHARS = 512;

  private static final int MAX_DEPTH = 16;
  private static final int BUFFER = 64 * 1024;
  private static final String COLLECTOR = "threegate /out collector (not collected past it)";

  /**
   * Checks and copies the components.
   *
   * @param artifacts the regular files
   * @param anomalies what was left out
   * @param budget the budget applied
   */
  public OutputFiles {
    artifacts = List.copyOf(artifacts);
    anomalies = List.copyOf(anomalies);
    Objects.requireNonNull(budget, "budget");
  }

  /**
   * Files collected under the {@linkplain OutputBudget#defaults() default budget}.
   *
   * @param artifacts the regular files
   * @param anomalies what was left out
   */
  public OutputFiles(List<Artifact> artifacts, List<String> anomalies) {
    this(artifacts, anomalies, OutputBudget.defaults());
  }

  /**
   * The budget as limit records, for {@link ExecutionResult#limits()}: {@code output_files},
   * {@code output_bytes_total} and {@code collection_sec}, each enforced by this collector.
   *
   * @return the three limits
   */
  public List<LimitEnforcement> limits() {
    return List.of(
        new LimitEnforcement("output_files", budget.maxFiles(), COLLECTOR),
        new LimitEnforcement("output_bytes_total", budget.maxBytesTotal(), COLLECTOR),
        new LimitEnforcement("collection_sec", Math.max(1, budget.collectionTime().toSeconds()), COLLECTOR));
  }

  /**
   * Walks an outputs directory without following links, under the default budget.
   *
   * @param outputsDir the directory that was {@code /out}
   * @return the artifacts and anomalies
   * @throws IOException if the directory itself cannot be read
   */
  public static OutputFiles collect(Path outputsDir) throws IOException {
    return collect(outputsDir, OutputBudget.defaults());
  }

  /**
   * Walks an outputs directory without following links, under a budget.
   *
   * @param outputsDir the directory that was {@code /out}
   * @param budget the files, bytes and time allowed
   * @return the artifacts and anomalies
   * @throws IOException if the directory itself cannot be read
   */
  public static OutputFiles collect(Path outputsDir, OutputBudget budget) throws IOException {
    return collect(outputsDir, budget, System::nanoTime);
  }

  /** As {@link #collect(Path, OutputBudget)}, with a clock in nanoseconds (for tests). */
  static OutputFiles collect(Path outputsDir, OutputBudget budget, LongSupplier nanoTime) throws IOException {
    Objects.requireNonNull(outputsDir, "outputsDir");
    Objects.requireNonNull(budget, "budget");
    Collector collector = new Collector(outputsDir, budget, nanoTime);
    Files.walkFileTree(outputsDir, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, collector);
    collector.artifacts.sort(Comparator.comparing(Artifact::name));
    return new OutputFiles(collector.artifacts, collector.anomalies.list(), budget);
  }

  /**
   * The SHA-256 of a file's bytes, streamed, not following a link.
   *
   * @param file the file
   * @return 64 lowercase hex digits
   * @throws IOException if it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    return SafeFiles.sha256(file);
  }

  /** The first {@link #MAX_ANOMALIES} anomalies and a count of the rest. */
  private static final class Anomalies {
    private final List<String> kept = new ArrayList<>();
    private long dropped;

    void add(String anomaly) {
      if (kept.size() < MAX_ANOMALIES) {
        kept.add(anomaly);
      } else {
        dropped++;
      }
    }

    List<String> list() {
      if (dropped == 0) {
        return kept;
      }
      List<String> all = new ArrayList<>(kept);
      all.add("and " + dropped + " more anomalies in /out, not listed");
      return all;
    }
  }

  private static final class Collector extends SimpleFileVisitor<Path> {
    private final Path root;
    private final OutputBudget budget;
    private final LongSupplier nanoTime;
    private final long deadline;
    private final List<Artifact> artifacts = new ArrayList<>();
    private final Anomalies anomalies = new Anomalies();
    private long charged;
    private boolean timedOut;
    private boolean unixAttributes = true;

    Collector(Path root, OutputBudget budget, LongSupplier nanoTime) {
      this.root = root;
      this.budget = budget;
      this.nanoTime = nanoTime;
      this.deadline = nanoTime.getAsLong() + budget.collectionTime().toNanos();
    }

    private String shown(Path file) {
      String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      return "/out/" + Text.oneLine(name);
    }

    private boolean pastDeadline() {
      if (!timedOut && nanoTime.getAsLong() - deadline > 0) {
        timedOut = true;
        anomalies.add("collecting /out took longer than the collection budget of "
            + budget.collectionTime().toSeconds() + " s; the remaining files were not collected");
      }
      return timedOut;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      return pastDeadline() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (pastDeadline()) {
        return FileVisitResult.TERMINATE;
      }
      String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      String shown = shown(file);
      if (attrs.isDirectory()) {
        anomalies.add(shown + ": nested deeper than " + MAX_DEPTH + " levels, not collected");
      } else if (attrs.isSymbolicLink()) {
        anomalies.add(shown + ": a symbolic link, not followed or collected");
      } else if (!attrs.isRegularFile()) {
        anomalies.add(shown + ": a special file, not collected");
      } else if (name.contains("..")) {
        anomalies.add(shown + ": a name containing '..', not collected");
      } else if (!Text.oneLine(name).equals(name)) {
        anomalies.add(shown + ": a name with control or invisible characters (shown escaped), not collected");
      } else if (name.length() > MAX_NAME_CHARS) {
        anomalies.add("/out/" + name.substring(0, 64) + "…: a name longer than " + MAX_NAME_CHARS
            + " characters, not collected");
      } else if (artifacts.size() >= budget.maxFiles()) {
        anomalies.add(shown + ": past the budget of " + budget.maxFiles() + " files, not collected");
      } else {
        regular(file, name, shown, attrs);
      }
      return FileVisitResult.CONTINUE;
    }

    private void regular(Path file, String name, String shown, BasicFileAttributes attrs) {
      long charge = attrs.size();
      try {
        Map<String, Object> unix = unixAttributes ? Files.readAttributes(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS) : Map.of();
        if (unix.get("nlink") instanceof Integer nlink && nlink > 1) {
          anomalies.add(shown + ": a file with " + nlink + " hard links, not collected");
          return;
        }
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        unixAttributes = false;
        anomalies.add("the file system of /out does not report link counts: multiply-linked files were not detected");
      } catch (IOException e) {
        anomalies.add(shown + ": unreadable (" + e.getClass().getSimpleName() + "), not collected");
        return;
      }
      if (charge > budget.maxBytesTotal() - charged) {
        anomalies.add(shown + ": " + charge + " bytes, past the budget of " + budget.maxBytesTotal()
            + " bytes over all files, not collected");
        return;
      }
      try {
        Hashed hashed = hash(file, charge);
        if (hashed == null) {
          return;
        }
        charged += hashed.bytes;
        artifacts.add(new Artifact(name, file, hashed.bytes, hashed.sha256));
      } catch (IOException e) {
        anomalies.add(shown + ": unreadable (" + e.getClass().getSimpleName() + "), not collected");
      }
    }

    private record Hashed(long bytes, String sha256) {}

    /** Hashes at most {@code limit} bytes; null (and an anomaly) when the file grew or time ran out. */
    private Hashed hash(Path file, long limit) throws IOException {
      Sha256 digest = new Sha256();
      long read = 0;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (int n; (n = channel.read(buffer.clear())) > 0; ) {
          read += n;
          if (read > limit) {
            anomalies.add(shown(file) + ": grew while it was collected, not collected");
            return null;
          }
          if (pastDeadline()) {
            return null;
          }
          digest.update(buffer.flip());
        }
      }
      return new Hashed(read, digest.hex());
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      anomalies.add(shown(file) + ": unreadable (" + e.getClass().getSimpleName() + ")");
      return pastDeadline() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
    }
  }
}
