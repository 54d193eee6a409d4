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
package dev.threegate.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** File operations that never follow a link and never replace a file. */
public final class SafeFiles {
  private static final int BUFFER = 64 * 1024;

  private SafeFiles() {}

  /**
   * Copies a regular file (not through a link) into a new file while hashing the bytes copied.
   *
   * @param source the file to copy
   * @param target the file to create; it must not exist
   * @return the SHA-256 of the bytes copied, 64 lowercase hex digits
   * @throws IOException if either file cannot be used
   */
  public static String copyHashed(Path source, Path target) throws IOException {
    Sha256 digest = new Sha256();
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return digest.hex();
  }

  /**
   * Copies a regular file as {@link #copyHashed(Path, Path)} does, then forces the copy's bytes
   * and metadata to the storage device before returning.
   *
   * @param source the file to copy
   * @param target the file to create; it must not exist
   * @return the SHA-256 of the bytes copied, 64 lowercase hex digits
   * @throws IOException if either file cannot be used
   */
  public static String copyHashedDurably(Path source, Path target) throws IOException {
    Sha256 digest = new Sha256();
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
        FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] bytes = new byte[BUFFER];
      for (int n; (n = in.read(bytes)) > 0; ) {
        digest.update(bytes, 0, n);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
      out.force(true);
    }
    return digest.hex();
  }

  /**
   * Forces a directory's entries (names created, renamed or removed in it) to the storage device.
   * On a platform that cannot open a directory for this (Windows), nothing happens: the entries
   * are then as durable as the platform makes them. An interrupt does not stop it (a result's last
   * sync must not fail because its writer was asked to stop); the thread's interrupt status is
   * kept.
   *
   * @param dir the directory
   * @throws IOException if the directory cannot be opened or forced where the platform allows it
   */
  public static void syncDirectory(Path dir) throws IOException {
    // A FileChannel is interruptible: an interrupt during force closes it and throws, which after
    // a result's last link would make the writer withdraw a result that is already visible. The
    // interrupt status is set aside and restored; when an interrupt arrives during the sync, the
    // sync is done again on a thread of its own, which nobody interrupts.
    boolean interrupted = Thread.interrupted();
    try {
      forceDirectory(dir);
    } catch (ClosedByInterruptException e) {
      interrupted = true;
      forceUninterrupted(dir);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void forceUninterrupted(Path dir) throws IOException {
    IOException[] failure = {null};
    Thread syncer = new Thread(() -> {
      try {
        forceDirectory(dir);
      } catch (IOException e) {
        failure[0] = e;
      }
    }, "threegate-sync");
    syncer.setDaemon(true);
    syncer.start();
    while (syncer.isAlive()) {
      try {
        syncer.join();
      } catch (InterruptedException e) {
        Thread.interrupted(); // the caller's status is restored by syncDirectory
      }
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return; // Windows refuses to open a directory; its rename is the durability it offers
      }
      throw e;
    }
    try (channel) {
      channel.force(true);
    }
  }

  /**
   * The SHA-256 of a regular file's bytes, streamed, not through a link.
   *
   * @param file the file
   * @return 64 lowercase hex digits
   * @throws IOException if it is not a regular file or cannot be read
   */
  public static String sha256(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file: " + file);
    }
    Sha256 digest = new Sha256();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.hex();
  }

  /**
   * Deletes a file or a directory tree without following links, making directories writable first
   * so that read-only ones can be emptied.
   *
   * @param root what to delete; nothing happens when it does not exist
   * @throws IOException if something cannot be deleted
   */
  public static void deleteTree(Path root) throws IOException {
    // What another remover deletes meanwhile is deleted: the walk starts again, a few times.
    for (int attempt = 0; ; attempt++) {
      try {
        deleteTreeOnce(root);
        return;
      } catch (NoSuchFileException e) {
        if (attempt >= 3) {
          if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw e;
          }
          return;
        }
      }
    }
  }

  private static void deleteTreeOnce(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path dir : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
          if (posix) {
            // Not through a link: a directory swapped for a link meanwhile is not followed
            // (O_NOFOLLOW, then fchmod); the delete below removes the link itself.
            try {
              Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                  .setPermissions(PosixFilePermissions.fromString("rwx------"));
            } catch (NoSuchFileException e) {
              throw e;
            } catch (FileSystemException e) {
              // a link now: not followed
            }
          }
        }
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause(); // Files.walk reports what it cannot read so
    }
  }
}
