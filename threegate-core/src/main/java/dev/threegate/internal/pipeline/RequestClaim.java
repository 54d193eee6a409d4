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

import dev.threegate.internal.io.HeldLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An exclusive claim on one request id in a results directory, held while the request runs and its
 * result is written, so that two pipelines (threads or processes) never run the same request at
 * once. It is an OS file lock on {@code <resultsDir>/.threegate/locks/<request_id>.lock}: released
 * on {@link #close()} and by the OS when the process dies, so a crash leaves no stale claim.
 */
public final class RequestClaim implements AutoCloseable {
  /** Holds the lock; closing it gives the lock up. */
  private final FileChannel channel;
  /** This process's only right to open the lock file while the claim is held. */
  private final HeldLocks.Reservation reservation;

  private RequestClaim(FileChannel channel, HeldLocks.Reservation reservation) {
    this.channel = channel;
    this.reservation = reservation;
  }

  /**
   * Tries to claim a request.
   *
   * @param resultsDir the results directory
   * @param requestId a safe request id
   * @return the claim, or empty when another run holds it
   * @throws IOException if the lock file cannot be opened
   */
  public static Optional<RequestClaim> tryAcquire(Path resultsDir, String requestId) throws IOException {
    Path locks = Files.createDirectories(resultsDir.resolve(".threegate").resolve("locks"));
    Path file = locks.resolve(requestId + ".lock");
    Optional<HeldLocks.Reservation> reservation = HeldLocks.reserve(file);
    if (reservation.isEmpty()) {
      return Optional.empty(); // claimed in this process: opening the file again would free its lock
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      reservation.get().close();
      throw e;
    }
    boolean claimed = false;
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held in this process
      }
      claimed = lock != null;
      return claimed ? Optional.of(new RequestClaim(channel, reservation.get())) : Optional.empty();
    } finally {
      if (!claimed) {
        try {
          channel.close();
        } finally {
          reservation.get().close();
        }
      }
    }
  }

  /**
   * Whether a request is claimed right now, by this process or another.
   *
   * @param resultsDir the results directory
   * @param requestId a safe request id
   * @return {@code true} if its claim is held or cannot be checked
   */
  public static boolean isHeld(Path resultsDir, String requestId) {
    Path file = resultsDir.resolve(".threegate").resolve("locks").resolve(requestId + ".lock");
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    return held(file);
  }

  /**
   * Whether any request in a results directory is claimed right now, by this process or another.
   *
   * @param resultsDir the results directory
   * @return {@code true} if a claim is held or cannot be checked
   */
  public static boolean anyHeld(Path resultsDir) {
    Path locks = resultsDir.resolve(".threegate").resolve("locks");
    if (!Files.isDirectory(locks, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> files = Files.list(locks)) {
      for (Path file : files.toList()) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (held(file)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether a lock file's lock is held; opened only under a reservation, so no lock is freed. */
  private static boolean held(Path file) {
    Optional<HeldLocks.Reservation> reservation;
    try {
      reservation = HeldLocks.reserve(file);
    } catch (IOException e) {
      return true;
    }
    if (reservation.isEmpty()) {
      return true; // held in this process
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      return channel.tryLock() == null;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return true;
    } finally {
      reservation.get().close();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      reservation.close();
    }
  }
}
