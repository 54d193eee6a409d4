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
package com.example;

import static dev.threegate.testkit.ThreeGateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.Outcome;
import dev.threegate.bubblewrap.BubblewrapExecutor;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.testkit.CorpusCase;
import dev.threegate.testkit.RequestCorpus;
import dev.threegate.testkit.ToolRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatsServiceTest {
  @TempDir Path temp;

  @Test
  void runsOnTheJUnitVersionTheHostDeclares() {
    String expected = System.getProperty("expected.junit.version");
    assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
    assertThat(ParameterizedTest.class.getPackage().getImplementationVersion()).isEqualTo(expected);
  }

  @Test
  void runsTheApprovedRequestAndReadsTheResult() throws Exception {
    FakeExecutor fake = FakeExecutor.builder().stdout("mean 3.5\n").build();
    StatsService service = new StatsService(fake);
    Path request = ToolRequests.valid().command("python3 /in/stats.py").writeTo(temp.resolve("requests"));
    Files.createDirectories(temp.resolve("inputs"));

    Outcome outcome = service.run(request, temp.resolve("inputs"), temp.resolve("results"));

    assertThat(outcome).isAccepted().stdoutContains("mean 3.5").hasValidToolResult();
    assertThat(fake.takeExecution().command()).isEqualTo("python3 /in/stats.py");
  }

  static Stream<CorpusCase> hostile() {
    return RequestCorpus.hostile().stream().limit(20);
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void refusesHostileRequests(CorpusCase hostile) throws Exception {
    FakeExecutor fake = FakeExecutor.builder().build();
    Path requests = Files.createDirectories(temp.resolve("requests"));
    Path request = requests.resolve("TR-20261126-120000Z-hostile.md");
    Files.write(request, hostile.bytes());
    Files.createDirectories(temp.resolve("inputs"));

    Outcome outcome = new StatsService(fake).run(request, temp.resolve("inputs"), temp.resolve("results"));

    assertThat(outcome).isNotInstanceOf(Outcome.Accepted.class);
    assertThat(fake.executions()).isEmpty();
  }

  @Test
  void runsARequestInBubblewrap() throws Exception {
    BubblewrapExecutor.Availability sandbox = BubblewrapExecutor.probe();
    assumeTrue(sandbox.available(), () -> "bubblewrap cannot run here: " + sandbox.message());
    Path inputs = Files.createDirectories(temp.resolve("inputs"));
    Files.writeString(inputs.resolve("hello.py"), "print('hello from the sandbox')\n", StandardCharsets.UTF_8);
    Path request = ToolRequests.valid()
        .backend("bubblewrap")
        .command("python3 /in/hello.py")
        .input("hello.py", Files.readAllBytes(inputs.resolve("hello.py")))
        .writeTo(temp.resolve("requests"));

    Outcome outcome = StatsService.inBubblewrap().run(request, inputs, temp.resolve("results"));

    assertThat(outcome).isAccepted().hasToolExitCode(0).stdoutContains("hello from the sandbox").hasValidToolResult();
  }
}
