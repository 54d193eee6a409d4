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
package dev.threegate.era.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Which VMs a live gate owns, recorded in the ERA state directory ({@code threegate/owners/}), so
 * that the VMs of a gate killed outright (SIGKILL, a power loss) can be found and cleaned by the
 * next start. Each run holds an OS file lock on its record while it runs (released by the OS when
 * the process dies) and writes the VM id into it as soon as it is known; the record is removed once
 * the VM is cleaned.
 */
public final class VmOwners {
  private static final String SUFFIX = ".owner";

  private VmOwners() {}

  /** One run's record. */
  public static final class Owner implements AutoCloseable {
    private final Path file;
    private final RandomAccessFile out;
    private final FileLock lock;
    private boolean keep;

    private Owner(Path file, RandomAccessFile out, FileLock lock) {
      this.file = file;
      this.out = out;
      this.lock = lock;
    }

    /**
     * Records a VM this run owns, durably.
     *
     * @param vm the VM id
     * @throws IOException if it cannot be written
     */
    public void record(String vm) throws IOException {
      // Written through the file, not the channel: an interrupt of the writing thread would close
      // an interruptible channel, and the lock with it, while the run still owns the VM.
      out.write(("vm=" + vm + "\n").getBytes(StandardCharsets.US_ASCII));
      out.getFD().sync();
    }

    /** Keeps the record after {@link #close()}: its VMs could not all be cleaned. */
    public void keep() {
      keep = true;
    }

    /** Removes the record (unless kept) and gives up the lock. */
    @Override
    public void close() throws IOException {
      try {
        if (!keep) {
          Files.deleteIfExists(file);
        }
      } finally {
        try {
          lock.release();
        } finally {
          out.close();
        }
      }
    }
  }

  /**
   * Starts a run's record.
   *
   * @param stateDirectory ERA's state directory
   * @return the record, locked
   * @throws IOException if it cannot be created
   */
  public static Owner claim(Path stateDirectory) throws IOException {
    Path dir = Files.createDirectories(stateDirectory.resolve("threegate").resolve("owners"));
    Path file = dir.resolve(UUID.randomUUID() + SUFFIX);
    Files.createFile(file);
    RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
    try {
      FileLock lock = out.getChannel().lock();
      out.write(("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
      return new Owner(file, out, lock);
    } catch (IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The record of a run whose process is gone, with the VMs it recorded. */
  public record Orphan(Path file, List<String> vms) {}

  /**
   * The records of runs whose process is gone. Records whose lock is held (by this process or
   * another) and records still being started (empty) are left alone.
   *
   * @param stateDirectory ERA's state directory
   * @return the orphaned records
   * @throws IOException if the records cannot be listed
   */
  public static List<Orphan> orphans(Path stateDirectory) throws IOException {
    Path dir = stateDirectory.resolve("threegate").resolve("owners");
    List<Orphan> orphans = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return orphans;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) == 0) {
        continue;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        if (channel.tryLock() == null) {
          continue;
        }
        List<String> vms = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
          if (line.startsWith("vm=") && VmIds.isSafe(line.substring(3))) {
            vms.add(line.substring(3));
          }
        }
        orphans.add(new Orphan(file, vms));
      } catch (OverlappingFileLockException e) {
        // a live run of this process
      } catch (IOException e) {
        // left for the next sweep
      }
    }
    return orphans;
  }
}
