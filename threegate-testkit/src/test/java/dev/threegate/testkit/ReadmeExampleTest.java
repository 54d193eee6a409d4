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
        "import dev.threegate.*;\nimport dev.threegate.exec.*;\nimport dev.threegate.policy.*;\n"
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
