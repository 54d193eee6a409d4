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

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Code examples from the project's documents, compiled as a host application would compile them. */
final class DocExamples {
  private DocExamples() {}

  /** The first {@code java} code block after an HTML comment marker in a document. */
  static String example(Path document, String marker) throws IOException {
    String text = Files.readString(document);
    int at = text.indexOf("<!-- " + marker + " -->");
    assertThat(at).as("marker %s in %s", marker, document).isPositive();
    int start = text.indexOf("```java\n", at) + "```java\n".length();
    return text.substring(start, text.indexOf("```", start));
  }

  /**
   * Compiles one class with javac on the plain class path (every jar and directory of this test
   * run), and loads it.
   */
  static Class<?> compile(String className, String source, Path work) throws Exception {
    Path src = Files.createDirectories(work.resolve("src"));
    Files.writeString(src.resolve(className + ".java"), source);
    Path classes = Files.createDirectories(work.resolve("classes"));
    String classpath =
        Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
            .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
            .filter(p -> !p.isBlank())
            .collect(Collectors.joining(File.pathSeparator));
    Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
        "--release", "17", "-classpath", classpath, "-d", classes.toString(), src.resolve(className + ".java").toString())
        .redirectErrorStream(true).start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(javac.waitFor()).as("javac: %s", output).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, DocExamples.class.getClassLoader());
    return loader.loadClass(className);
  }
}
