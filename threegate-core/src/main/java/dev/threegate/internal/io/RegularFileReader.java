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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a file that must be a regular file, the way a gate must read what others can change under
 * it: no link is followed (not even as the last name), opening never blocks the caller (a FIFO
 * swapped in between the check and the open would block an {@code open(2)} until a writer came),
 * and the open channel is checked again: it must be seekable, as large as the regular file that was
 * checked, and still the same file; at most that many bytes are read.
 */
public final class RegularFileReader {
  /** How long an open may take before the file is taken for a FIFO or a device. */
  static final Duration OPEN_WAIT = Duration.ofSeconds(10);

  /** The helper threads that open files: daemons, created on demand, ended after a minute idle. */
  private static final ExecutorService OPENERS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "threegate-open");
    thread.setDaemon(true);
    Holder.STARTED.incrementAndGet();
    return thread;
  });

  private RegularFileReader() {}

  /** How many helper threads were started so far (for tests). */
  static int openersStarted() {
    return Holder.STARTED.get();
  }

  private static final class Holder {
    static final AtomicInteger STARTED = new AtomicInteger();
  }

  /** The bytes of a file, and the problem when they could not be read as a regular file's. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Takes the next bytes.
     *
     * @param buffer the bytes, from position to limit
     * @throws IOException if they cannot be used
     */
    void accept(ByteBuffer buffer) throws IOException;
  }

  /** The file is not, or is no longer, a regular file that can be read. */
  public static final class NotRegularException extends IOException {
    private static final long serialVersionUID = 1L;

    NotRegularException(String message) {
      super(message);
    }
  }

  /**
   * Reads a regular file into a sink.
   *
   * @param file the file
   * @param maxBytes the most bytes the file may have
   * @param sink where the bytes go
   * @return the number of bytes read
   * @throws NotRegularException if the file is a link, a directory, a FIFO, a device or a socket,
   *     is larger than {@code maxBytes}, or changed between the check and the read
   * @throws IOException if it cannot be read
   */
  public static long read(Path file, long maxBytes, Sink sink) throws IOException {
    return read(file, maxBytes, Long.MAX_VALUE, sink);
  }

  /**
   * The first bytes of a regular file, checked as {@link #read(Path, long, Sink)} checks it.
   *
   * @param file the file
   * @param limit the most bytes returned; a longer file gives {@code limit + 1} bytes, so that the
   *     caller can tell it is too long
   * @return the bytes
   * @throws NotRegularException if the file is not a regular file or changed
   * @throws IOException if it cannot be read
   */
  public static byte[] readPrefix(Path file, int limit) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    read(file, Long.MAX_VALUE, limit + 1L, buffer -> bytes.write(buffer.array(), buffer.position(), buffer.remaining()));
    return bytes.toByteArray();
  }

  private static long read(Path file, long maxBytes, long readLimit, Sink sink) throws IOException {
    BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!before.isRegularFile()) {
      throw new NotRegularException(file.getFileName() + " is a link or not a regular file");
    }
    if (before.size() > maxBytes) {
      throw new NotRegularException(file.getFileName() + " has " + before.size() + " bytes, more than " + maxBytes);
    }
    try (FileChannel channel = open(file, OPEN_WAIT)) {
      try {
        channel.position(0);
      } catch (IOException e) {
        throw new NotRegularException(file.getFileName() + " was replaced by a FIFO or socket");
      }
      BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (channel.size() != before.size() || !after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())) {
        throw new NotRegularException(file.getFileName() + " changed while it was being opened");
      }
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      long total = 0;
      while (total < readLimit) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), readLimit - total));
        int n = channel.read(buffer);
        if (n < 0) {
          break;
        }
        total += n;
        if (total > before.size()) {
          throw new NotRegularException(file.getFileName() + " grew or is not a regular file");
        }
        sink.accept(buffer.flip());
      }
      return total;
    }
  }

  /**
   * Opens a file for reading without following a link, on a helper thread: when the open does not
   * return in time (a FIFO with no writer), it is unblocked and refused. The helper threads are
   * kept for a while and reused (a thread started for each open cost 0.4 to 0.7 ms of wall time on
   * a busy machine, three times per request); one blocked for good stays blocked, and another takes
   * its place.
   */
  static FileChannel open(Path file, Duration wait) throws IOException {
    CompletableFuture<FileChannel> opening = new CompletableFuture<>();
    OPENERS.execute(() -> {
      try {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        if (!opening.complete(channel)) {
          channel.close(); // abandoned: the caller has given up
        }
      } catch (Throwable e) {
        opening.completeExceptionally(e);
      }
    });
    try {
      return opening.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (!opening.completeExceptionally(e)) {
        closeLate(opening);
      }
      unblock(file);
      throw new NotRegularException(file.getFileName() + " did not open within " + wait.toMillis() + " ms: a FIFO or a device");
    } catch (InterruptedException e) {
      if (!opening.completeExceptionally(e)) {
        closeLate(opening);
      }
      unblock(file);
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while opening " + file.getFileName());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot open " + file.getFileName() + ": " + e.getCause(), e.getCause());
    }
  }

  private static void closeLate(CompletableFuture<FileChannel> opening) {
    try {
      opening.getNow(null).close();
    } catch (IOException | RuntimeException ignored) {
      // it was opened after all; nothing to keep
    }
  }

  /**
   * Lets a blocked opener go: a FIFO's open for reading returns once someone opens it for writing.
   * Only a FIFO is opened (never written to), on a daemon thread of its own since that open could
   * block too; anything else is left alone.
   */
  private static void unblock(Path file) {
    Thread unblocker = new Thread(() -> {
      try {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0170000) == 0010000) {
          FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS).close();
        }
      } catch (IOException | RuntimeException ignored) {
        // the opener stays blocked until the FIFO is written or removed; it is a daemon thread
      }
    }, "threegate-unblock");
    unblocker.setDaemon(true);
    unblocker.start();
  }
}
