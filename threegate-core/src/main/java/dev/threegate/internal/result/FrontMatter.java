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

import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.NetworkDestination;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.internal.text.Text;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.ApprovalRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.NonPrintableStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * The YAML front matter of a Tool Result, between its two {@code ---} lines (trusted computing
 * base). Emitted by a YAML emitter, never by string concatenation; every request- or tool-derived
 * value that some reader could take for anything but text is double-quoted with its controls
 * escaped.
 */
final class FrontMatter {
  /** Immutable settings; a {@link Dump} is not thread-safe, so each emission makes its own. */
  private static final DumpSettings YAML =
      DumpSettings.builder()
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setDefaultScalarStyle(ScalarStyle.PLAIN)
          .setNonPrintableStyle(NonPrintableStyle.ESCAPE)
          .setSplitLines(false)
          .setWidth(Integer.MAX_VALUE)
          .setIndent(2)
          .build();

  /**
   * The most destinations the front matter lists; the rest are counted in the Safety Notes, and
   * the attestation lists the same ones.
   */
  static final int MAX_DESTINATIONS = 1000;

  /** The longest host name shown; a longer one (never a real name) is cut and marked. */
  static final int MAX_HOST_CHARS = 300;

  /** The limits beyond the request's own three that the front matter records, when reported. */
  private static final List<String> COLLECTION_LIMITS = List.of("output_bytes", "output_files", "output_bytes_total", "collection_sec");

  /**
   * Plain scalars that every YAML 1.1, YAML 1.2 and JSON-schema reader takes for the same text:
   * a letter first (no number, date or {@code .inf} starts so), then letters, digits and
   * {@code . _ / + -}, words apart by single spaces. Everything else is double-quoted.
   */
  private static final Pattern PLAIN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9._/+-]*+(?: [A-Za-z0-9._/+-]++)*+");

  /** The letter-first plain scalars that some reader takes for a null or a boolean. */
  private static final Pattern PLAIN_NOT_TEXT = Pattern.compile("(?i)y|n|yes|no|true|false|on|off|null");

  /**
   * A string value emitted double-quoted, with every control, U+0085, U+2028 and U+2029 escaped:
   * no YAML or JSON reader sees a line break, a key or anything but text in it.
   */
  private record Quoted(String text) {}

  /** Represents {@link Quoted} values in the double-quoted style. */
  private static final class QuotingRepresenter extends StandardRepresenter {
    QuotingRepresenter() {
      super(YAML);
      representers.put(Quoted.class, data -> representScalar(Tag.STR, ((Quoted) data).text(), ScalarStyle.DOUBLE_QUOTED));
    }
  }

  private FrontMatter() {}

  /** The front matter's lines, without the {@code ---} lines around them. */
  static String render(ResultContent content) {
    return lineSeparatorsEscaped(new Dump(YAML, new QuotingRepresenter()).dumpToString(fields(content)));
  }

  private static Map<String, Object> fields(ResultContent content) {
    ToolRequest request = content.request();
    ExecutionResult result = content.result();
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("result_type", "tool_result");
    yaml.put("schema_version", 1);
    yaml.put("result_id", value(content.resultId()));
    yaml.put("created_utc", value(content.created().toString()));
    yaml.put("request_id", value(request.requestId()));
    yaml.put("executor", "tool-exec");
    yaml.put("backend", value(result.backend().name()));
    yaml.put("exit_code", result.exitCode());
    yaml.put("runtime_sec", content.runtimeSec());
    yaml.put("network_used", value(networkUsed(request, result)));
    yaml.put("network_destinations", destinations(result));
    List<Map<String, Object>> artifacts = new ArrayList<>();
    for (ResultFile file : content.files().all()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", value(file.path())); // names with controls never get here: refused before
      item.put("sha256", file.sha256());
      item.put("bytes", file.bytes());
      artifacts.add(item);
    }
    yaml.put("artifacts", artifacts);
    yaml.put("stdout_sha256", result.stdout().sha256());
    yaml.put("stderr_sha256", result.stderr().sha256());
    yaml.put("status", result.status().wireName());
    yaml.put("request_sha256", request.sourceSha256());
    yaml.put("stdout_bytes", result.stdout().bytes());
    yaml.put("stderr_bytes", result.stderr().bytes());
    yaml.put("stdout_truncated", result.stdout().truncated());
    yaml.put("stderr_truncated", result.stderr().truncated());
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("cpu", request.limits().cpu());
    limits.put("memory_mb", request.limits().memoryMb());
    limits.put("time_sec", request.limits().timeSec());
    for (String key : COLLECTION_LIMITS) {
      result.limits().stream()
          .filter(l -> l.limit().equals(key))
          .findFirst()
          .ifPresent(l -> limits.put(key, l.value()));
    }
    yaml.put("limits", limits);
    // what nothing enforced, so that a reader of the front matter alone sees it too
    yaml.put("limits_not_enforced", result.limits().stream().filter(l -> !l.enforced()).map(LimitEnforcement::limit).toList());
    yaml.put("backend_version", value(result.backend().version()));
    yaml.put("requested_backend", value(request.backend().wireName()));
    yaml.put("network_enforcement", result.network().wireName());
    ApprovalRecord approval = content.approval();
    yaml.put("approval", approval instanceof ApprovalRecord.Signed ? "signed" : "declared");
    yaml.put("approved_by", value(approval.approver()));
    if (approval instanceof ApprovalRecord.Signed signed) {
      yaml.put("approval_key_id", signed.verified().keyId());
    }
    return yaml;
  }

  private static String networkUsed(ToolRequest request, ExecutionResult result) {
    return switch (result.network()) {
      case NOT_ENFORCED -> "unknown";
      case PROXY_ALLOWLIST -> "allowlist";
      default -> request.network().wireName();
    };
  }

  /**
   * The destinations as mappings, at most {@link #MAX_DESTINATIONS}: every value through the
   * emitter, the host (the tool's own text) escaped and quoted where needed, the reason only when
   * there is one.
   */
  private static List<Map<String, Object>> destinations(ExecutionResult result) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (NetworkDestination destination : listed(result)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("host", value(host(destination.host())));
      item.put("port", destination.port());
      item.put("allowed", destination.allowed());
      if (!destination.reason().isEmpty()) {
        item.put("reason", value(destination.reason()));
      }
      item.put("attempts", destination.attempts());
      item.put("bytes_out", destination.bytesOut());
      item.put("bytes_in", destination.bytesIn());
      item.put("first_seen", value(destination.firstSeen().toString()));
      list.add(item);
    }
    return list;
  }

  /** The destinations the result lists (front matter and attestation): the first {@link #MAX_DESTINATIONS}. */
  static List<NetworkDestination> listed(ExecutionResult result) {
    List<NetworkDestination> all = result.networkDestinations();
    return all.size() > MAX_DESTINATIONS ? all.subList(0, MAX_DESTINATIONS) : all;
  }

  /** A host as shown: at most {@link #MAX_HOST_CHARS} characters, a longer one cut and marked. */
  static String host(String host) {
    if (host.length() <= MAX_HOST_CHARS) {
      return host;
    }
    int end = Character.isHighSurrogate(host.charAt(MAX_HOST_CHARS - 1)) ? MAX_HOST_CHARS - 1 : MAX_HOST_CHARS;
    return host.substring(0, end) + "...(cut)";
  }

  /**
   * A request- or tool-supplied value: controls made visible, then emitted plain only when every
   * reader (YAML 1.1, 1.2 or JSON schema) takes the plain form for the same text, and
   * double-quoted otherwise, so that none takes it for a null, a boolean, a number, a date or a
   * line break.
   */
  private static Object value(String text) {
    String escaped = Text.escapeControls(text);
    return PLAIN_TEXT.matcher(escaped).matches() && !PLAIN_NOT_TEXT.matcher(escaped).matches() ? escaped : new Quoted(escaped);
  }

  /**
   * The emitter leaves U+2028 and U+2029 as they are inside double quotes, where YAML 1.2 reads
   * them as text; a YAML 1.1 reader and a line-based one see a line break. Every tool- or
   * request-derived string that is not plain ASCII text is double-quoted ({@link Quoted}) and
   * every other value is this writer's own ASCII, so each such character is inside double quotes,
   * where {@code \\u2028} is an escape every YAML version and JSON define. (Artifact names with
   * such characters are refused before, and request values have them escaped, so this is a second
   * line of defence.)
   */
  private static String lineSeparatorsEscaped(String yaml) {
    return yaml.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }
}
