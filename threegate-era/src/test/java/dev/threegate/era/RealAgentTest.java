package dev.threegate.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same outcomes against a real ERA {@code agent} found on the {@code PATH}; skipped where
 * there is none (ERA needs a KVM host with krunvm, which most machines and CI runners lack).
 */
class RealAgentTest extends EraOutcomesTest {
  private static final Optional<Path> AGENT =
      Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
          .filter(dir -> !dir.isEmpty())
          .map(dir -> Path.of(dir, "agent"))
          .filter(Files::isExecutable)
          .findFirst();

  @BeforeEach
  void requireARealAgent() {
    assumeTrue(AGENT.isPresent(), "no ERA agent on the PATH: the real-ERA suite is skipped");
  }

  @Override
  EraExecutor executor() {
    assertThat(AGENT).isPresent();
    return EraExecutor.builder().agent(AGENT.get()).stateDirectory(temp.resolve("state")).build();
  }

  @Override
  boolean supportsFiles() {
    return true;
  }
}
