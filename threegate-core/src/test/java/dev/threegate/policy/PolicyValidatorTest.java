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
package dev.threegate.policy;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.Isolation;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.ToolRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static dev.threegate.request.Requests.TYPICAL;
import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.typicalWith;
import static dev.threegate.request.Requests.withCommand;
import static org.assertj.core.api.Assertions.assertThat;


class PolicyValidatorTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  private static List<String> codes(PolicyValidator validator, String text) {
    Verdict verdict;
    try {
      verdict = validator.validate(parse(text));
    } catch (dev.threegate.request.RequestFormatException e) {
      verdict = validator.validateMalformed(e);
    }
    return verdict.violations().stream().map(Violation::code).distinct().toList();
  }

  /** A policy's validator, then the backend rules, as the pipeline's validate step applies them. */
  private static PolicyValidator bound(Policy policy, BackendInfo backend) {
    return bound(PolicyValidator.of(policy), policy, backend);
  }

  private static PolicyValidator bound(PolicyValidator validator, Policy policy, BackendInfo backend) {
    return request -> validator.validate(request).and(PolicyValidator.checkBackend(request, policy, backend));
  }

  private static List<String> codes(String text) {
    return codes(DEFAULTS, text);
  }

  private static BackendInfo backend(Isolation isolation, boolean files) {
    return backend(isolation, files, 1024);
  }

  private static BackendInfo backend(Isolation isolation, boolean files, int maxCommandBytes) {
    return BackendInfo.builder()
        .name("test")
        .version("1")
        .capabilities(Capabilities.builder(isolation)
            .languages(Set.of(Language.PYTHON, Language.NODE))
            .maxCommandBytes(maxCommandBytes)
            .fileInputs(files)
            .fileOutputs(files)
            .build())
        .kind(Backend.ERA)
        .build();
  }

  @Test
  void approvesTheExampleRequest() {
    Verdict verdict = DEFAULTS.validate(parse(TYPICAL));
    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict).isSameAs(Verdict.PASSED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python /in/a.py; rm -rf /out",
        "python /in/a.py && python /in/b.py",
        "python /in/a.py | tee /out/x",
        "python /in/a.py > /out/x",
        "python /in/a.py < /in/x",
        "python `echo /in/a.py`",
        "python $(echo /in/a.py)",
        "python /in/a.py &"
      })
  void rejectsChainedCommand(String command) {
    assertThat(codes(withCommand(command))).contains("command.chaining");
  }

  @Test
  void keepsUpstreamsRejectionOfParenthesesUnlessRelaxed() {
    String request = withCommand("python -c \"print(1)\"");
    assertThat(codes(request)).containsExactly("command.parenthesis");
    PolicyValidator relaxed = PolicyValidator.of(Policy.defaults().newBuilder().allowParentheses(true).build());
    assertThat(codes(relaxed, request)).isEmpty();
    assertThat(codes(relaxed, withCommand("python $(id)"))).containsExactly("command.chaining", "command.expansion");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bash /in/run.sh | command.shell",
        "env FOO=1 sh /in/run.sh | command.shell",
        "/usr/bin/bash -c id | command.shell",
        "sudo python /in/a.py | command.privileged",
        "pip install requests | command.package_install",
        "python -m pip install requests | command.package_install",
        "npx cowsay hi | command.package_install",
        "python /etc/passwd | command.host_path",
        "python /in/a.py --config=/root/.ssh/id_rsa | command.host_path",
        "python /in/a.py -o/etc/cron.d/x | command.host_path",
        "python ~/a.py | command.host_path",
        "python /in/../etc/passwd | command.path_traversal",
        "python ../a.py | command.path_traversal",
        "python /in/a.py --disk /dev/sda | command.device",
        "python /in/a.py --sock /var/run/docker.sock | command.host_path",
        "python /in/a.py --token=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | secret.embedded",
        "python /in/a.py --password=hunter2hunter2 | secret.embedded"
      })
  void rejectsDangerousCommands(String command, String code) {
    assertThat(codes(withCommand(command))).contains(code);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python3 -V",
        "python3.11 /in/main.py --out /out/result.json",
        "python3 /in/a.py \"two words\" '' \"it's\" 'say \"hi\"' a=b {x,y} #c *.py",
        "/usr/bin/python3 /in/a.py --tmp /tmp/x --sink /dev/null",
        "python /in/fetch.py --url https://example.org/data",
        "python /in/a.py --ratio 3/4 --name a/b",
        "python -u /in/a.py"
      })
  void approvesOrdinaryCommands(String command) {
    assertThat(codes(withCommand(command))).isEmpty();
  }

  @Test
  void requiresAHumanApprovalNotEarlierThanCreation() {
    assertThat(codes(typicalWith("approved_by: \"j.doe\"", "approved_by: \"\""))).containsExactly("approval.missing");
    assertThat(codes(typicalWith("approved_utc: \"2026-11-26T12:05:00Z\"", "approved_utc:")))
        .containsExactly("approval.missing");
    assertThat(codes(typicalWith("2026-11-26T12:05:00Z", "2026-11-26T11:59:59Z")))
        .containsExactly("approval.before_creation");
    assertThat(codes(typicalWith("approved_by: \"j.doe\"", "approved_by: core_draft")))
        .containsExactly("approval.not_human");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../x", "a/b", "x..y", ".hidden", "", "a b"})
  void rejectsRequestIdsUnfitForFileNames(String id) {
    ToolRequest request = parse(TYPICAL);
    ToolRequest changed = withId(request, id);
    assertThat(DEFAULTS.validate(changed).violations()).extracting(Violation::code).containsExactly("request_id.invalid");
  }

  private static ToolRequest withId(ToolRequest r, String id) {
    return r.newBuilder().requestId(id).build();
  }

  @Test
  void checksLimitsAgainstTheCeilings() {
    assertThat(codes(typicalWith("cpu_limit: \"1\"", "cpu_limit: 0"))).containsExactly("limits.cpu");
    assertThat(codes(typicalWith("memory_limit_mb: 512", "memory_limit_mb: -1"))).containsExactly("limits.memory");
    assertThat(codes(typicalWith("time_limit_sec: 60", "time_limit_sec: 999999999"))).containsExactly("limits.time");
    PolicyValidator tight = PolicyValidator.of(Policy.defaults().newBuilder().maxMemoryMb(256).build());
    assertThat(codes(tight, TYPICAL)).containsExactly("limits.memory");
  }

  @Test
  void checksDeclaredInputsAndOutputs() {
    assertThat(codes(typicalWith("name: \"data.csv\"", "name: \"../data.csv\""))).containsExactly("input.path_traversal");
    assertThat(codes(typicalWith("name: \"data.csv\"", "name: \".env\""))).containsExactly("input.name_invalid");
    assertThat(codes(typicalWith("sha256: \"3a6e", "sha256: \"3A6E"))).containsExactly("input.sha256_invalid");
    assertThat(codes(typicalWith("path: \"/out/stats.json\"", "path: \"/tmp/stats.json\""))).containsExactly("output.outside_out");
    assertThat(codes(typicalWith("path: \"/out/stats.json\"", "path: \"/out/../etc/x\""))).containsExactly("output.path_traversal");
    assertThat(codes(typicalWith("path: \"/out/stats.json\"", "path: \"/out//stats.json\""))).containsExactly("output.path_invalid");
  }

  @Test
  void refusesNetworkAllowlistsUnlessThePolicyAndTheBackendAllowThem() {
    String allowlist = typicalWith("network: none", "network: allowlist\nnetwork_allowlist: [\"pypi.org:443\"]");
    assertThat(codes(allowlist)).containsExactly("network.allowlist_forbidden");
    Policy open = Policy.defaults().newBuilder().allowNetworkAllowlist(true).networkAllowlistCeiling(List.of("pypi.org")).build();
    assertThat(codes(PolicyValidator.of(open), allowlist)).isEmpty();
    assertThat(codes(bound(open, backend(Isolation.MICROVM, true)), allowlist))
        .containsExactly("backend.allowlist_unsupported");
  }

  @Test
  void rejectsWhatTheBackendCannotHonourBeforeAnythingRuns() {
    PolicyValidator validator = bound(Policy.defaults(), backend(Isolation.NAMESPACE, false, 32));
    assertThat(codes(validator, typicalWith("language: python", "language: ruby")))
        .containsExactly("command.language_mismatch", "backend.language_unsupported", "backend.command_too_long",
            "backend.inputs_unsupported", "backend.outputs_unsupported");
  }

  @Test
  void requiresThePolicysMinimumIsolation() {
    assertThat(codes(bound(Policy.defaults(), backend(Isolation.NONE, true)), withCommand("python -V")))
        .containsExactly("backend.isolation_insufficient");
    Policy microvm = Policy.defaults().newBuilder().minimumIsolation(Isolation.MICROVM).build();
    assertThat(codes(bound(microvm, backend(Isolation.NAMESPACE, true)), withCommand("python -V")))
        .containsExactly("backend.isolation_insufficient");
    assertThat(codes(bound(microvm, backend(Isolation.MICROVM, true)), withCommand("python -V"))).isEmpty();
  }

  @Test
  void refusesABackendThatCannotEnforceEveryLimitWhenThePolicyRequiresIt() {
    Policy strict = Policy.defaults().newBuilder().requireEnforcedLimits(true).build();
    assertThat(codes(bound(strict, backend(Isolation.MICROVM, true)), withCommand("python -V")))
        .containsExactly("backend.limits_unenforceable");
    BackendInfo enforcing = BackendInfo.builder()
        .name("test")
        .version("1")
        .capabilities(Capabilities.builder(Isolation.MICROVM)
            .languages(Set.of(Language.PYTHON))
            .maxCommandBytes(1024)
            .fileInputs(true)
            .fileOutputs(true)
            .enforcesAllLimits(true)
            .build())
        .kind(Backend.ERA)
        .build();
    assertThat(codes(bound(strict, enforcing), withCommand("python -V"))).isEmpty();
    assertThat(codes(bound(Policy.defaults(), backend(Isolation.MICROVM, true)), withCommand("python -V"))).isEmpty();
  }

  @Test
  void aHostValidatorGetsTheCapabilityChecksToo() {
    PolicyValidator host = request -> Verdict.PASSED;
    assertThat(codes(bound(host, Policy.defaults(), backend(Isolation.MICROVM, false)), withCommand("python -V")))
        .containsExactly("backend.inputs_unsupported", "backend.outputs_unsupported");
  }

  @Test
  void aBuilderDeniesByDefault() {
    Policy empty = Policy.builder().build();
    assertThat(empty.allowedLanguages()).isEmpty();
    assertThat(codes(PolicyValidator.of(empty), TYPICAL)).containsExactly("language.not_allowed");
    Policy python = Policy.builder().allowLanguages(Language.PYTHON).build();
    assertThat(codes(PolicyValidator.of(python), TYPICAL)).isEmpty();
    assertThat(codes(PolicyValidator.of(python), typicalWith("memory_limit_mb: 512", "memory_limit_mb: 513")))
        .containsExactly("limits.memory");
  }

  @Test
  void requiresADeclaredRiskLevel() {
    assertThat(codes(typicalWith("Risk level: low", "Risk level: unknown"))).containsExactly("risk.level_missing");
    assertThat(codes(typicalWith("Risk level: low", "Risk level: HIGH"))).isEmpty();
  }

  @Test
  void findsSecretsAnywhereInTheRequest() {
    assertThat(codes(typicalWith("Data sensitivity: internal", "-----BEGIN RSA PRIVATE KEY-----")))
        .containsExactly("secret.embedded");
    assertThat(codes(typicalWith("Summary statistics", "AKIAABCDEFGHIJKLMNOP statistics"))).containsExactly("secret.embedded");
  }

  private static BackendInfo kind(Backend kind, Isolation isolation) {
    return BackendInfo.builder()
        .name(kind.wireName())
        .version("1")
        .capabilities(Capabilities.builder(isolation)
            .languages(Set.of(Language.values()))
            .maxCommandBytes(4096)
            .fileInputs(true)
            .fileOutputs(true)
            .build())
        .kind(kind)
        .build();
  }

  @Test
  void runsARequestOnlyOnTheBackendItNamesUnlessThePolicyAllowsTheSubstitution() {
    String era = TYPICAL;
    String bubblewrap = typicalWith("backend: ERA", "backend: bubblewrap");
    BackendInfo bwrap = kind(Backend.BUBBLEWRAP, Isolation.NAMESPACE);
    assertThat(codes(bound(Policy.defaults(), bwrap), bubblewrap)).isEmpty();
    assertThat(codes(bound(Policy.defaults(), bwrap), era)).containsExactly("backend.mismatch");
    assertThat(codes(bound(Policy.defaults(), kind(Backend.ERA, Isolation.MICROVM)), bubblewrap))
        .containsExactly("backend.mismatch");
    Policy substitute = Policy.defaults().newBuilder().allowSubstitution(Backend.ERA, Backend.BUBBLEWRAP).build();
    assertThat(codes(bound(substitute, bwrap), era)).isEmpty();
    assertThat(codes(bound(substitute, kind(Backend.ERA, Isolation.MICROVM)), bubblewrap))
        .as("a substitution is one way").containsExactly("backend.mismatch");
    Policy microvm = substitute.newBuilder().minimumIsolation(Isolation.MICROVM).build();
    assertThat(codes(bound(microvm, bwrap), era))
        .as("the minimum isolation still applies").containsExactly("backend.isolation_insufficient");
    PolicyValidator host = request -> Verdict.PASSED;
    assertThat(codes(bound(host, Policy.defaults(), bwrap), era)).as("a host validator allows no substitution").containsExactly("backend.mismatch");
  }

  @Test
  void bindsTheProgramToTheLanguageAndLetsThePolicyAddPrograms() {
    assertThat(codes(withCommand("pytest /in/tests"))).containsExactly("command.language_mismatch");
    Policy pytest = Policy.defaults().newBuilder().allowPrograms(Language.PYTHON, "pytest", "timeout").build();
    assertThat(codes(PolicyValidator.of(pytest), withCommand("pytest /in/tests"))).isEmpty();
    assertThat(codes(PolicyValidator.of(pytest), withCommand("timeout 5 python3 /in/x.py"))).isEmpty();
    assertThat(codes(PolicyValidator.of(pytest), withCommand("timeout 5 bash /in/x.sh"))).containsExactly("command.shell");
    assertThat(codes(PolicyValidator.of(pytest), typicalWith("language: python", "language: node")))
        .as("programs are per language").containsExactly("command.language_mismatch");
    Policy listsAShell = Policy.defaults().newBuilder().allowPrograms(Language.PYTHON, "bash", "sudo").build();
    assertThat(codes(PolicyValidator.of(listsAShell), withCommand("bash /in/x.sh"))).as("a deny wins").containsExactly("command.shell");
    assertThat(codes(PolicyValidator.of(listsAShell), withCommand("sudo id"))).containsExactly("command.privileged");
  }

  @Test
  void allowsNonAsciiLettersInArgumentsOnlyWhenThePolicySaysSo() {
    String command = withCommand("python3 /in/x.py --name José 東京");
    assertThat(codes(command)).containsExactly("command.non_ascii");
    Policy letters = Policy.defaults().newBuilder().allowNonAsciiArguments(true).build();
    assertThat(codes(PolicyValidator.of(letters), command)).isEmpty();
    assertThat(codes(PolicyValidator.of(letters), withCommand("pythön3 /in/x.py"))).contains("command.non_ascii");
    assertThat(codes(PolicyValidator.of(letters), withCommand("python3 /in/x.py ；id"))).containsExactly("command.non_ascii");
    assertThat(codes(PolicyValidator.of(letters), withCommand("python3 /in/x.py --target pr\u043Ed")))
        .as("a Cyrillic o among ASCII letters").containsExactly("command.non_ascii");
    assertThat(codes(PolicyValidator.of(letters), withCommand("python3 /in/x.py --drу-run")))
        .as("options are ASCII").containsExactly("command.non_ascii");
    assertThat(codes(PolicyValidator.of(letters), withCommand("python3 /in/x.py Москва Αθήνα")))
        .as("whole words of another script").isEmpty();
    assertThat(codes(PolicyValidator.of(letters), withCommand("python3 /in/x.py --a\u00a0--b")))
        .containsExactly("command.invisible_character");
  }

  @Test
  void refusesAnApprovalFromTheFutureBeyondTheClockSkew() {
    java.time.Instant now = java.time.Instant.parse("2026-11-26T12:05:00Z");
    PolicyValidator atApproval = PolicyValidator.of(Policy.defaults(), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    assertThat(codes(atApproval, TYPICAL)).isEmpty();
    PolicyValidator before = PolicyValidator.of(Policy.defaults(), java.time.Clock.fixed(now.minusSeconds(299), java.time.ZoneOffset.UTC));
    assertThat(codes(before, TYPICAL)).as("within five minutes of skew").isEmpty();
    PolicyValidator earlier = PolicyValidator.of(Policy.defaults(), java.time.Clock.fixed(now.minusSeconds(301), java.time.ZoneOffset.UTC));
    assertThat(codes(earlier, TYPICAL)).containsExactly("approval.in_future");
  }

  @Test
  void reportsEveryProblemOfAMalformedRequestAtOnce() {
    String text = typicalWith("language: python", "language: bash")
        .replace("approved_by: \"j.doe\"\n", "")
        .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "sudo id; cat /etc/passwd");
    dev.threegate.request.RequestFormatException malformed =
        org.assertj.core.api.Assertions.catchThrowableOfType(() -> parse(text), dev.threegate.request.RequestFormatException.class);
    assertThat(malformed.partialRequest()).isPresent();
    assertThat(DEFAULTS.validateMalformed(malformed).violations()).extracting(Violation::code)
        .containsExactly("language.shell", "approval.missing", "command.chaining", "command.privileged", "command.host_path");
  }
}
