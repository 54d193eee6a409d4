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
package dev.threegate.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Tool Request: the typed front matter, the command and the body's sections, bound to
 * the exact bytes it was read from. A {@code ToolRequest} is well-formed but not yet judged: a
 * {@code PolicyValidator} decides whether it may run.
 *
 * @param sourceName where the request was read from, for messages (usually the file name)
 * @param sourceSha256 the SHA-256 of the exact source bytes, 64 lowercase hex digits
 * @param requestId {@code request_id}, as written
 * @param createdUtc {@code created_utc}
 * @param requestedBy {@code requested_by}, as written ({@code core_draft} or {@code human})
 * @param approvedBy {@code approved_by}; empty when absent or blank
 * @param approvedUtc {@code approved_utc}; empty when absent or blank
 * @param purpose {@code purpose}
 * @param backend {@code backend}; {@link Backend#ERA} when absent
 * @param language {@code language}
 * @param network {@code network}
 * @param networkAllowlist {@code network_allowlist}; empty when absent
 * @param limits {@code cpu_limit}, {@code memory_limit_mb} and {@code time_limit_sec}
 * @param inputs {@code inputs}; empty when absent
 * @param outputsExpected {@code outputs_expected}; empty when absent
 * @param constraints {@code constraints}; empty when absent
 * @param command the command: the first non-empty line under {@code ## Command}, trimmed
 * @param sections every level-two section of the body, in document order
 * @param riskAssessment the {@code ## Risk Assessment} section
 */
public record ToolRequest(
    String sourceName,
    String sourceSha256,
    String requestId,
    Instant createdUtc,
    String requestedBy,
    String approvedBy,
    Optional<Instant> approvedUtc,
    String purpose,
    Backend backend,
    Language language,
    NetworkMode network,
    List<String> networkAllowlist,
    ResourceLimits limits,
    List<InputFile> inputs,
    List<ExpectedOutput> outputsExpected,
    List<String> constraints,
    String command,
    List<Section> sections,
    RiskAssessment riskAssessment) {

  /**
   * Checks and copies the components.
   *
   * @param sourceName where the request was read from, for messages (usually the file name) 
   * @param sourceSha256 the SHA-256 of the exact source bytes, 64 lowercase hex digits 
   * @param requestId {@code request_id}, as written 
   * @param createdUtc {@code created_utc} 
   * @param requestedBy {@code requested_by}, as written ({@code core_draft} or {@code human}) 
   * @param approvedBy {@code approved_by}; empty when absent or blank 
   * @param approvedUtc {@code approved_utc}; empty when absent or blank 
   * @param purpose {@code purpose} 
   * @param backend {@code backend}; {@link Backend#ERA} when absent 
   * @param language {@code language} 
   * @param network {@code network} 
   * @param networkAllowlist {@code network_allowlist}; empty when absent 
   * @param limits {@code cpu_limit}, {@code memory_limit_mb} and {@code time_limit_sec} 
   * @param inputs {@code inputs}; empty when absent 
   * @param outputsExpected {@code outputs_expected}; empty when absent 
   * @param constraints {@code constraints}; empty when absent 
   * @param command the command: the first non-empty line under {@code ## Command}, trimmed 
   * @param sections every level-two section of the body, in document order 
   * @param riskAssessment the {@code ## Risk Assessment} section
   */
  public ToolRequest {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(sourceSha256, "sourceSha256");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(createdUtc, "createdUtc");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(approvedBy, "approvedBy");
    Objects.requireNonNull(approvedUtc, "approvedUtc");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(network, "network");
    networkAllowlist = List.copyOf(networkAllowlist);
    Objects.requireNonNull(limits, "limits");
    inputs = List.copyOf(inputs);
    outputsExpected = List.copyOf(outputsExpected);
    constraints = List.copyOf(constraints);
    Objects.requireNonNull(command, "command");
    sections = List.copyOf(sections);
    Objects.requireNonNull(riskAssessment, "riskAssessment");
  }

  /**
   * The first section with the given title.
   *
   * @param title the heading text, such as {@code Command}
   * @return the section, or empty when the body has none with that title
   */
  public Optional<Section> section(String title) {
    return sections.stream().filter(s -> s.title().equals(title)).findFirst();
  }
}
