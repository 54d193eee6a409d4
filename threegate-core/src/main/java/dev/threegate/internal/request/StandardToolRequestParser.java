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
package dev.threegate.internal.request;

import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.text.Shells;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.FieldReader;
import dev.threegate.internal.document.FrontMatterDocument;
import dev.threegate.internal.yaml.Problems;
import dev.threegate.internal.yaml.SafeYaml;
import dev.threegate.internal.yaml.YamlNode;
import dev.threegate.problem.Violation;
import dev.threegate.request.Backend;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.Language;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ResourceLimits;
import dev.threegate.request.RiskAssessment;
import dev.threegate.request.Section;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard {@link ToolRequestParser}: the Tool Request format, schema version 1, with every
 * safety limit on. Stateless and thread-safe.
 */
public final class StandardToolRequestParser implements ToolRequestParser {
  /** The shared instance. */
  public static final StandardToolRequestParser INSTANCE = new StandardToolRequestParser();

  /** The largest request accepted, in bytes. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final Pattern RISK_LEVEL = Pattern.compile("(?i)^(?:[-+*]\\s++)?risk level\\s*+:\\s*+([a-z]++)\\b.*+$");

  private StandardToolRequestParser() {}

  @Override
  public ToolRequest parse(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String name = String.valueOf(file.getFileName());
    // opened without following links and without blocking on a FIFO, checked on the open file
    byte[] bytes = RegularFileReader.readPrefix(file, MAX_BYTES);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(name);
    }
    return parse(name, bytes);
  }

  @Override
  public ToolRequest parse(String sourceName, byte[] markdown) {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(markdown, "markdown");
    if (markdown.length > MAX_BYTES) {
      throw tooLarge(sourceName);
    }
    Problems problems = new Problems();
    Optional<FrontMatterDocument> document = FrontMatterDocument.read(markdown, problems);
    if (document.isEmpty()) {
      throw new RequestFormatException(sourceName, problems.inSourceOrder());
    }
    SafeYaml.Result loaded = document.get().frontMatter();
    problems.addAll(loaded.problems());

    FrontMatter front = null;
    if (loaded.root().isPresent()) {
      if (loaded.root().get() instanceof YamlNode.Mapping mapping) {
        front = readFrontMatter(mapping, problems);
      } else {
        problems.add("format.front_matter_not_mapping", 2, "the front matter must be a YAML mapping of keys to values");
      }
    } else if (loaded.problems().isEmpty()) {
      problems.add("format.front_matter_not_mapping", 2, "the front matter is empty");
    }

    boolean monty = front != null && front.backend == Backend.MONTY;
    Body body =
        monty
            ? null
            : Body.read(document.get().body(), document.get().bodyFirstLine(), problems);
    if (!problems.isEmpty()) {
      // a front matter that could not be read at all still lets the body be judged: its fields are
      // placeholders that MalformedRequests knows to leave out
      ToolRequest partial = body == null ? null : request(sourceName, markdown, front == null ? FrontMatter.unread() : front, body);
      throw new RequestFormatException(sourceName, problems.inSourceOrder(), partial);
    }
    return request(sourceName, markdown, front, body);
  }

  private static ToolRequest request(String sourceName, byte[] markdown, FrontMatter front, Body body) {
    String risk = body.sections().stream().filter(s -> s.title().equals("Risk Assessment")).findFirst().map(Section::text).orElse("");
    return ToolRequest.builder()
        .sourceName(sourceName)
        .sourceSha256(Sha256.hex(markdown))
        .requestId(front.requestId)
        .createdUtc(front.createdUtc)
        .requestedBy(front.requestedBy)
        .approvedBy(front.approvedBy)
        .approvedUtc(front.approvedUtc)
        .purpose(front.purpose)
        .backend(front.backend)
        .language(front.language)
        .network(front.network)
        .networkAllowlist(front.networkAllowlist)
        .limits(front.limits)
        .inputs(front.inputs)
        .outputsExpected(front.outputs)
        .constraints(front.constraints)
        .command(body.command())
        .sections(body.sections())
        .riskAssessment(new RiskAssessment(riskLevel(risk), risk))
        .build();
  }

  private static RequestFormatException tooLarge(String sourceName) {
    return new RequestFormatException(
        sourceName,
        List.of(
            new Violation(
                "format.too_large", "line 1", "the request is larger than " + MAX_BYTES + " bytes")));
  }

  /** The one risk level the section states; empty when it states none, or more than one line does. */
  private static Optional<RiskAssessment.Level> riskLevel(String text) {
    Optional<RiskAssessment.Level> level = Optional.empty();
    int stated = 0;
    for (String line : text.split("\n")) {
      Matcher m = RISK_LEVEL.matcher(line.replace("*", "").replace("_", "").strip());
      if (m.matches()) {
        stated++;
        level = RiskAssessment.Level.fromName(m.group(1));
      }
    }
    return stated == 1 ? level : Optional.empty();
  }


  /** The typed front matter; fields hold placeholders where a problem was reported. */
  private static final class FrontMatter {
    String requestId;
    Instant createdUtc;
    String requestedBy;
    String approvedBy;
    Optional<Instant> approvedUtc;
    String purpose;
    Backend backend = Backend.ERA;
    Language language;
    NetworkMode network;
    List<String> networkAllowlist;
    ResourceLimits limits;
    List<InputFile> inputs;
    List<ExpectedOutput> outputs;
    List<String> constraints;

    /** Placeholders for a front matter that could not be read. */
    static FrontMatter unread() {
      FrontMatter front = new FrontMatter();
      front.requestId = "";
      front.createdUtc = Instant.EPOCH;
      front.requestedBy = "";
      front.approvedBy = "";
      front.approvedUtc = Optional.empty();
      front.purpose = "";
      front.language = Language.PYTHON;
      front.network = NetworkMode.NONE;
      front.networkAllowlist = List.of();
      front.limits = new ResourceLimits(0, 0, 0);
      front.inputs = List.of();
      front.outputs = List.of();
      front.constraints = List.of();
      return front;
    }
  }

  private static FrontMatter readFrontMatter(YamlNode.Mapping mapping, Problems problems) {
    FieldReader fields = new FieldReader(mapping, "", problems);
    FrontMatter front = new FrontMatter();
    fields
        .string("request_type", true)
        .filter(v -> !v.strip().equals("tool_request"))
        .ifPresent(
            v ->
                problems.add(
                    "field.request_type",
                    fields.lineOf("request_type"),
                    "request_type",
                    "request_type must be 'tool_request', not '" + Text.printable(v) + "'"));
    fields
        .string("schema_version", true)
        .filter(v -> !v.strip().equals("1"))
        .ifPresent(
            v ->
                problems.add(
                    "field.schema_version",
                    fields.lineOf("schema_version"),
                    "schema_version",
                    "schema_version " + Text.printable(v) + " is not supported; this library reads version 1"));
    front.requestId = fields.nonBlank("request_id").strip();
    front.createdUtc = fields.instant("created_utc", true).orElse(Instant.EPOCH);
    front.requestedBy = fields.nonBlank("requested_by").strip();
    front.approvedBy = fields.string("approved_by", false).map(String::strip).orElse("");
    front.approvedUtc = fields.instant("approved_utc", false);
    front.purpose = fields.nonBlank("purpose");
    fields
        .string("backend", false)
        .filter(v -> !v.isBlank())
        .ifPresent(
            v -> {
              Optional<Backend> backend = Backend.fromWireName(v.strip());
              if (backend.isEmpty()) {
                problems.add(
                    "backend.unknown",
                    fields.lineOf("backend"),
                    "backend",
                    "unknown backend '" + Text.printable(v) + "'; use ERA, bubblewrap or smolvm");
              } else if (backend.get() != Backend.MONTY) {
                front.backend = backend.get();
              } else {
                front.backend = Backend.MONTY;
                problems.add(
                    "backend.unsupported",
                    fields.lineOf("backend"),
                    "backend",
                    "the Monty lane is not supported by this library; use the ERA lane with a ## Command");
              }
            });
    front.language =
        fields
            .string("language", true)
            .flatMap(v -> language(v, fields.lineOf("language"), problems))
            .orElse(Language.PYTHON);
    front.network =
        fields
            .string("network", true)
            .flatMap(
                v -> {
                  Optional<NetworkMode> mode = NetworkMode.fromWireName(v.strip().toLowerCase(Locale.ROOT));
                  if (mode.isEmpty()) {
                    problems.add(
                        "network.unknown",
                        fields.lineOf("network"),
                        "network",
                        "network must be 'none' or 'allowlist', not '" + Text.printable(v) + "'");
                  }
                  return mode;
                })
            .orElse(NetworkMode.NONE);
    front.networkAllowlist = fields.stringList("network_allowlist");
    front.limits =
        new ResourceLimits(
            fields.integer("cpu_limit").orElse(0),
            fields.integer("memory_limit_mb").orElse(0),
            fields.integer("time_limit_sec").orElse(0));
    front.inputs =
        fields.mappings(
            "inputs",
            item -> new InputFile(item.string("name", true).orElse(""), item.string("sha256", true).orElse("")));
    front.outputs =
        fields.mappings(
            "outputs_expected",
            item ->
                new ExpectedOutput(
                    item.string("path", true).orElse(""), item.string("description", false).orElse("")));
    front.constraints = fields.stringList("constraints");
    fields.rejectUnread();
    return front;
  }

  private static Optional<Language> language(String value, int line, Problems problems) {
    String name = value.strip().toLowerCase(Locale.ROOT);
    Optional<Language> language = Language.fromWireName(name);
    if (language.isEmpty()) {
      if (Shells.isShell(name) || name.equals("shell") || name.endsWith("sh") && name.length() <= 5) {
        problems.add("language.shell", line, "language", "a shell is not an allowed language: '" + Text.printable(value) + "'");
      } else {
        problems.add(
            "language.unknown",
            line,
            "language",
            "unknown language '" + Text.printable(value) + "'; use python, node, ruby or go");
      }
    }
    return language;
  }
}
