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
package dev.threegate.result;

import dev.threegate.request.Section;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Tool Result read back from its Markdown: the upstream fields typed, this library's own fields
 * where present, and the body's sections.
 *
 * @param sourceName where it was read from
 * @param resultId {@code result_id}
 * @param createdUtc {@code created_utc}
 * @param requestId {@code request_id}
 * @param executor {@code executor}
 * @param backend {@code backend}
 * @param exitCode {@code exit_code}
 * @param runtimeSec {@code runtime_sec}
 * @param networkUsed {@code network_used}
 * @param networkDestinations {@code network_destinations}
 * @param artifacts {@code artifacts}
 * @param stdoutSha256 {@code stdout_sha256}; empty when absent
 * @param stderrSha256 {@code stderr_sha256}; empty when absent
 * @param status {@code status}, when present
 * @param requestSha256 {@code request_sha256}, when present
 * @param networkEnforcement {@code network_enforcement}, when present
 * @param sections the body's level-two sections in order
 */
public record ToolResult(
    String sourceName,
    String resultId,
    Instant createdUtc,
    String requestId,
    String executor,
    String backend,
    int exitCode,
    double runtimeSec,
    String networkUsed,
    List<String> networkDestinations,
    List<ResultArtifact> artifacts,
    String stdoutSha256,
    String stderrSha256,
    Optional<String> status,
    Optional<String> requestSha256,
    Optional<String> networkEnforcement,
    List<Section> sections) {

  /**
   * Checks and copies the components.
   *
   * @param sourceName where it was read from
   * @param resultId the result id
   * @param createdUtc when it was written
   * @param requestId the request id
   * @param executor the executor
   * @param backend the backend
   * @param exitCode the exit code
   * @param runtimeSec the runtime
   * @param networkUsed the network used
   * @param networkDestinations the destinations
   * @param artifacts the artifacts
   * @param stdoutSha256 the stdout hash
   * @param stderrSha256 the stderr hash
   * @param status the status
   * @param requestSha256 the request hash
   * @param networkEnforcement the network enforcement
   * @param sections the sections
   */
  public ToolResult {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(resultId, "resultId");
    Objects.requireNonNull(createdUtc, "createdUtc");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(networkUsed, "networkUsed");
    networkDestinations = List.copyOf(networkDestinations);
    artifacts = List.copyOf(artifacts);
    Objects.requireNonNull(stdoutSha256, "stdoutSha256");
    Objects.requireNonNull(stderrSha256, "stderrSha256");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestSha256, "requestSha256");
    Objects.requireNonNull(networkEnforcement, "networkEnforcement");
    sections = List.copyOf(sections);
  }

  /**
   * The first section with the given title.
   *
   * @param title the heading text, such as {@code Stdout}
   * @return the section, or empty
   */
  public Optional<Section> section(String title) {
    return sections.stream().filter(s -> s.title().equals(title)).findFirst();
  }
}
