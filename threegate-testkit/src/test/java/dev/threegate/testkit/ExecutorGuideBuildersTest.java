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

import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.OutputFiles;
import dev.threegate.exec.StreamCapture;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the builders example of docs/executors.md. */
class ExecutorGuideBuildersTest {
  @TempDir Path temp;

  @Test
  void theBuildersExampleCompilesAndBuildsAResult() throws Exception {
    String method = DocExamples.example(Path.of("..", "docs", "executors.md"), "builders-example");
    String source = "import dev.threegate.exec.*;\n"
        + "import dev.threegate.request.Backend;\n"
        + "import dev.threegate.request.Language;\n"
        + "import java.time.Duration;\n"
        + "public class BuildersExample {\n" + method + "}\n";
    Class<?> example = DocExamples.compile("BuildersExample", source, temp.resolve("compiled"));
    Method describe = example.getDeclaredMethod("describe", String.class, StreamCapture.class, StreamCapture.class, OutputFiles.class);
    describe.setAccessible(true);
    StreamCapture stdout = StreamCapture.open(temp.resolve("stdout"), 1024, () -> {});
    StreamCapture stderr = StreamCapture.open(temp.resolve("stderr"), 1024, () -> {});
    stdout.write("hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    stdout.close();
    stderr.close();
    OutputFiles collected = OutputFiles.collect(Files.createDirectory(temp.resolve("out")));
    ExecutionResult result = (ExecutionResult) describe.invoke(null, "mine", stdout, stderr, collected);
    assertThat(result.status()).isEqualTo(ExecutionStatus.KILLED);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.stdout().bytes()).isEqualTo(6);
    assertThat(result.backend().name()).isEqualTo("mine");
    assertThat(result.limits()).extracting(LimitEnforcement::limit).contains("time_sec", "memory_mb");
  }
}
