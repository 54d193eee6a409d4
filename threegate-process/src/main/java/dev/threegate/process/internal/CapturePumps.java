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
package dev.threegate.process.internal;

import dev.threegate.exec.StreamCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * Copies a process's stdout and stderr into {@link StreamCapture}s on two threads. When the
 * process has exited but its pipes stay open (a descendant still holds them), {@link #stop()}
 * waits briefly, then kills the process tree so the pipes close, and waits again.
 */
public final class CapturePumps implements ExecuteStreamHandler {
  private static final long LINGER_MILLIS = 300;
  private static final long AFTER_KILL_MILLIS = 5_000;

  private final StreamCapture stdout;
  private final StreamCapture stderr;
  private final ProcessTree tree;
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> anomalies = new ArrayList<>();
  private InputStream processStdout;
  private InputStream processStderr;
  private volatile IOException failure;
  private volatile IOException writeFailure;

  /**
   * Creates the pumps.
   *
   * @param stdout where stdout goes
   * @param stderr where stderr goes
   * @param tree the process tree, killed when the pipes outlive the process
   */
  public CapturePumps(StreamCapture stdout, StreamCapture stderr, ProcessTree tree) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.tree = tree;
  }

  @Override
  public void setProcessInputStream(OutputStream stdin) throws IOException {
    stdin.close();
  }

  @Override
  public void setProcessOutputStream(InputStream is) {
    processStdout = is;
  }

  @Override
  public void setProcessErrorStream(InputStream is) {
    processStderr = is;
  }

  @Override
  public synchronized void start() {
    threads.add(pump(processStdout, stdout, "threegate-stdout"));
    threads.add(pump(processStderr, stderr, "threegate-stderr"));
  }

  private Thread pump(InputStream from, StreamCapture to, String name) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              boolean writing = true;
              try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  if (writing) {
                    try {
                      to.write(buffer, 0, n);
                    } catch (IOException e) {
                      // The capture cannot be completed (a full disk, say): the run is stopped, and
                      // the pipe is still drained so that nothing blocks on a full pipe meanwhile.
                      writing = false;
                      writeFailure = e;
                      tree.killAll();
                    }
                  }
                }
              } catch (IOException e) {
                failure = e;
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void stop() {
    if (!join(LINGER_MILLIS)) {
      int killed = tree.killAll();
      synchronized (anomalies) {
        anomalies.add("the output stayed open after the tool exited; " + killed + " leftover process(es) were killed");
      }
      if (!join(AFTER_KILL_MILLIS)) {
        synchronized (anomalies) {
          anomalies.add("a process outside the reachable tree kept the output open; capture stopped");
        }
      }
    }
  }

  /** Waits for both pumps; returns whether they finished. */
  public boolean join(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Thread> copy;
    synchronized (this) {
      copy = List.copyOf(threads);
    }
    for (Thread thread : copy) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * What went unexpectedly.
   *
   * @return the anomalies so far
   */
  public List<String> anomalies() {
    synchronized (anomalies) {
      return List.copyOf(anomalies);
    }
  }

  /**
   * A write failure of a pump, if any: the capture is incomplete and the process tree was killed.
   *
   * @return the failure, if a pump could not write its capture
   */
  public Optional<IOException> writeFailure() {
    return Optional.ofNullable(writeFailure);
  }

  /**
   * A read failure of a pump, if any.
   *
   * @return the failure, if a pump could not read
   */
  public Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }
}
