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
package dev.threegate.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code threegate --version} and {@code threegate --help} given alone, answered without building
 * the command line: picocli's model of every command and option is most of such a start's time.
 * The help is the top-level usage picocli prints, rendered at build time ({@link #main}) in plain
 * text and with ANSI styles; picocli's own rule chooses between them, and where the pages are
 * missing or the usage width is set ({@code picocli.usage.width}) the command line is built as for
 * any other command.
 */
public final class TopHelp {
  private static final String PLAIN = "top-help.txt";
  private static final String STYLED = "top-help.ansi.txt";

  private TopHelp() {}

  /**
   * Answers a command line that only asks for the version or the top-level help.
   *
   * @param args the command line
   * @param version the version {@code --version} prints
   * @param out where the answer goes
   * @return whether it was answered (exit code 0); if not, nothing was written
   */
  public static boolean answer(String[] args, String version, PrintStream out) {
    if (args.length != 1) {
      return false;
    }
    switch (args[0]) {
      case "--version", "-V" -> {
        out.println("threegate " + version);
        out.flush();
        return true;
      }
      case "--help", "-h", "help" -> {
        if (System.getProperty("picocli.usage.width") != null) {
          return false;
        }
        Optional<byte[]> page = page(styled() ? STYLED : PLAIN);
        page.ifPresent(bytes -> {
          out.write(bytes, 0, bytes.length);
          out.flush();
        });
        return page.isPresent();
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Whether picocli would print the help with ANSI styles. Without a console, {@code picocli.ansi}
   * and {@code CLICOLOR_FORCE} it would not, and is not asked: its classes are the cost avoided here.
   */
  private static boolean styled() {
    if (System.console() == null && System.getProperty("picocli.ansi") == null && System.getenv("CLICOLOR_FORCE") == null) {
      return false;
    }
    return Ansi.AUTO.enabled();
  }

  private static Optional<byte[]> page(String name) {
    try (InputStream in = TopHelp.class.getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Renders the top-level help into a directory, as {@value #PLAIN} and {@value #STYLED}; run by
   * the build before the classes are packaged.
   *
   * @param args the directory (the package's directory under the build's classes)
   * @throws IOException if a page cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: TopHelp DIR");
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    CommandLineSpec spec = CommandLineSpec.create("", System.out);
    Files.writeString(dir.resolve(PLAIN), spec.topUsage(false), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(STYLED), spec.topUsage(true), StandardCharsets.UTF_8);
  }
}
