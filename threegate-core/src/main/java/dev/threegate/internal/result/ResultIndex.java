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

import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.io.SafeFiles;
import dev.threegate.internal.text.Names;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which request ids of a results directory have a Tool Result, found by name in constant time
 * (trusted computing base): {@code <resultsDir>/.threegate/index/<request_id>.result} holds the
 * result id ({@code TS-YYYYMMDD-HHMMSSZ-<request_id>}) and a line break. A result's own name holds
 * its time, so without the index only a listing of the whole directory finds it.
 *
 * <p><b>Trust and recovery.</b> An entry is believed only when it names a Markdown file of exactly
 * its request id that exists in the results directory (whatever its type, as a listing counts it);
 * no entry means no result. Any
 * other entry (empty or cut short by a crash, naming a result that is not there, naming another
 * request id on a file system that folds case, or not a regular file) makes the lookup list the
 * results directory for that request id, as before the index, and a result found so is recorded
 * in the entry. The publisher links the entry before the Markdown file, and forces the index
 * before the results directory: a durable result always has a durable entry (a request never runs
 * twice), and an entry whose result never appeared costs one listing, not the request (no request
 * is blocked).
 *
 * <p><b>Building.</b> A results directory without an index (written before it existed) gets one
 * from a single listing: built in {@code .threegate/building/}, then renamed into place, so a
 * partial index is never seen; where it cannot be built (a directory this process cannot write),
 * a lookup lists the directory as before. Readers ({@link #peek}) build and repair nothing. Only
 * writers of this library keep the index: a result another program writes into a directory that
 * has one is not seen until the index is removed and built again.
 */
public final class ResultIndex {
  /** The index directory, inside the results directory. */
  private static final String INDEX = "index";
  /** How an entry's name ends. */
  private static final String ENTRY = ".result";
  private static final String MD = ".md";
  /** The most bytes of an entry read: a result id and a line break are fewer. */
  private static final int MAX_ENTRY_BYTES = 512;

  private ResultIndex() {}

  /**
   * The index directory of a results directory, built from a listing when absent.
   *
   * @param resultsDir the results directory; created when missing
   * @return the index directory
   * @throws IOException if it cannot be created or built
   */
  static Path ensure(Path resultsDir) throws IOException {
    Path hidden = resultsDir.resolve(".threegate");
    Path index = hidden.resolve(INDEX);
    if (Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)) {
      return index;
    }
    // Built outside staging/, which a sweep empties whenever no request is claimed (a build holds
    // no claim); a build a crash cut short is removed by a later build once a day has passed (a
    // live build adds entries all the time, so its directory is never that old).
    Path builds = Files.createDirectories(hidden.resolve("building"));
    removeAbandonedBuilds(builds);
    Path building = builds.resolve(UUID.randomUUID() + ".index");
    Files.createDirectory(building);
    boolean moved = false;
    try {
      fill(resultsDir, building);
      SafeFiles.syncDirectory(building);
      try {
        Files.move(building, index, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        SafeFiles.syncDirectory(hidden);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // built meanwhile by another writer: its index stands
      } catch (FileSystemException e) {
        if (!Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
      }
    } finally {
      if (!moved) {
        SafeFiles.deleteTree(building);
      }
    }
    if (!Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("the result index " + index + " is not a directory");
    }
    return index;
  }

  private static final java.time.Duration ABANDONED = java.time.Duration.ofDays(1);

  /**
   * Removes the builds a crash cut short a day ago or more. Each is first renamed to a name no
   * builder uses (atomic): a builder that was only paused then fails to rename its build into
   * place and lists instead, and never puts a build half removed into place.
   */
  private static void removeAbandonedBuilds(Path builds) {
    java.time.Instant before = java.time.Instant.now().minus(ABANDONED);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(builds)) {
      for (Path build : entries) {
        String name = String.valueOf(build.getFileName());
        try {
          if (name.endsWith(".removing")) {
            SafeFiles.deleteTree(build); // a removal that was itself cut short
          } else if (name.endsWith(".index")
              && Files.getLastModifiedTime(build, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
            Path tombstone = builds.resolve(UUID.randomUUID() + ".removing");
            Files.move(build, tombstone, StandardCopyOption.ATOMIC_MOVE);
            SafeFiles.deleteTree(tombstone);
          }
        } catch (IOException | RuntimeException e) {
          // gone (another remover), or left for the next start
        }
      }
    } catch (IOException | RuntimeException e) {
      // left for the next start
    }
  }

  /**
   * The file name of a request's Tool Result, by its index entry; lists the results directory only
   * when the entry cannot be believed (see the class comment), and then records what it found.
   * Builds the index when the directory has none.
   *
   * @param resultsDir the results directory
   * @param requestId a request id; an unsafe one has no result
   * @return the Markdown file's name, or empty when the request has no result
   * @throws IOException if the index cannot be built or read, or the directory cannot be listed
   */
  public static Optional<String> find(Path resultsDir, String requestId) throws IOException {
    if (!Names.isSafeRequestId(requestId) || !Files.isDirectory(resultsDir)) {
      return Optional.empty();
    }
    return uninterrupted(() -> lookUp(resultsDir, requestId));
  }

  /**
   * As {@link #find}, for a reader: builds and repairs nothing (a reader may be another user, and
   * what it created the gate could not write); without an index, or where an entry cannot be
   * believed, lists the results directory.
   *
   * @param resultsDir the results directory
   * @param requestId a request id; an unsafe one has no result
   * @return the Markdown file's name, or empty when the request has no result
   * @throws IOException if the directory cannot be listed
   */
  public static Optional<String> peek(Path resultsDir, String requestId) throws IOException {
    if (!Names.isSafeRequestId(requestId) || !Files.isDirectory(resultsDir)) {
      return Optional.empty();
    }
    Path index = directory(resultsDir);
    if (!Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)) {
      return listed(resultsDir, requestId);
    }
    Path entry = index.resolve(requestId + ENTRY);
    if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Optional<String> named = believed(resultsDir, entry, requestId);
    return named.isPresent() ? named : listed(resultsDir, requestId);
  }

  /**
   * Makes sure the index names a result that a writer has just published, while its request is
   * claimed: the standard writer linked the entry before the result; a host's own writer did not,
   * and its result would otherwise not be seen by the next claim (the entry is then recorded and
   * forced after the result, so a crash in between can let the request run again).
   *
   * @param resultsDir the results directory
   * @param requestId the request id
   * @param resultFile the Markdown file written
   * @throws IOException if the entry cannot be written
   */
  public static void recordWritten(Path resultsDir, String requestId, Path resultFile) throws IOException {
    String name = String.valueOf(resultFile.getFileName());
    if (!Names.isSafeRequestId(requestId) || !Names.requestIdOfResultFile(name).filter(requestId::equals).isPresent()
        || !Files.exists(resultsDir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
      // The claim finds only a result of the request's name in the results directory: recorded
      // from a listing, if the writer left one there under another path or name.
      Optional<String> listed = Names.isSafeRequestId(requestId) ? listed(resultsDir, requestId) : Optional.empty();
      if (listed.isEmpty()) {
        throw new IOException("the writer's result " + resultFile + " is not a Tool Result of request " + requestId
            + " in " + resultsDir + ", where the next claim looks for one");
      }
      name = listed.get();
    }
    String found = name;
    uninterrupted(() -> {
      Path index = ensure(resultsDir);
      Path entry = index.resolve(requestId + ENTRY);
      if (!believed(resultsDir, entry, requestId).isPresent()) {
        record(index, requestId, resultIdOf(found), true);
      }
      return null;
    });
  }

  /**
   * After a writer failed, records a result of the request it may have left in the results
   * directory (a host's own writer may fail after writing it): one listing, on this failure only.
   *
   * @param resultsDir the results directory
   * @param requestId the request id
   * @return whether a result was found and recorded
   * @throws IOException if the directory cannot be listed or the entry written
   */
  public static boolean recordAfterFailedWrite(Path resultsDir, String requestId) throws IOException {
    if (!Names.isSafeRequestId(requestId) || !Files.isDirectory(resultsDir)) {
      return false;
    }
    Optional<String> listed = listed(resultsDir, requestId);
    if (listed.isEmpty()) {
      return false;
    }
    uninterrupted(() -> {
      Path index = ensure(resultsDir);
      if (!believed(resultsDir, index.resolve(requestId + ENTRY), requestId).isPresent()) {
        record(index, requestId, resultIdOf(listed.get()), true);
      }
      return null;
    });
    return true;
  }

  private static Optional<String> lookUp(Path resultsDir, String requestId) throws IOException {
    Path index;
    try {
      index = ensure(resultsDir);
    } catch (IOException e) {
      // A directory this process cannot write (a reader's view of an inbox), or a build a sweep
      // removed meanwhile: looked up as before the index. No writer can publish there without it.
      return listed(resultsDir, requestId);
    }
    Path entry = index.resolve(requestId + ENTRY);
    if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Optional<String> named = believed(resultsDir, entry, requestId);
    if (named.isPresent()) {
      return named;
    }
    Optional<String> listed = listed(resultsDir, requestId);
    if (listed.isPresent()) {
      try {
        record(index, requestId, resultIdOf(listed.get()), true);
      } catch (IOException e) {
        // not repaired: the next lookup lists again
      }
    }
    return listed;
  }

  /**
   * Builds the index of a results directory written before the index, from one listing; does
   * nothing (and lists nothing) when the index exists: a start costs the same whatever the number
   * of results.
   *
   * @param resultsDir the results directory; nothing happens when it does not exist
   * @throws IOException if the index cannot be built
   */
  public static void build(Path resultsDir) throws IOException {
    if (Files.isDirectory(resultsDir)) {
      Path builds = resultsDir.resolve(".threegate").resolve("building");
      if (Files.isDirectory(builds, LinkOption.NOFOLLOW_LINKS)) {
        removeAbandonedBuilds(builds);
      }
      uninterrupted(() -> ensure(resultsDir));
    }
  }

  /** Work on the index, whose files an interrupt would close midway. */
  @FunctionalInterface
  private interface IndexWork<T> {
    T run() throws IOException;
  }

  /** Does work on the index with the interrupt status set aside, and set again after. */
  private static <T> T uninterrupted(IndexWork<T> work) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return work.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Writes an entry for each Tool Result of the results directory into an index being built (no
   * one reads it yet; the caller forces it once before it is renamed into place).
   */
  private static void fill(Path resultsDir, Path building) throws IOException {
    Set<String> seen = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(resultsDir, "TS-*" + MD)) {
      for (Path file : files) {
        String name = String.valueOf(file.getFileName());
        Optional<String> id = Names.requestIdOfResultFile(name).filter(Names::isSafeRequestId);
        if (id.isPresent() && seen.add(id.get())) {
          write(building.resolve(id.get() + ENTRY), resultIdOf(name));
        }
      }
    }
  }

  /**
   * Stages the entry of a result in the staging directory, for {@link #link}: not forced, since a
   * crash that empties it makes the lookup list the directory, which is right.
   *
   * @param staging the staging directory
   * @param resultId the result id
   * @return the staged entry
   * @throws IOException if it cannot be written
   */
  static Path stage(Path staging, String resultId) throws IOException {
    Path staged = staging.resolve(UUID.randomUUID() + ENTRY);
    write(staged, resultId);
    return staged;
  }

  /**
   * Links a staged entry into the index under its request id; not forced (the caller forces the
   * index before the results directory). An existing entry that can be believed is kept (the
   * request has a result either way); one that cannot is replaced, atomically.
   *
   * @param resultsDir the results directory
   * @param staged the staged entry
   * @param requestId the request id of the result
   * @return the entry linked, to remove if the publish fails; empty when an entry was kept
   * @throws IOException if the entry cannot be linked
   */
  static Optional<Path> link(Path resultsDir, Path staged, String requestId) throws IOException {
    Path entry = ensure(resultsDir).resolve(requestId + ENTRY);
    try {
      Files.createLink(entry, staged);
      return Optional.of(entry);
    } catch (FileAlreadyExistsException e) {
      if (believed(resultsDir, entry, requestId).isPresent()) {
        return Optional.empty();
      }
      replace(staged, entry);
      return Optional.of(entry);
    }
  }

  /** The index directory of a results directory, which may not exist yet. */
  static Path directory(Path resultsDir) {
    return resultsDir.resolve(".threegate").resolve(INDEX);
  }

  /** The Markdown file an entry names, if the entry can be believed. */
  private static Optional<String> believed(Path resultsDir, Path entry, String requestId) {
    String content;
    try {
      byte[] bytes = RegularFileReader.readPrefix(entry, MAX_ENTRY_BYTES);
      if (bytes.length > MAX_ENTRY_BYTES) {
        return Optional.empty();
      }
      content = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!content.endsWith("\n")) {
      return Optional.empty(); // cut short
    }
    String name = content.substring(0, content.length() - 1) + MD;
    if (!Names.requestIdOfResultFile(name).filter(requestId::equals).isPresent()
        || !Files.exists(resultsDir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /** A request's Tool Result found by listing the results directory: the way without the index. */
  private static Optional<String> listed(Path resultsDir, String requestId) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(resultsDir, "TS-*" + MD)) {
      for (Path file : files) {
        String name = String.valueOf(file.getFileName());
        if (Names.requestIdOfResultFile(name).filter(requestId::equals).isPresent()) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Records a found result in the index: a new entry by a link that never replaces, a repair by an
   * atomic rename over the entry that could not be believed.
   */
  private static void record(Path index, String requestId, String resultId, boolean sync) throws IOException {
    Path staged = stage(Files.createDirectories(index.resolveSibling("staging")), resultId);
    try {
      Path entry = index.resolve(requestId + ENTRY);
      try {
        Files.createLink(entry, staged);
      } catch (FileAlreadyExistsException e) {
        replace(staged, entry);
      }
      if (sync) {
        SafeFiles.syncDirectory(index);
      }
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  /**
   * Renames a staged entry over one that cannot be believed. A directory there (which a rename
   * cannot replace) is removed first: left, it would fail every publish of its request.
   */
  private static void replace(Path staged, Path entry) throws IOException {
    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      SafeFiles.deleteTree(entry);
    }
    Files.move(staged, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void write(Path file, String resultId) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap((resultId + "\n").getBytes(StandardCharsets.US_ASCII));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static String resultIdOf(String markdownName) {
    return markdownName.substring(0, markdownName.length() - MD.length());
  }

  /**
   * Removes an entry the failed publish of a result linked, if it still names that result.
   *
   * @param entry the entry
   * @param resultId the result id it was linked for
   */
  static void unlink(Path entry, String resultId) {
    try {
      byte[] bytes = RegularFileReader.readPrefix(entry, MAX_ENTRY_BYTES);
      if (new String(bytes, StandardCharsets.UTF_8).equals(resultId + "\n")) {
        Files.deleteIfExists(entry);
      }
    } catch (NoSuchFileException e) {
      // gone already
    } catch (IOException e) {
      // left: an entry without its result costs a listing, never a run
    }
  }
}
