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

import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.io.HeldLocks;
import dev.threegate.internal.io.SafeFiles;
import dev.threegate.problem.Violation;
import dev.threegate.request.InputFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The private working directory of one run: {@code in/} (the staged, verified, read-only inputs),
 * {@code out/} (empty, for the tool) and {@code scratch/} (the executor's own files). Created with
 * owner-only permissions and removed on {@link #close()}.
 *
 * <p>Ownership survives only as long as its owner: beside {@code threegate-run-X/} lies {@code
 * threegate-run-X.lock}, created and locked (an OS file lock, released when the process dies)
 * before the directory and removed after it. {@link #sweep(Path)} removes the run directories of
 * owners that are gone.
 */
public final class RunDirectory implements AutoCloseable {
  private static final String PREFIX = "threegate-run-";
  private static final String LOCK = ".lock";
  /** A lock file this young may belong to an owner that has not locked it yet. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final Path root;
  private final Path lockFile;
  /** Holds the lock on the lock file; closing it gives the lock up. */
  private final FileChannel channel;
  /** This process's only right to open the lock file while the directory is in use. */
  private final HeldLocks.Reservation reservation;
  private final Path in;
  private final Path out;
  private final Path scratch;

  private RunDirectory(Path root, Path lockFile, FileChannel channel, HeldLocks.Reservation reservation) throws IOException {
    this.root = root;
    this.lockFile = lockFile;
    this.channel = channel;
    this.reservation = reservation;
    this.in = Files.createDirectory(root.resolve("in"));
    this.out = Files.createDirectory(root.resolve("out"));
    this.scratch = Files.createDirectory(root.resolve("scratch"));
  }

  /**
   * Creates a run directory.
   *
   * @param parent where to create it
   * @return the run directory
   * @throws IOException if it cannot be created
   */
  public static RunDirectory create(Path parent) throws IOException {
    Files.createDirectories(parent);
    Path lockFile = Files.createTempFile(parent, PREFIX, LOCK);
    // a new name: only a sweep of this process may be looking at it, and it leaves fresh empty files alone
    HeldLocks.Reservation reservation = HeldLocks.reserve(lockFile)
        .orElseThrow(() -> new IOException("the new lock file " + lockFile + " is open in this process already"));
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      reservation.close();
      throw e;
    }
    Path root = null;
    try {
      channel.lock();
      // A lock file with content was locked by its owner: once its lock is free, the owner is gone.
      channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      String name = lockFile.getFileName().toString();
      root = parent.resolve(name.substring(0, name.length() - LOCK.length()));
      if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(root);
      }
      return new RunDirectory(root, lockFile, channel, reservation);
    } catch (IOException | RuntimeException e) {
      try {
        if (root != null) {
          SafeFiles.deleteTree(root);
        }
        Files.deleteIfExists(lockFile);
        channel.close();
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      } finally {
        reservation.close();
      }
      throw e;
    }
  }

  /**
   * Removes the run directories in a parent whose owner is gone (its process ended, however it
   * ended), after killing the processes still working in them (a sandbox whose runner was killed).
   * A directory whose owner is alive, in this process or another, is left alone.
   *
   * @param parent where run directories are created
   * @return the run directories removed
   * @throws IOException if the parent cannot be listed; a directory that cannot be removed is left
   *     for the next sweep and not reported
   */
  public static List<Path> sweep(Path parent) throws IOException {
    if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(parent)) {
      entries = list.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().toList();
    }
    Instant settled = Instant.now().minus(SETTLE);
    List<Path> removed = new ArrayList<>();
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      try {
        if (name.endsWith(LOCK) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          Path dir = parent.resolve(name.substring(0, name.length() - LOCK.length()));
          if (Files.size(entry) == 0 && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(settled)) {
            continue; // its owner may not have locked it yet
          }
          Optional<HeldLocks.Reservation> reservation = HeldLocks.reserve(entry);
          if (reservation.isEmpty()) {
            continue; // its owner is alive in this process: opening the file would free the owner's lock
          }
          try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock free = channel.tryLock();
            if (free == null) {
              continue; // its owner is alive in another process
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
              OrphanProcesses.kill(dir);
              SafeFiles.deleteTree(dir);
              removed.add(dir);
            }
            Files.deleteIfExists(entry);
          } catch (OverlappingFileLockException e) {
            // its owner is alive in this process
          } finally {
            reservation.get().close();
          }
        } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(parent.resolve(name + LOCK), LinkOption.NOFOLLOW_LINKS)) {
          // Owners lock before they create the directory and unlock after they removed it: a
          // directory without its lock file has no owner.
          OrphanProcesses.kill(entry);
          SafeFiles.deleteTree(entry);
          removed.add(entry);
        }
      } catch (IOException e) {
        // left for the next sweep
      }
    }
    return removed;
  }

  /** @return the run directory itself */
  public Path root() {
    return root;
  }

  /** @return the staged inputs, {@code /in} */
  public Path in() {
    return in;
  }

  /** @return the outputs, {@code /out} */
  public Path out() {
    return out;
  }

  /** @return the executor's scratch directory */
  public Path scratch() {
    return scratch;
  }

  /**
   * Copies each declared input from the inputs directory into {@code in/}, hashes the copy (so the
   * source cannot change after the check) and compares it with the declared SHA-256. The copies
   * and {@code in/} are then made read-only.
   *
   * @param inputs the declared inputs
   * @param inputsDir where they are, if an inputs directory was given
   * @return every problem ({@code input.missing}, {@code input.not_regular}, {@code
   *     input.sha256_mismatch}); empty when all inputs are staged
   * @throws IOException if copying fails for another reason
   */
  public List<Violation> stage(List<InputFile> inputs, Optional<Path> inputsDir) throws IOException {
    List<Violation> problems = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      InputFile input = inputs.get(i);
      String where = "inputs[" + i + "]";
      String name = input.name();
      if (inputsDir.isEmpty()) {
        problems.add(new Violation("input.missing", where, "input '" + name + "' is declared but no inputs directory was given"));
        continue;
      }
      Path source = inputsDir.get().resolve(name);
      if (name.isEmpty() || name.equals(".") || name.equals("..") || !inputsDir.get().equals(source.getParent())) {
        problems.add(new Violation("input.name_invalid", where, "input name '" + name + "' is not a plain file name"));
        continue;
      }
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new Violation("input.missing", where, "input '" + name + "' is not in the inputs directory"));
        continue;
      }
      Path copy = in.resolve(name);
      String actual;
      try {
        actual = copyHashed(source, copy);
      } catch (RegularFileReader.NotRegularException e) {
        Files.deleteIfExists(copy);
        problems.add(new Violation("input.not_regular", where, "input '" + name + "' is a link or not a regular file: " + e.getMessage()));
        continue;
      }
      if (!actual.equals(input.sha256())) {
        problems.add(new Violation("input.sha256_mismatch", where,
            "input '" + name + "' has SHA-256 " + actual + ", the request declares " + input.sha256()));
      }
      setPermissions(copy, "r--r--r--");
    }
    setPermissions(in, "r-xr-xr-x");
    return problems;
  }

  /**
   * Copies a regular file into a new file, hashing the bytes copied; the source is opened without
   * following links or blocking and checked on the open channel ({@link RegularFileReader}).
   */
  private static String copyHashed(Path source, Path target) throws IOException {
    dev.threegate.internal.io.Sha256 digest = new dev.threegate.internal.io.Sha256();
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      RegularFileReader.read(source, Long.MAX_VALUE, buffer -> {
        digest.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      });
    }
    return digest.hex();
  }

  private static void setPermissions(Path path, String permissions) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } else {
      path.toFile().setWritable(false, false);
    }
  }

  /**
   * Removes the directory, then its lock file, then gives up the lock. When the directory cannot
   * be removed, the lock file stays, so that a later {@link #sweep(Path)} removes both.
   */
  @Override
  public void close() throws IOException {
    try {
      SafeFiles.deleteTree(root);
      Files.deleteIfExists(lockFile);
    } finally {
      try {
        channel.close(); // gives up the lock
      } finally {
        reservation.close();
      }
    }
  }
}
