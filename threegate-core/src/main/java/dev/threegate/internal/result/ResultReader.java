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
package dev.threegate.internal.result;

import dev.threegate.exec.NetworkDestination;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.internal.document.FrontMatterDocument;
import dev.threegate.internal.document.MarkdownSections;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.FieldReader;
import dev.threegate.internal.yaml.Problems;
import dev.threegate.internal.yaml.SafeYaml;
import dev.threegate.internal.yaml.YamlNode;
import dev.threegate.problem.Violation;
import dev.threegate.request.Section;
import dev.threegate.result.ResultArtifact;
import dev.threegate.result.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads a Tool Result into a {@link ToolResult}, collecting every problem with its line. */
public final class ResultReader {
  /** The largest Tool Result read. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  static final List<String> REQUIRED_SECTIONS = List.of("Summary", "Provenance", "Outputs", "Stdout", "Stderr", "Safety Notes");

  private ResultReader() {}

  /**
   * What was read.
   *
   * @param result the result, when it could be built
   * @param problems every problem
   * @param lines the document's lines, for the content scan
   */
  public record Read(Optional<ToolResult> result, List<Violation> problems, List<String> lines) {}

  /** Reads a file, at most {@link #MAX_BYTES}, without following a link. */
  public static byte[] readBounded(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("the Tool Result is larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }

  /** Reads a result's bytes. */
  public static Read read(String sourceName, byte[] bytes) {
    Problems problems = new Problems();
    Optional<FrontMatterDocument> document = FrontMatterDocument.read(bytes, problems);
    if (document.isEmpty()) {
      return new Read(Optional.empty(), problems.inSourceOrder(), List.of());
    }
    // The writer emits request-supplied text (request_id, backend_version) as plain scalars where
    // its YAML 1.2 emitter sees no need for quotes, so a result may hold ones that only YAML 1.1
    // would read otherwise: they are not refused here.
    SafeYaml.Result loaded = document.get().frontMatter(SafeYaml.PlainScalars.ANY);
    problems.addAll(loaded.problems());
    ToolResult result = null;
    List<MarkdownSections.Raw> sections =
        MarkdownSections.read(document.get().body(), document.get().bodyFirstLine(), REQUIRED_SECTIONS, problems);
    List<Section> plain = sections.stream().map(MarkdownSections.Raw::section).toList();
    if (loaded.root().isPresent() && loaded.root().get() instanceof YamlNode.Mapping mapping) {
      result = fields(sourceName, new FieldReader(mapping, "", problems), problems, plain);
    } else if (loaded.problems().isEmpty()) {
      problems.add("format.front_matter_not_mapping", 2, "the front matter must be a YAML mapping of keys to values");
    }
    checkSafetyNotes(plain, problems);
    return new Read(problems.isEmpty() ? Optional.ofNullable(result) : Optional.empty(), problems.inSourceOrder(),
        document.get().lines());
  }

  private static ToolResult fields(String sourceName, FieldReader fields, Problems problems, List<Section> sections) {
    fields
        .string("result_type", true)
        .filter(v -> !v.strip().equals("tool_result"))
        .ifPresent(v -> problems.add("field.result_type", fields.lineOf("result_type"), "result_type",
            "result_type must be 'tool_result', not '" + Text.printable(v) + "'"));
    fields
        .string("schema_version", true)
        .filter(v -> !v.strip().equals("1"))
        .ifPresent(v -> problems.add("field.schema_version", fields.lineOf("schema_version"), "schema_version",
            "schema_version " + Text.printable(v) + " is not supported; this library reads version 1"));
    String resultId = fields.nonBlank("result_id");
    Instant created = fields.instant("created_utc", true).orElse(Instant.EPOCH);
    String requestId = fields.nonBlank("request_id");
    String executor = fields.nonBlank("executor");
    String backend = fields.nonBlank("backend");
    long exitCode = fields.integer("exit_code").orElse(0);
    double runtime = fields.decimal("runtime_sec").orElse(0);
    String networkUsed = fields.nonBlank("network_used");
    List<NetworkDestination> destinations = fields
        .mappings("network_destinations", item -> destination(item, problems))
        .stream().flatMap(Optional::stream).toList();
    List<ResultArtifact> artifacts =
        fields.mappings(
            "artifacts",
            item -> new ResultArtifact(
                item.string("path", true).orElse(""),
                item.string("sha256", true).orElse(""),
                item.integer("bytes").orElse(0)));
    String stdoutSha = fields.string("stdout_sha256", false).orElse("");
    String stderrSha = fields.string("stderr_sha256", false).orElse("");
    Optional<String> status = fields.string("status", false).filter(v -> !v.isEmpty());
    Optional<String> requestSha = fields.string("request_sha256", false).filter(v -> !v.isEmpty());
    Optional<String> enforcement = fields.string("network_enforcement", false).filter(v -> !v.isEmpty());
    Optional<String> approval = fields.string("approval", false).filter(v -> !v.isEmpty());
    Optional<String> approvalKeyId = fields.string("approval_key_id", false).filter(v -> !v.isEmpty());
    Optional<String> approvedBy = fields.string("approved_by", false).filter(v -> !v.isEmpty());
    if (approval.isPresent() && !approval.get().equals("declared") && !approval.get().equals("signed")) {
      problems.add("field.approval", fields.lineOf("approval"), "approval",
          "approval must be declared or signed, not '" + Text.printable(approval.get()) + "'");
    }
    boolean signed = approval.filter("signed"::equals).isPresent();
    if (signed != approvalKeyId.isPresent()
        || approvalKeyId.filter(id -> !id.matches("[0-9a-f]{64}")).isPresent()) {
      problems.add("field.approval", fields.lineOf(signed ? "approval" : "approval_key_id"), "approval_key_id",
          "a signed approval names its key (approval_key_id, 64 lowercase hex digits), and only a signed one does");
    }
    if (signed && artifacts.stream().noneMatch(a -> a.path().equals(resultId + ".approval.sigstore.json"))) {
      problems.add("field.approval", fields.lineOf("approval"), "artifacts",
          "a signed approval's copy, " + Text.printable(resultId) + ".approval.sigstore.json, is listed among the artifacts");
    }
    checkNetwork(fields, networkUsed, enforcement, destinations, problems);
    if (exitCode < Integer.MIN_VALUE || exitCode > Integer.MAX_VALUE) {
      problems.add("field.integer", fields.lineOf("exit_code"), "exit_code", "exit_code is out of range");
    }
    return ToolResult.builder()
        .sourceName(sourceName)
        .resultId(resultId)
        .createdUtc(created)
        .requestId(requestId)
        .executor(executor)
        .backend(backend)
        .exitCode((int) exitCode)
        .runtimeSec(runtime)
        .networkUsed(networkUsed)
        .networkDestinations(destinations)
        .artifacts(artifacts)
        .stdoutSha256(stdoutSha)
        .stderrSha256(stderrSha)
        .status(status)
        .requestSha256(requestSha)
        .networkEnforcement(enforcement)
        .approval(approval)
        .approvalKeyId(approvalKeyId)
        .approvedBy(approvedBy)
        .sections(sections)
        .build();
  }

  /**
   * One {@code network_destinations} mapping: {@code host}, {@code port}, {@code allowed}, {@code
   * reason} (required when denied), {@code attempts}, {@code bytes_out}, {@code bytes_in}, {@code
   * first_seen}; {@code network.destination_invalid} when a value is out of range.
   */
  private static Optional<NetworkDestination> destination(FieldReader item, Problems problems) {
    String host = item.nonBlank("host");
    long port = item.integer("port").orElse(-1);
    Optional<Boolean> allowed = item.bool("allowed");
    if (allowed.isEmpty() && !item.has("allowed")) {
      problems.add("field.missing", item.lineOf("host"), item.path("allowed"), "required key 'allowed' is missing");
    }
    String reason = item.string("reason", false).orElse("");
    long attempts = item.integer("attempts").orElse(-1);
    long bytesOut = item.integer("bytes_out").orElse(-1);
    long bytesIn = item.integer("bytes_in").orElse(-1);
    Optional<Instant> firstSeen = item.instant("first_seen", true);
    List<String> wrong = new java.util.ArrayList<>();
    if (port < 1 || port > 65_535) {
      wrong.add("port must be between 1 and 65535");
    }
    if (attempts < 1) {
      wrong.add("attempts must be at least 1");
    }
    if (bytesOut < 0 || bytesIn < 0) {
      wrong.add("bytes_out and bytes_in must be 0 or more");
    }
    if (allowed.filter(a -> !a).isPresent() && reason.isBlank()) {
      wrong.add("a denied destination has a reason");
    }
    if (!wrong.isEmpty()) {
      problems.add("network.destination_invalid", item.lineOf("host"), item.path("host").replaceFirst("\\.host$", ""),
          "network destination '" + Text.printable(host) + "': " + String.join("; ", wrong));
    }
    if (!wrong.isEmpty() || host.isBlank() || allowed.isEmpty() || firstSeen.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(NetworkDestination.builder().host(host).port((int) port).allowed(allowed.get()).reason(reason)
        .attempts(attempts).bytesOut(bytesOut).bytesIn(bytesIn).firstSeen(firstSeen.get()).build());
  }

  /**
   * {@code network_used: allowlist} only with {@code network_enforcement: proxy_allowlist} or {@code
   * backend} (a backend that enforces the allowlist itself, such as smolvm), and {@code
   * proxy_allowlist} only with {@code allowlist}; destinations only with {@code proxy_allowlist}, or
   * with {@code backend} when the network used is {@code allowlist}.
   */
  private static void checkNetwork(FieldReader fields, String networkUsed, Optional<String> enforcement,
      List<NetworkDestination> destinations, Problems problems) {
    boolean proxy = enforcement.filter(PROXY_ALLOWLIST::equals).isPresent();
    boolean backend = enforcement.filter(BACKEND::equals).isPresent();
    boolean allowlist = networkUsed.strip().equals("allowlist");
    if (allowlist ? !(proxy || backend) : proxy) {
      problems.add("network.used_inconsistent", fields.lineOf("network_used"), "network_used",
          "network_used: allowlist goes with network_enforcement: proxy_allowlist or backend, and proxy_allowlist only with it; "
              + "here network_used is '" + Text.printable(networkUsed) + "' and network_enforcement "
              + enforcement.map(Text::printable).orElse("is absent"));
    }
    if (!(proxy || (backend && allowlist)) && fields.has("network_destinations") && !destinations.isEmpty()) {
      problems.add("network.destinations_unexpected", fields.lineOf("network_destinations"), "network_destinations",
          "network_destinations are listed only when network_enforcement is proxy_allowlist, or backend with network_used allowlist");
    }
  }

  private static final String PROXY_ALLOWLIST = NetworkEnforcement.PROXY_ALLOWLIST.wireName();
  private static final String BACKEND = NetworkEnforcement.BACKEND.wireName();

  private static void checkSafetyNotes(List<Section> sections, Problems problems) {
    Optional<Section> notes = sections.stream().filter(s -> s.title().equals("Safety Notes")).findFirst();
    if (notes.isEmpty()) {
      return;
    }
    List<String> lines = List.of(notes.get().text().split("\n"));
    if (lines.stream().noneMatch(l -> l.startsWith("Untrusted Output Statement"))) {
      problems.add("safety.untrusted_output_statement_missing", notes.get().line(),
          "the Safety Notes lack the 'Untrusted Output Statement:' line");
    }
    if (lines.stream().noneMatch(l -> l.startsWith("Network confirmation"))) {
      problems.add("safety.network_confirmation_missing", notes.get().line(),
          "the Safety Notes lack the 'Network confirmation:' line");
    }
  }
}
