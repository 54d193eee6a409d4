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
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock files this process has open, so that it never opens one twice. On Linux an OS file lock
 * belongs to the process, and closing <em>any</em> descriptor of the file gives up every lock the
 * process holds on it: a second channel opened only to probe a lock this process holds (a sweep, a
 * second claim of the same request) would, on close, silently free the lock for every other
 * process. A lock file is therefore opened only under a {@link Reservation}, at most one at a time
 * per file in this process; who cannot reserve it knows it is held here.
 */
public final class HeldLocks {
  private static final Set<Path> RESERVED = ConcurrentHashMap.newKeySet();

  private HeldLocks() {}

  /** The right to open one lock file in this process, until closed. */
  public static final class Reservation implements AutoCloseable {
    private final Path key;
    private boolean closed;

    private Reservation(Path key) {
      this.key = key;
    }

    /** Gives the right up; only once the file's channel is closed. */
    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        RESERVED.remove(key);
      }
    }
  }

  /**
   * Reserves a lock file for this caller.
   *
   * @param lockFile the lock file
   * @return the reservation, or empty if this process already has the file open (its lock is held
   *     here, or is being probed)
   * @throws IOException if the file's directory cannot be resolved
   */
  public static Optional<Reservation> reserve(Path lockFile) throws IOException {
    Path parent = lockFile.toAbsolutePath().getParent();
    Path key = parent.toRealPath().resolve(lockFile.getFileName());
    return RESERVED.add(key) ? Optional.of(new Reservation(key)) : Optional.empty();
  }
}
