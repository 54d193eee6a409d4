package dev.threegate.internal.pipeline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive claim on one request id in a results directory, held while the request runs and its
 * result is written, so that two pipelines (threads or processes) never run the same request at
 * once. It is an OS file lock on {@code <resultsDir>/.threegate/locks/<request_id>.lock}: released
 * on {@link #close()} and by the OS when the process dies, so a crash leaves no stale claim.
 */
public final class RequestClaim implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RequestClaim(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
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
    FileChannel channel =
        FileChannel.open(locks.resolve(requestId + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new RequestClaim(channel, lock));
    } catch (OverlappingFileLockException e) {
      channel.close();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
