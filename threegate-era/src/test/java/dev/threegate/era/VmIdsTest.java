package dev.threegate.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.era.internal.VmIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VmIdsTest {
  @Test
  void findsOnlyTheVmsOfTheLanguageCreatedInTheWindow() {
    Instant from = Instant.ofEpochSecond(1_764_678_044L);
    Instant to = from.plusSeconds(2);
    String list = """
        python-1764678043999999999
        python-1764678044018167000
        node-1764678044500000000
        2026-01-01T00:00:00Z INFO vm id=python-1764678045000000000 status=stopped
        python-1764678044018167000x
        python-1764678047000000000
        """;
    assertThat(VmIds.createdBetween(list, "python", from, to))
        .containsExactly("python-1764678044018167000", "python-1764678045000000000");
  }

  @Test
  void acceptsOnlyIdsThatAreSafeAsNamesAndArguments() {
    assertThat(VmIds.isSafe("python-1764678044018167000")).isTrue();
    assertThat(VmIds.isSafe("..")).isFalse();
    assertThat(VmIds.isSafe("-rf")).isFalse();
    assertThat(VmIds.isSafe("a/b")).isFalse();
    assertThat(VmIds.isSafe("")).isFalse();
  }
}
