package dev.threegate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.request.Requests;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the README's pipeline example and runs it against real files. */
class ReadmeExampleTest {
  @TempDir Path temp;

  static String example() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int marker = readme.indexOf("<!-- pipeline-example -->");
    int start = readme.indexOf("```java\n", marker) + "```java\n".length();
    int end = readme.indexOf("```", start);
    assertThat(marker).as("README pipeline marker").isPositive();
    return readme.substring(start, end);
  }

  @Test
  void thePipelineExampleCompilesAndRuns() throws Exception {
    String method = example();
    assertThat(method.lines().count()).isLessThanOrEqualTo(12);
    String source =
        "import dev.threegate.*;\nimport dev.threegate.exec.*;\nimport dev.threegate.policy.*;\n"
            + "import java.nio.file.Path;\n\npublic class ReadmeExample {\n" + method + "}\n";
    Path src = Files.createDirectories(temp.resolve("src"));
    Files.writeString(src.resolve("ReadmeExample.java"), source);
    Path classes = Files.createDirectories(temp.resolve("classes"));
    String classpath =
        Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
            .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
            .filter(p -> !p.isBlank())
            .collect(Collectors.joining(File.pathSeparator));
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Process process = new ProcessBuilder(javac.toString(), "--release", "17", "-classpath", classpath, "-d", classes.toString(),
        src.resolve("ReadmeExample.java").toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("javac: %s", output).isZero();

    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(temp.resolve("work/inputs"));
    Files.write(temp.resolve("work/inputs/data.csv"), csv);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
    Files.createDirectories(temp.resolve("work/requests"));
    Files.writeString(temp.resolve("work/requests/TR-20261126-120000Z-csv-stats.md"),
        Requests.typicalWith("3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7", sha));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method runGate = loader.loadClass("ReadmeExample").getDeclaredMethod("runGate", Executor.class, Path.class);
      runGate.setAccessible(true);
      Executor executor = ScriptedExecutor.printing("done\n").withFiles(java.util.Map.of("stats.json", new byte[] {'{', '}'}));
      assertThat(runGate.invoke(null, executor, temp.resolve("work"))).isEqualTo(0);
    }
    try (Stream<Path> results = Files.list(temp.resolve("work/results"))) {
      List<String> names = results.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).anyMatch(n -> n.matches("TS-\\d{8}-\\d{6}Z-TR-20261126-120000Z-csv-stats\\.md"));
    }
  }
}
