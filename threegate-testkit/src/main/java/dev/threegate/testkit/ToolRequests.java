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

import dev.threegate.request.InputFile;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders Tool Requests for tests: start from {@link #valid()}, a request that the standard parser
 * and {@code Policy.defaults()} accept, override any field, then {@link #toMarkdown()} or {@link
 * #writeTo(Path)}. Values are written as YAML double-quoted strings, so any text can be set,
 * hostile text included. Builders are mutable and not thread-safe; each call returns this builder.
 *
 * <pre>{@code
 * Path request = ToolRequests.valid().command("python3 -V").writeTo(requestsDir);
 * }</pre>
 */
public final class ToolRequests {
  private final Map<String, Object> front = new LinkedHashMap<>();
  private final List<String[]> inputs = new ArrayList<>();
  private final List<String[]> outputs = new ArrayList<>();
  private String command = "python3 -V";
  private String inputSection = "- none";
  private String outputSection = "- none";
  private String riskSection = "Risk level: low\nJustification: reads nothing, writes nothing.\nData sensitivity: public\nNetwork rationale: none needed";

  private ToolRequests() {
    front.put("request_type", "tool_request");
    front.put("schema_version", 1);
    front.put("request_id", "TR-20261126-120000Z-test");
    front.put("created_utc", "2026-11-26T12:00:00Z");
    front.put("requested_by", "core_draft");
    front.put("approved_by", "j.doe");
    front.put("approved_utc", "2026-11-26T12:05:00Z");
    front.put("purpose", "A test request.");
    front.put("backend", "ERA");
    front.put("language", "python");
    front.put("network", "none");
    front.put("cpu_limit", "1");
    front.put("memory_limit_mb", 512);
    front.put("time_limit_sec", 60);
  }

  /**
   * A valid request: approved, {@code python3 -V}, 1 CPU, 512 MiB, 60 s, no network, no files.
   *
   * @return a new builder
   */
  public static ToolRequests valid() {
    return new ToolRequests();
  }

  /**
   * Sets {@code request_id}; the file name of {@link #writeTo(Path)} follows it.
   *
   * @param value the id
   * @return this builder
   */
  public ToolRequests requestId(String value) {
    return field("request_id", value);
  }

  /**
   * Sets the command line under {@code ## Command}.
   *
   * @param value the command
   * @return this builder
   */
  public ToolRequests command(String value) {
    command = Objects.requireNonNull(value, "command");
    return this;
  }

  /**
   * Sets {@code language}.
   *
   * @param value such as {@code python} or {@code node}
   * @return this builder
   */
  public ToolRequests language(String value) {
    return field("language", value);
  }

  /**
   * Sets {@code backend}: the sandbox the approver chose, and the only one the request runs on
   * unless a policy allows a substitution.
   *
   * @param value such as {@code ERA} (the default) or {@code bubblewrap}
   * @return this builder
   */
  public ToolRequests backend(String value) {
    return field("backend", value);
  }

  /**
   * Sets {@code time_limit_sec}.
   *
   * @param seconds the time limit
   * @return this builder
   */
  public ToolRequests timeLimitSec(long seconds) {
    front.put("time_limit_sec", seconds);
    return this;
  }

  /**
   * Sets {@code memory_limit_mb}.
   *
   * @param mib the memory limit
   * @return this builder
   */
  public ToolRequests memoryLimitMb(long mib) {
    front.put("memory_limit_mb", mib);
    return this;
  }

  /**
   * Sets {@code cpu_limit}.
   *
   * @param cpus the CPU limit
   * @return this builder
   */
  public ToolRequests cpuLimit(long cpus) {
    front.put("cpu_limit", Long.toString(cpus));
    return this;
  }

  /**
   * Sets any front-matter key to a text value, written double-quoted; {@code null} removes the key.
   *
   * @param key the key, such as {@code approved_by}
   * @param value the value, or {@code null} to remove the key
   * @return this builder
   */
  public ToolRequests field(String key, String value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      front.remove(key);
    } else {
      front.put(key, value);
    }
    return this;
  }

  /**
   * Declares an input file with the SHA-256 of the given content.
   *
   * @param name the file name under {@code /in}
   * @param content the file's bytes
   * @return this builder
   */
  public ToolRequests input(String name, byte[] content) {
    return input(name, sha256(content));
  }

  /**
   * Declares input files, each with the SHA-256 of its content, in the map's order.
   *
   * @param files file names under {@code /in} and their bytes
   * @return this builder
   */
  public ToolRequests inputs(Map<String, byte[]> files) {
    files.forEach(this::input);
    return this;
  }

  /**
   * Declares an input file with a given SHA-256.
   *
   * @param name the file name under {@code /in}
   * @param sha256 the declared hash
   * @return this builder
   */
  public ToolRequests input(String name, String sha256) {
    inputs.add(new String[] {name, sha256});
    inputSection = "- files listed in the front matter";
    return this;
  }

  /**
   * Declares an expected output.
   *
   * @param path the path, such as {@code /out/result.json}
   * @param description what it holds
   * @return this builder
   */
  public ToolRequests output(String path, String description) {
    outputs.add(new String[] {path, description});
    outputSection = "- files listed in the front matter";
    return this;
  }

  /**
   * Replaces the text under {@code ## Risk Assessment}.
   *
   * @param text the section's text
   * @return this builder
   */
  public ToolRequests riskAssessment(String text) {
    riskSection = Objects.requireNonNull(text, "text");
    return this;
  }

  /**
   * Renders the request.
   *
   * @return the Markdown text
   */
  public String toMarkdown() {
    StringBuilder out = new StringBuilder("---\n");
    front.forEach((key, value) -> out.append(key).append(": ").append(value instanceof String s ? quote(s) : value).append('\n'));
    if (!inputs.isEmpty()) {
      out.append("inputs:\n");
      inputs.forEach(i -> out.append("  - name: ").append(quote(i[0])).append("\n    sha256: ").append(quote(i[1])).append('\n'));
    }
    if (!outputs.isEmpty()) {
      out.append("outputs_expected:\n");
      outputs.forEach(o -> out.append("  - path: ").append(quote(o[0])).append("\n    description: ").append(quote(o[1])).append('\n'));
    }
    out.append("---\n## Command\n").append(command).append("\n\n## Input Files\n").append(inputSection)
        .append("\n\n## Output Expectations\n").append(outputSection).append("\n\n## Risk Assessment\n").append(riskSection).append('\n');
    return out.toString();
  }

  /**
   * The request as the standard parser reads it, except that the command is taken exactly as set,
   * without the format's checks of the command line: for testing an executor with commands a
   * request's Markdown would refuse or render differently (Python one-liners holding {@code
   * __import__}, shell syntax). Never use it to judge a request.
   *
   * @return the parsed request carrying the command as set
   */
  public ToolRequest toRequest() {
    String asSet = command;
    ToolRequest r;
    try {
      command = "python3 -V";
      r = ToolRequestParser.standard().parse(front.getOrDefault("request_id", "TR-request") + ".md", toBytes());
    } finally {
      command = asSet;
    }
    return r.newBuilder().command(asSet).build();
  }

  /**
   * Renders the request as UTF-8 bytes.
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    return toMarkdown().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes the request into a directory as {@code <request_id>.md} (which must not exist yet).
   *
   * @param directory the directory (created when missing)
   * @return the file written
   */
  public Path writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(front.getOrDefault("request_id", "TR-request") + ".md");
      Files.write(file, toBytes(), StandardOpenOption.CREATE_NEW);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The SHA-256 of some bytes, as a request declares it.
   *
   * @param content the bytes
   * @return 64 lowercase hex digits
   */
  public static String sha256(byte[] content) {
    return InputFile.of("content", content).sha256();
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
            out.append(String.format("\\u%04X", cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.append('"').toString();
  }
}
