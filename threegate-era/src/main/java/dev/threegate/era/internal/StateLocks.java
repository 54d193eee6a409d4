package dev.threegate.era.internal;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per ERA state directory in this JVM: ERA allows one {@code agent} at a time, so every
 * executor sharing a state directory takes turns.
 */
public final class StateLocks {
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private StateLocks() {}

  /** The lock of a state directory. */
  public static ReentrantLock of(Path stateDirectory) {
    return LOCKS.computeIfAbsent(stateDirectory.toAbsolutePath().normalize(), p -> new ReentrantLock(true));
  }
}
