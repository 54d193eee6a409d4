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

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory sync, the last step of publishing a result, is not undone by an interrupt. */
class SyncDirectoryTest {
  @TempDir Path temp;

  @Test
  void anInterruptedThreadStillSyncsAndKeepsItsInterruptStatus() throws Exception {
    Files.writeString(temp.resolve("entry"), "x");
    Thread.currentThread().interrupt();
    try {
      SafeFiles.syncDirectory(temp);
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void interruptsArrivingDuringSyncsDoNotFailThem() throws Exception {
    Thread self = Thread.currentThread();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread interrupter = new Thread(() -> {
      while (!stop.get()) {
        self.interrupt();
        Thread.onSpinWait();
      }
    });
    interrupter.start();
    try {
      for (int i = 0; i < 200; i++) {
        SafeFiles.syncDirectory(temp);
      }
    } finally {
      stop.set(true);
      while (interrupter.isAlive()) {
        try {
          interrupter.join();
        } catch (InterruptedException e) {
          // one of its own, sent before it stopped
        }
      }
      Thread.interrupted();
    }
  }
}
