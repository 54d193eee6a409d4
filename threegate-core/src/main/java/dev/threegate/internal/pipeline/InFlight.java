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

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests a pipeline is running, so that it can be shut down: no request enters after {@link
 * #shutdown(Duration)}, the threads in a stoppable phase (staging, executing) are interrupted, and
 * the shutdown waits for every request to leave.
 */
public final class InFlight {
  private final Set<Thread> stoppable = ConcurrentHashMap.newKeySet();
  private int running;
  private boolean closed;

  /** A stoppable phase's work. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @return its result
     * @throws IOException if it fails
     */
    T call() throws IOException;
  }

  /**
   * Enters a request.
   *
   * @return {@code false} when shut down: the request must not start
   */
  public synchronized boolean enter() {
    if (closed) {
      return false;
    }
    running++;
    return true;
  }

  /** Leaves a request entered with {@link #enter()}. */
  public synchronized void leave() {
    running--;
    notifyAll();
  }

  /**
   * Runs a phase that a shutdown interrupts.
   *
   * @param work the phase
   * @param <T> its result
   * @return its result
   * @throws IOException if it fails
   */
  public <T> T stoppable(Work<T> work) throws IOException {
    Thread thread = Thread.currentThread();
    synchronized (this) {
      stoppable.add(thread);
      if (closed) {
        thread.interrupt();
      }
    }
    try {
      return work.call();
    } finally {
      synchronized (this) {
        stoppable.remove(thread);
      }
    }
  }

  /**
   * Whether {@link #shutdown(Duration)} was called.
   *
   * @return true once shut down
   */
  public synchronized boolean isShutdown() {
    return closed;
  }

  /**
   * Refuses new requests, interrupts the stoppable phases and waits for the requests to leave.
   *
   * @param wait the longest wait
   * @return whether every request left in time
   */
  public synchronized boolean shutdown(Duration wait) {
    closed = true;
    stoppable.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + wait.toNanos();
    boolean interrupted = false;
    try {
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
