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
import dev.threegate.exec.Isolation;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the example executor of docs/executors.md as a host application would, and runs the
 * executor contract against it.
 */
class ExecutorGuideExampleTest extends ExecutorContractTest {
  private static Executor example;

  @BeforeAll
  static void compileTheGuidesExecutor(@TempDir Path work) throws Exception {
    String source = DocExamples.example(Path.of("..", "docs", "executors.md"), "executor-example");
    Class<?> executorClass = DocExamples.compile("LocalProcessExecutor", source, work);
    example = (Executor) executorClass.getDeclaredConstructor().newInstance();
  }

  @Override
  protected Executor executor() {
    return example;
  }

  @Test
  void theGuidesContractTestAndPipelineCompileBesideIt(@TempDir Path work) throws Exception {
    Path guide = Path.of("..", "docs", "executors.md");
    String executor = DocExamples.example(guide, "executor-example");
    String source = "import dev.threegate.ToolExecPipeline;\n"
        + "import dev.threegate.policy.Policy;\n"
        + "import dev.threegate.policy.PolicyValidator;\n"
        + "import dev.threegate.testkit.ExecutorContractTest;\n"
        + executor
        + DocExamples.example(guide, "contract-test-example")
        + "class UsingIt {\n" + DocExamples.example(guide, "using-example") + "}\n";
    Class<?> compiled = DocExamples.compile("LocalProcessExecutor", source, work);
    Class<?> contractTest = compiled.getClassLoader().loadClass("LocalProcessExecutorTest");
    assertThat(ExecutorContractTest.class).isAssignableFrom(contractTest);
    var gate = compiled.getClassLoader().loadClass("UsingIt").getDeclaredMethod("gate");
    gate.setAccessible(true);
    assertThat(gate.invoke(null)).isInstanceOf(dev.threegate.ToolExecPipeline.class);
  }

  @Test
  void saysThatItIsolatesNothing() {
    assertThat(example.backend().capabilities().isolation()).isEqualTo(Isolation.NONE);
    assertThat(example.backend().capabilities().fileInputs()).isFalse();
    assertThat(example.backend().capabilities().fileOutputs()).isFalse();
  }
}
