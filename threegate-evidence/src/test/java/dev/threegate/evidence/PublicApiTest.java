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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No third-party type (snakeyaml-engine, commonmark, commons-exec, commons-codec) appears in a
 * public signature of any module's public API; implementation lives in {@code internal} packages.
 */
class PublicApiTest {
  private static final List<String> THIRD_PARTY =
      List.of("org.snakeyaml.", "org.commonmark.", "org.apache.commons.exec.", "org.apache.commons.codec.");
  static final List<Class<?>> MODULE_ANCHORS =
      List.of(dev.threegate.ToolExecPipeline.class, dev.threegate.process.ProcessRunner.class,
          dev.threegate.era.EraExecutor.class, dev.threegate.bubblewrap.BubblewrapExecutor.class,
          dev.threegate.cli.Main.class, dev.threegate.testkit.FakeExecutor.class);

  @Test
  void publicSignaturesNameNoThirdPartyType() throws Exception {
    List<String> offences = new ArrayList<>();
    int checked = 0;
    for (Class<?> anchor : MODULE_ANCHORS) {
      for (String name : classNames(anchor)) {
        if (name.contains(".internal.") || name.contains("$") && name.matches(".*\\$\\d+")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, anchor.getClassLoader());
        if (!Modifier.isPublic(type.getModifiers())) {
          continue;
        }
        checked++;
        List<String> signatures = new ArrayList<>();
        signatures.add(type.getGenericSuperclass() == null ? "" : type.getGenericSuperclass().getTypeName());
        for (var i : type.getGenericInterfaces()) {
          signatures.add(i.getTypeName());
        }
        for (Method m : type.getDeclaredMethods()) {
          if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
            signatures.add(m.toGenericString());
          }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          if (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) {
            signatures.add(c.toGenericString());
          }
        }
        for (Field f : type.getDeclaredFields()) {
          if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
            signatures.add(f.toGenericString());
          }
        }
        if (type.isRecord()) {
          for (RecordComponent rc : type.getRecordComponents()) {
            signatures.add(rc.getGenericType().getTypeName());
          }
        }
        for (String signature : signatures) {
          if (THIRD_PARTY.stream().anyMatch(signature::contains)) {
            offences.add(name + ": " + signature);
          }
        }
      }
    }
    assertThat(checked).as("public types checked").isGreaterThan(50);
    assertThat(offences).isEmpty();
  }

  /** The class names of the jar or directory a class was loaded from. */
  static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
            .forEach(f -> names.add(location.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream()
            .map(e -> e.getName())
            .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.startsWith("META-INF"))
            .forEach(n -> names.add(n.replace('/', '.').replaceAll("\\.class$", "")));
      }
    }
    return names;
  }
}
