package dev.threegate.bubblewrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.Executor;
import dev.threegate.testkit.ExecutorContractTest;
import org.junit.jupiter.api.BeforeAll;

/** The bubblewrap sandbox keeps the executor contract. */
class BubblewrapContractTest extends ExecutorContractTest {
  private static final BubblewrapExecutor EXECUTOR = BubblewrapExecutor.builder().build();

  @BeforeAll
  static void requireBubblewrap() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
  }

  @Override
  protected Executor executor() {
    return EXECUTOR;
  }
}
