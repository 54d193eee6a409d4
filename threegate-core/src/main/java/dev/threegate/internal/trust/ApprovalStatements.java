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

import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.json.JsonObject;
import dev.threegate.trust.Approval;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Approvals as in-toto statements with the predicate {@link Approval#PREDICATE_TYPE}. */
public final class ApprovalStatements {
  private ApprovalStatements() {}

  /**
   * The statement of an approval, ready to sign.
   *
   * @param approval the approval
   * @return compact UTF-8 JSON
   */
  public static byte[] write(Approval approval) {
    return Statement.write(
        List.of(new Statement.Subject(approval.requestName(), approval.requestSha256())),
        Approval.PREDICATE_TYPE,
        json -> {
          json.member("requestId", approval.requestId())
              .member("approver", approval.approver())
              .member("approvedAt", approval.approvedAt().toString());
          approval
              .policySha256()
              .ifPresent(
                  sha256 ->
                      json.name("policyDigest").beginObject().member("sha256", sha256).endObject());
        });
  }

  /**
   * Reads an approval from a verified statement.
   *
   * @param statement the statement
   * @return the approval
   * @throws JsonException if the statement is not exactly one approval: another predicate type,
   *     other than one subject, a field missing or malformed
   */
  public static Approval read(Statement statement) {
    if (!Approval.PREDICATE_TYPE.equals(statement.predicateType())) {
      throw new JsonException("not an approval: predicateType " + statement.predicateType());
    }
    if (statement.subjects().size() != 1) {
      throw new JsonException("an approval has exactly one subject, the request");
    }
    Statement.Subject subject = statement.subjects().get(0);
    JsonObject predicate = statement.predicate();
    Approval.Builder approval =
        Approval.builder()
            .requestName(subject.name())
            .requestSha256(subject.sha256())
            .requestId(predicate.string("requestId"))
            .approver(predicate.string("approver"));
    try {
      approval.approvedAt(Instant.parse(predicate.string("approvedAt")));
    } catch (DateTimeParseException e) {
      throw new JsonException("\"approvedAt\" is not an RFC 3339 UTC time");
    }
    predicate
        .optionalObject("policyDigest")
        .ifPresent(digest -> approval.policySha256(digest.string("sha256")));
    try {
      return approval.build();
    } catch (IllegalArgumentException e) {
      throw new JsonException(e.getMessage());
    }
  }
}
