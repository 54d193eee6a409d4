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
package dev.threegate.policy;

import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.withCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How far the shapes of package installation are read: over the policy's longest command, and at
 * least 16 KiB; a command longer than that is refused as too long whatever follows.
 */
class PackageInstallScanTest {
  private static final String INSTALL = " pip install x";

  private static List<String> codes(Policy policy, String command) {
    return PolicyValidator.of(policy).validate(parse(withCommand(command))).violations().stream()
        .map(Violation::code).distinct().toList();
  }

  /** A command of {@code length} characters that ends in a package installation. */
  private static String installingAt(int length) {
    String start = "python3 /in/a.py";
    return start + " x".repeat((length - start.length() - INSTALL.length()) / 2) + INSTALL;
  }

  @Test
  void readsAtLeastSixteenKibibytesWhateverThePolicysLimit() {
    String command = installingAt(16 * 1024);
    assertThat(command).hasSize(16 * 1024);
    assertThat(codes(Policy.defaults(), command)).containsExactlyInAnyOrder("command.too_long", "command.package_install");
  }

  @Test
  void readsTheLongestCommandAPolicyAllows() {
    String command = installingAt(20_000);
    Policy longCommands = Policy.defaults().newBuilder().maxCommandBytes(20_000).build();
    assertThat(codes(longCommands, command)).containsExactly("command.package_install");
  }

  @Test
  void leavesTheRestOfACommandRefusedAsTooLongUnread() {
    String command = installingAt(16 * 1024 + 16);
    assertThat(codes(Policy.defaults(), command)).containsExactly("command.too_long");
  }
}
