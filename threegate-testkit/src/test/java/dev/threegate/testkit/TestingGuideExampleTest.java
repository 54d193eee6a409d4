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

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the example of docs/testing.md as a host application would, and runs its test. */
class TestingGuideExampleTest {
  @TempDir Path temp;

  @Test
  void theGuidesTestCompilesAndPasses() throws Exception {
    String source = DocExamples.example(Path.of("..", "docs", "testing.md"), "testing-example");
    String body = source.substring(source.indexOf("  @Test"), source.lastIndexOf('}'));
    assertThat(body.lines().filter(l -> !l.isBlank())).as("the test itself").hasSizeLessThanOrEqualTo(10);
    Class<?> testClass = DocExamples.compile("StatsServiceTest", source, temp);
    var constructor = testClass.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object test = constructor.newInstance();
    Field tempField = testClass.getDeclaredField("temp");
    tempField.setAccessible(true);
    tempField.set(test, Files.createDirectories(temp.resolve("work")));
    Method method = testClass.getDeclaredMethod("runsTheApprovedRequestAndReadsTheResult");
    method.setAccessible(true);
    method.invoke(test);
    try (Stream<Path> results = Files.list(temp.resolve("work/results"))) {
      assertThat(results.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".md"));
    }
  }
}
