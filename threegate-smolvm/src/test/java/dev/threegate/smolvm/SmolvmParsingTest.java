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
package dev.threegate.smolvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.exec.NetworkDestination;
import dev.threegate.testkit.SmolvmSimulator;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the executor reads of smolvm's output, and what its builder refuses. */
class SmolvmParsingTest {
  @TempDir Path temp;

  @Test
  void egressEventsBecomeOneDeniedDestinationPerAddressWithItsCountAndFirstTime() {
    String json = """
        [
          {
            "timestamp": "2026-08-13T02:31:05.123456Z",
            "operation": "connect",
            "dest": "93.184.215.14:443"
          },
          {
            "timestamp": "",
            "operation": "sendto",
            "dest": "[2001:db8::1]:53"
          },
          {
            "timestamp": "2026-08-13T02:31:04Z",
            "operation": "connect",
            "dest": "93.184.215.14:443"
          },
          {
            "timestamp": "2026-08-13T02:31:06Z",
            "operation": "resolve",
            "dest": "tracker.example"
          },
          {
            "timestamp": "2026-08-13T02:31:06Z",
            "operation": "connect",
            "dest": "no-port"
          }
        ]
        """;
    Instant now = Instant.parse("2026-09-01T00:00:00Z");
    assertThat(SmolvmExecutor.destinations(json, now))
        .extracting(NetworkDestination::host, NetworkDestination::port, NetworkDestination::attempts, NetworkDestination::firstSeen,
            NetworkDestination::allowed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("93.184.215.14", 443, 2L, Instant.parse("2026-08-13T02:31:04Z"), false),
            org.assertj.core.groups.Tuple.tuple("2001:db8::1", 53, 1L, now, false),
            org.assertj.core.groups.Tuple.tuple("tracker.example", 53, 1L, Instant.parse("2026-08-13T02:31:06Z"), false));
    assertThat(SmolvmExecutor.destinations("[]", now)).isEmpty();
    assertThat(SmolvmExecutor.destinations(json, now).get(2).reason()).contains("port 53 inferred");
  }

  @Test
  void allowlistEntriesGiveAllowHostTheNameOrTheAddressWithoutThePort() {
    assertThat(SmolvmExecutor.allowHost("api.example.test:443")).isEqualTo("api.example.test");
    assertThat(SmolvmExecutor.allowHost("api.example.test")).isEqualTo("api.example.test");
    assertThat(SmolvmExecutor.allowHost("[2001:db8::1]:443")).isEqualTo("2001:db8::1");
    assertThat(SmolvmExecutor.allowHost("[2001:db8::1]")).isEqualTo("2001:db8::1");
    assertThat(SmolvmExecutor.allowHost("203.0.113.9:8080")).isEqualTo("203.0.113.9");
  }

  @Test
  void sweepFindsMachinesByTheOwnerLabelWhateverTheKeyOrder() {
    String ls = """
        [
          {"cpus": 1, "labels": {"gate": "a1", "name": "not-this", "owner": "threegate"}, "name": "threegate-0000000000000001", "state": "running"},
          {"labels": {"owner": "someone"}, "name": "threegate-0000000000000002", "state": "stopped"},
          {"labels": {}, "name": "vm-abc", "ephemeral": true},
          {"name": "x{y}", "labels": {"owner": "threegate"}}
        ]
        """;
    assertThat(SmolvmExecutor.labelledOurs(ls)).containsExactly("threegate-0000000000000001", "x{y}");
    assertThat(SmolvmExecutor.labelledOurs("[]")).isEmpty();
  }

  @Test
  void versionsCompareByNumber() {
    assertThat(SmolvmExecutor.atLeast(new int[] {1, 9, 0}, "1.9.0")).isTrue();
    assertThat(SmolvmExecutor.atLeast(new int[] {1, 10, 0}, "1.9.0")).isTrue();
    assertThat(SmolvmExecutor.atLeast(new int[] {1, 8, 9}, "1.9.0")).isFalse();
    assertThat(SmolvmExecutor.atLeast(new int[] {2, 0, 0}, "1.9.0")).isTrue();
  }

  @Test
  void theBuilderNeverPassesTheVariablesThatLowerTheEgressFloor() {
    assertThatThrownBy(() -> SmolvmExecutor.builder().environment("SMOLVM_EGRESS_ALLOW_PRIVATE", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("egress floor");
    assertThatThrownBy(() -> SmolvmExecutor.builder().environment("SMOLVM_EGRESS_FLOOR", "off"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSmolvmThatReportsNoVersionCannotBeBuilt() {
    assertThatThrownBy(() -> SmolvmExecutor.builder().smolvm(temp.resolve("missing/smolvm")).build())
        .hasMessageContaining("smolvm");
    Path sim = SmolvmSimulator.install(temp.resolve("bin"));
    assertThatThrownBy(() -> SmolvmExecutor.builder().smolvm(sim).environment(SmolvmSimulator.VERSION, "unknown").build())
        .hasMessageContaining("did not report a version");
  }

  @Test
  void leftoverMachinesAreFoundByNameAndDeleted() throws Exception {
    Path sim = SmolvmSimulator.install(temp.resolve("bin"));
    Path state = temp.resolve("state");
    SmolvmExecutor executor = SmolvmExecutor.builder().smolvm(sim).environment(SmolvmSimulator.STATE, state.toString()).build();
    for (String name : new String[] {"threegate-0123456789abcdef", "someone-else"}) {
      ProcessBuilder create = new ProcessBuilder(sim.toString(), "machine", "create", "--name", name, "--label", "owner=threegate")
          .redirectErrorStream(true);
      create.environment().put(SmolvmSimulator.STATE, state.toString());
      Process process = create.start();
      process.getInputStream().readAllBytes();
      assertThat(process.waitFor()).isZero();
    }
    assertThat(executor.leftoverMachines()).containsExactly("threegate-0123456789abcdef");
    executor.deleteMachine("threegate-0123456789abcdef");
    assertThat(SmolvmSimulator.machines(state)).containsExactly("someone-else");
  }
}
