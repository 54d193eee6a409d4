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
package dev.threegate.internal.trust;

import dev.threegate.internal.json.JsonWriter;
import dev.threegate.internal.trust.Statement.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Tool Result attests, as an in-toto statement with an SLSA Provenance v1 predicate: the
 * subjects are the Tool Result's Markdown and every artifact beside it; the build definition is
 * the request as approved (external parameters) and what the gate enforced (internal
 * parameters); the run details name the gate, its version and the backend.
 *
 * @param resultId the result id, the invocation id
 * @param subjects the Markdown first, then every artifact, each with its SHA-256
 * @param request the request file's name and the SHA-256 of its exact bytes
 * @param requestId the request's id
 * @param argv the argv the executor received
 * @param language the request's language
 * @param requestedBackend the backend the request named
 * @param limits the request's limits by name ({@code cpu}, {@code memory_mb}, {@code time_sec},
 *     {@code output_bytes}), in order
 * @param network the request's network mode
 * @param allowlist the request's network allowlist
 * @param enforcement what enforced each limit, by name, {@code NOT enforced} where nothing did
 * @param networkEnforcement what enforced the network mode
 * @param policySha256 the digest of the policy file the request was judged by, if any
 * @param approvalMode {@code declared} or {@code signed}
 * @param approver who approved
 * @param approvalKeyId the key that signed the approval, when signed
 * @param approvalBundle the copy of the approval bundle beside the result, when signed
 * @param inputs the staged inputs, by name, with their SHA-256
 * @param builderId the gate's identity
 * @param version threegate's version
 * @param backend the backend's name and version
 * @param finishedOn when the result was written
 * @param byproducts stdout and stderr with their SHA-256
 * @param destinations the network destinations the result lists, allowed and denied, each signed
 *     as a byproduct with its host, port, decision, reason, attempts, bytes and first-seen time
 * @param destinationsTotal how many destinations the run recorded, the listed ones and any beyond
 */
public record ResultProvenance(
    String resultId,
    List<Subject> subjects,
    Subject request,
    String requestId,
    List<String> argv,
    String language,
    String requestedBackend,
    Map<String, Long> limits,
    String network,
    List<String> allowlist,
    Map<String, String> enforcement,
    String networkEnforcement,
    Optional<String> policySha256,
    String approvalMode,
    String approver,
    Optional<String> approvalKeyId,
    Optional<Subject> approvalBundle,
    List<Subject> inputs,
    String builderId,
    String version,
    String backend,
    Instant finishedOn,
    List<Subject> byproducts,
    List<Destination> destinations,
    long destinationsTotal) {

  /**
   * A network destination as the attestation signs it.
   *
   * @param host the host as the result lists it
   * @param port the port
   * @param allowed whether the proxy connected it at least once
   * @param reason why an attempt was denied, or empty
   * @param attempts the connections tried
   * @param bytesOut the bytes forwarded to it
   * @param bytesIn the bytes forwarded from it
   * @param firstSeen when the tool first asked for it
   */
  public record Destination(
      String host, int port, boolean allowed, String reason, long attempts, long bytesOut, long bytesIn, Instant firstSeen) {}

  /** The predicate type of SLSA Provenance v1. */
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

  /** The build type of a gate's run. */
  public static final String BUILD_TYPE = "https://threegate.dev/tool-exec/v1";

  /**
   * The statement, ready to sign.
   *
   * @return compact UTF-8 JSON
   */
  public byte[] statement() {
    return Statement.write(subjects, PREDICATE_TYPE, json -> {
      json.name("buildDefinition").beginObject().member("buildType", BUILD_TYPE);
      json.name("externalParameters").beginObject();
      json.name("request").beginObject().member("name", request.name());
      digest(json, request.sha256());
      json.member("requestId", requestId).endObject();
      strings(json.name("argv"), argv);
      json.member("language", language).member("backend", requestedBackend);
      json.name("limits").beginObject();
      limits.forEach((name, value) -> json.name(name).value(value));
      json.endObject();
      json.name("network").beginObject().member("mode", network);
      strings(json.name("allowlist"), allowlist);
      json.endObject().endObject();
      json.name("internalParameters").beginObject();
      policySha256.ifPresent(sha256 -> digest(json.name("policy").beginObject(), sha256).endObject());
      json.name("enforcement").beginObject();
      enforcement.forEach(json::member);
      json.member("network", networkEnforcement).endObject();
      if (destinationsTotal > 0) {
        json.name("networkDestinations").beginObject().name("total").value(destinationsTotal)
            .name("listed").value(destinations.size()).endObject();
      }
      json.name("approval").beginObject().member("mode", approvalMode).member("approver", approver);
      approvalKeyId.ifPresent(id -> json.member("keyId", id));
      json.endObject().endObject();
      json.name("resolvedDependencies").beginArray();
      for (Subject input : inputs) {
        descriptor(json, input);
      }
      approvalBundle.ifPresent(bundle -> descriptor(json, bundle));
      json.endArray().endObject();
      json.name("runDetails").beginObject();
      json.name("builder").beginObject().member("id", builderId);
      json.name("version").beginObject().member("threegate", version).member("backend", backend).endObject();
      json.endObject();
      json.name("metadata").beginObject().member("invocationId", resultId)
          .member("finishedOn", finishedOn.toString()).endObject();
      json.name("byproducts").beginArray();
      for (Subject byproduct : byproducts) {
        descriptor(json, byproduct);
      }
      for (Destination destination : destinations) {
        destination(json, destination);
      }
      json.endArray().endObject();
    });
  }

  private static void strings(JsonWriter json, List<String> values) {
    json.beginArray();
    values.forEach(json::value);
    json.endArray();
  }

  /** A destination as a resource descriptor: no digest, its facts as annotations. */
  private static void destination(JsonWriter json, Destination destination) {
    json.beginObject().member("name", "network:" + destination.host() + ":" + destination.port());
    json.name("annotations").beginObject()
        .member("host", destination.host())
        .name("port").value(destination.port())
        .member("decision", destination.allowed() ? "allowed" : "denied");
    if (!destination.reason().isEmpty()) {
      json.member("reason", destination.reason());
    }
    json.name("attempts").value(destination.attempts())
        .name("bytesOut").value(destination.bytesOut())
        .name("bytesIn").value(destination.bytesIn())
        .member("firstSeen", destination.firstSeen().toString())
        .endObject().endObject();
  }

  private static void descriptor(JsonWriter json, Subject subject) {
    json.beginObject().member("name", subject.name());
    digest(json, subject.sha256());
    json.endObject();
  }

  private static JsonWriter digest(JsonWriter json, String sha256) {
    return json.name("digest").beginObject().member("sha256", sha256).endObject();
  }
}
