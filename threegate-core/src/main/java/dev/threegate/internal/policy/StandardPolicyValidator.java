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
package dev.threegate.internal.policy;

import dev.threegate.internal.text.CodePoints;
import dev.threegate.internal.text.Names;
import dev.threegate.internal.text.SecretPatterns;
import dev.threegate.internal.text.Text;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Backend;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.ResourceLimits;
import dev.threegate.request.Section;
import dev.threegate.request.ToolRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The standard {@link PolicyValidator} (trusted computing base: changes here need a second look).
 * Every rule is checked and every violation reported; nothing is thrown for a bad request.
 */
public final class StandardPolicyValidator implements PolicyValidator {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> REQUESTERS = Set.of("core_draft", "human");
  private static final Set<String> MACHINE_APPROVERS = Set.of("core_draft", "core", "ai", "agent", "assistant");

  /** How far in the future an approval may lie, for clocks that disagree a little. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Policy policy;
  private final Clock clock;

  /**
   * Creates a validator that reads the system clock.
   *
   * @param policy the policy to apply
   */
  public StandardPolicyValidator(Policy policy) {
    this(policy, Clock.systemUTC());
  }

  /**
   * Creates a validator.
   *
   * @param policy the policy to apply
   * @param clock the clock that approvals must not lie ahead of by more than {@link #CLOCK_SKEW}
   */
  public StandardPolicyValidator(Policy policy, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The policy this validator applies; the pipeline takes its backend rules from it unless told
   * another.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  @Override
  public Verdict validate(ToolRequest request) {
    Objects.requireNonNull(request, "request");
    List<Violation> out = new ArrayList<>();
    checkIdentity(request, out);
    checkApproval(request, out);
    if (request.backend() == Backend.MONTY) {
      out.add(new Violation("backend.unsupported", "backend", "the Monty lane is not supported by this library"));
    }
    if (!policy.allowedLanguages().contains(request.language())) {
      out.add(
          new Violation(
              "language.not_allowed", "language", "the policy does not allow language " + request.language().wireName()));
    }
    checkNetwork(request, out);
    checkLimits(request.limits(), out);
    CommandRules.check(request.command(), request.language(), policy, out);
    checkInputs(request.inputs(), out);
    checkOutputs(request.outputsExpected(), out);
    if (request.riskAssessment().level().isEmpty()) {
      out.add(
          new Violation(
              "risk.level_missing",
              "## Risk Assessment",
              "the risk assessment must state 'Risk level: low', 'medium' or 'high' on exactly one line"));
    }
    checkSecrets(request, out);
    checkCharacters(request, out);
    return Verdict.of(out);
  }

  private static void checkIdentity(ToolRequest request, List<Violation> out) {
    String id = request.requestId();
    if (!Names.isSafeRequestId(id)) {
      out.add(
          new Violation(
              "request_id.invalid",
              "request_id",
              "request_id '" + Text.printable(id) + "' must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} without '..'"));
    }
    if (!REQUESTERS.contains(request.requestedBy())) {
      out.add(
          new Violation(
              "requested_by.unknown",
              "requested_by",
              "requested_by must be core_draft or human, not '" + Text.printable(request.requestedBy()) + "'"));
    }
  }

  private void checkApproval(ToolRequest request, List<Violation> out) {
    if (request.approvedBy().isBlank() || request.approvedUtc().isEmpty()) {
      out.add(
          new Violation(
              "approval.missing",
              request.approvedBy().isBlank() ? "approved_by" : "approved_utc",
              "the request has not been approved: approved_by and approved_utc are required"));
      return;
    }
    if (request.approvedUtc().get().isBefore(request.createdUtc())) {
      out.add(
          new Violation(
              "approval.before_creation",
              "approved_utc",
              "approved_utc " + request.approvedUtc().get() + " is earlier than created_utc " + request.createdUtc()));
    }
    Instant latest = clock.instant().plus(CLOCK_SKEW);
    if (request.approvedUtc().get().isAfter(latest)) {
      out.add(
          new Violation(
              "approval.in_future",
              "approved_utc",
              "approved_utc " + request.approvedUtc().get() + " lies in the future (now " + clock.instant()
                  + ", " + CLOCK_SKEW.toMinutes() + " minutes of clock skew allowed); an approval cannot precede itself"));
    }
    if (MACHINE_APPROVERS.contains(request.approvedBy().toLowerCase(Locale.ROOT))) {
      out.add(
          new Violation(
              "approval.not_human",
              "approved_by",
              "approved_by '" + Text.printable(request.approvedBy()) + "' is not a person; a human must approve"));
    }
  }

  /**
   * The fields that reach the Tool Result hold no character that looks like a space or like
   * nothing while being something else; line breaks only where a field may span lines.
   */
  private static void checkCharacters(ToolRequest request, List<Violation> out) {
    invisible("request_id", request.requestId(), out);
    invisible("requested_by", request.requestedBy(), out);
    invisible("approved_by", request.approvedBy(), out);
    invisible("purpose", request.purpose().replace('\n', ' '), out);
    for (int i = 0; i < request.networkAllowlist().size(); i++) {
      invisible("network_allowlist[" + i + "]", request.networkAllowlist().get(i), out);
    }
    for (int i = 0; i < request.constraints().size(); i++) {
      invisible("constraints[" + i + "]", request.constraints().get(i).replace('\n', ' '), out);
    }
    for (int i = 0; i < request.inputs().size(); i++) {
      invisible("inputs[" + i + "].name", request.inputs().get(i).name(), out);
      invisible("inputs[" + i + "].sha256", request.inputs().get(i).sha256(), out);
    }
    for (int i = 0; i < request.outputsExpected().size(); i++) {
      invisible("outputs_expected[" + i + "].path", request.outputsExpected().get(i).path(), out);
      invisible(
          "outputs_expected[" + i + "].description", request.outputsExpected().get(i).description().replace('\n', ' '), out);
    }
  }

  private static void invisible(String field, String value, List<Violation> out) {
    int cp = CodePoints.firstInvisible(value);
    if (cp >= 0) {
      out.add(
          new Violation(
              "field.invisible_character",
              field,
              String.format(
                  "%s holds U+%04X, a space other than U+0020, a control or an invisible character that the approver"
                      + " cannot see",
                  field, cp)));
    }
  }

  private void checkNetwork(ToolRequest request, List<Violation> out) {
    if (request.network() == NetworkMode.NONE) {
      if (!request.networkAllowlist().isEmpty()) {
        out.add(
            new Violation(
                "network.allowlist_unexpected",
                "network_allowlist",
                "network_allowlist is only allowed with network: allowlist"));
      }
      return;
    }
    if (!policy.allowNetworkAllowlist()) {
      out.add(
          new Violation(
              "network.allowlist_forbidden",
              "network",
              "network must be none; the policy does not allow network allowlists"));
    }
    if (request.networkAllowlist().isEmpty()) {
      out.add(new Violation("network.allowlist_empty", "network_allowlist", "network: allowlist needs a non-empty network_allowlist"));
    }
    for (String host : request.networkAllowlist()) {
      Optional<NetworkNames.Entry> entry = NetworkNames.parse(host);
      if (entry.isEmpty()) {
        out.add(
            new Violation(
                "network.allowlist_invalid",
                "network_allowlist",
                "'" + Text.printable(host) + "' is not a host name, *.suffix or IP literal with an optional port (1 to 65535);"
                    + " names are ASCII (xn-- for internationalised ones) without a trailing dot"));
      } else if (policy.allowNetworkAllowlist()) {
        checkCeiling(host, entry.get(), out);
      }
    }
  }

  /** A valid request entry against the policy's ceiling: deny by default, an empty ceiling covers nothing. */
  private void checkCeiling(String host, NetworkNames.Entry entry, List<Violation> out) {
    String shown = "'" + Text.printable(host) + "'";
    if (entry.tooBroad()) {
      out.add(new Violation("network.wildcard_too_broad", "network_allowlist",
          shown + " is too broad: a wildcard needs a suffix of at least two labels, such as *.example.com"));
      return;
    }
    List<Integer> uncovered = NetworkNames.uncoveredPorts(policy.networkAllowlistCeiling(), entry);
    if (uncovered.isEmpty()) {
      return;
    }
    String ports = uncovered.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" and "));
    String ceiling = policy.networkAllowlistCeiling().isEmpty()
        ? "the policy's network_allowlist_ceiling is empty, so nothing may be listed (deny by default)"
        : "no entry of the policy's network_allowlist_ceiling covers it on port " + ports
            + (entry.port().isEmpty() ? " (an entry without a port means 80 and 443)" : "");
    if (entry.ipLiteral()) {
      out.add(new Violation("network.ip_literal", "network_allowlist",
          shown + " is an IP literal; only the same literal in the policy's ceiling allows it: " + ceiling));
    } else {
      out.add(new Violation("network.not_in_ceiling", "network_allowlist", shown + " is not allowed: " + ceiling));
    }
  }

  private void checkLimits(ResourceLimits limits, List<Violation> out) {
    limit("limits.cpu", "cpu_limit", limits.cpu(), policy.maxCpu(), "", out);
    limit("limits.memory", "memory_limit_mb", limits.memoryMb(), policy.maxMemoryMb(), " MiB", out);
    limit("limits.time", "time_limit_sec", limits.timeSec(), policy.maxTimeSec(), " s", out);
  }

  private static void limit(String code, String key, long value, long max, String unit, List<Violation> out) {
    if (value < 1 || value > max) {
      out.add(new Violation(code, key, key + " is " + value + "; it must be between 1 and " + max + unit));
    }
  }

  private static void checkInputs(List<InputFile> inputs, List<Violation> out) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < inputs.size(); i++) {
      InputFile input = inputs.get(i);
      String where = "inputs[" + i + "]";
      String name = input.name();
      if (name.equals("..") || name.contains("../") || name.contains("..\\") || name.startsWith("/")) {
        out.add(new Violation("input.path_traversal", where + ".name", "input name '" + Text.printable(name) + "' leaves /in"));
      } else if (name.isEmpty()
          || name.length() > 255
          || name.contains("/")
          || name.contains("\\")
          || name.startsWith(".")
          || name.codePoints().anyMatch(CodePoints::isForbiddenOnOneLine)) {
        out.add(
            new Violation(
                "input.name_invalid",
                where + ".name",
                "input name '" + Text.printable(name) + "' must be a plain file name (no '/', no leading '.')"));
      } else if (!seen.add(name)) {
        out.add(new Violation("input.duplicate", where + ".name", "input '" + Text.printable(name) + "' is declared twice"));
      }
      if (!SHA256.matcher(input.sha256()).matches()) {
        out.add(
            new Violation(
                "input.sha256_invalid",
                where + ".sha256",
                "the sha256 of input '" + Text.printable(name) + "' must be 64 lowercase hex digits"));
      }
    }
  }

  private static void checkOutputs(List<ExpectedOutput> outputs, List<Violation> out) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < outputs.size(); i++) {
      String path = outputs.get(i).path();
      String where = "outputs_expected[" + i + "].path";
      List<String> segments = List.of(path.split("/", -1));
      if (segments.contains("..")) {
        out.add(new Violation("output.path_traversal", where, "output path '" + Text.printable(path) + "' climbs with '..'"));
      } else if (!path.startsWith("/out/") || path.length() == "/out/".length()) {
        out.add(new Violation("output.outside_out", where, "output path '" + Text.printable(path) + "' is not under /out/"));
      } else if (segments.subList(1, segments.size()).stream().anyMatch(s -> s.isEmpty() || s.equals("."))
          || path.contains("\\")
          || path.codePoints().anyMatch(CodePoints::isForbiddenOnOneLine)) {
        out.add(new Violation("output.path_invalid", where, "output path '" + Text.printable(path) + "' is not a normalised path"));
      } else if (!seen.add(path)) {
        out.add(new Violation("output.duplicate", where, "output '" + Text.printable(path) + "' is declared twice"));
      }
    }
  }

  private static void checkSecrets(ToolRequest request, List<Violation> out) {
    secret("command", request.command(), out);
    secret("request_id", request.requestId(), out);
    secret("requested_by", request.requestedBy(), out);
    secret("approved_by", request.approvedBy(), out);
    secret("purpose", request.purpose(), out);
    secret("network_allowlist", String.join("\n", request.networkAllowlist()), out);
    secret("constraints", String.join("\n", request.constraints()), out);
    for (int i = 0; i < request.inputs().size(); i++) {
      secret("inputs[" + i + "]", request.inputs().get(i).name(), out);
    }
    for (int i = 0; i < request.outputsExpected().size(); i++) {
      ExpectedOutput output = request.outputsExpected().get(i);
      secret("outputs_expected[" + i + "]", output.path() + "\n" + output.description(), out);
    }
    for (Section section : request.sections()) {
      if (!section.title().equals("Command")) {
        secret("## " + section.title(), section.text(), out);
      }
    }
  }

  private static void secret(String where, String text, List<Violation> out) {
    Optional<String> found = SecretPatterns.find(text);
    found.ifPresent(shape -> out.add(new Violation("secret.embedded", where, "the request embeds " + shape)));
  }
}
