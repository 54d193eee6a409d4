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
package dev.threegate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.Executor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the README's pipeline example and runs it against real files. */
class ReadmeExampleTest {
  @TempDir Path temp;

  @Test
  void thePipelineExampleCompilesAndRuns() throws Exception {
    String method = DocExamples.example(Path.of("..", "README.md"), "pipeline-example");
    assertThat(method.lines().count()).isLessThanOrEqualTo(12);
    String source =
        "import dev.threegate.*;\nimport dev.threegate.exec.*;\nimport dev.threegate.policy.*;\nimport dev.threegate.problem.*;\n"
            + "import java.nio.file.Path;\n\npublic class ReadmeExample {\n" + method + "}\n";
    Class<?> example = DocExamples.compile("ReadmeExample", source, temp);

    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    Path work = temp.resolve("work");
    Files.createDirectories(work.resolve("inputs"));
    Files.write(work.resolve("inputs/data.csv"), csv);
    ToolRequests.valid().requestId("TR-20261126-120000Z-csv-stats").command("python3 /in/stats.py")
        .input("data.csv", csv).output("/out/stats.json", "statistics").writeTo(work.resolve("requests"));
    FakeExecutor executor = FakeExecutor.builder().stdout("done\n").file("stats.json", "{}").build();

    Method runGate = example.getDeclaredMethod("runGate", Executor.class, Path.class);
    runGate.setAccessible(true);
    assertThat(runGate.invoke(null, executor, work)).isEqualTo(0);
    assertThat(executor.takeExecution().inputs()).containsEntry("data.csv", ToolRequests.sha256(csv));
    try (Stream<Path> results = Files.list(work.resolve("results"))) {
      assertThat(results.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("TS-\\d{8}-\\d{6}Z-TR-20261126-120000Z-csv-stats\\.md"));
    }
  }
}
