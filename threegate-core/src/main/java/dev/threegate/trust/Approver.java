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
package dev.threegate.trust;

import dev.threegate.internal.trust.ApprovalStatements;
import dev.threegate.internal.trust.SignedEnvelope;
import dev.threegate.request.ToolRequest;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who approves requests, with the key they sign with: turns an {@link Approval} into a
 * signed approval, a Sigstore bundle v0.3 holding a DSSE envelope over an in-toto statement with
 * the predicate {@link Approval#PREDICATE_TYPE}, stored beside the request as {@link
 * #bundleFile(Path)}.
 *
 * <p>Signing is not reviewing: the caller shows the human what will run (the CLI's {@code review})
 * and asks the policy first; this class only refuses to sign in someone else's name.
 */
public final class Approver {
  /** The suffix of an approval bundle's file name, after the request file's name. */
  public static final String BUNDLE_SUFFIX = ".approval.sigstore.json";

  private final String name;
  private final Signer signer;

  private Approver(String name, Signer signer) {
    this.name = name;
    this.signer = signer;
  }

  /**
   * An approver.
   *
   * @param name the name they approve as, the {@code approved_by} of the requests they approve
   * @param signer their key
   * @return the approver
   */
  public static Approver of(String name, Signer signer) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signer, "signer");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the approver's name is blank");
    }
    return new Approver(name, signer);
  }

  /**
   * Where a request's approval is stored: beside it, its name followed by {@link #BUNDLE_SUFFIX}.
   *
   * @param requestFile the request file
   * @return the approval bundle's path
   */
  public static Path bundleFile(Path requestFile) {
    return requestFile.resolveSibling(requestFile.getFileName() + BUNDLE_SUFFIX);
  }

  /**
   * The approver's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Approves the exact bytes a request was parsed from ({@link ToolRequest#sourceSha256()}).
   *
   * @param request the request as parsed from the bytes reviewed
   * @param now the approval's time
   * @return the signed approval: a Sigstore bundle's JSON
   * @throws IllegalArgumentException if the request names someone else in {@code approved_by}
   * @throws GeneralSecurityException if the key cannot sign
   */
  public String approve(ToolRequest request, Instant now) throws GeneralSecurityException {
    return approve(
        Approval.builder()
            .requestName(request.sourceName())
            .requestSha256(request.sourceSha256())
            .requestId(request.requestId())
            .approver(request.approvedBy())
            .approvedAt(now)
            .build());
  }

  /**
   * Signs an approval.
   *
   * @param approval the approval; its approver must be this approver
   * @return the signed approval: a Sigstore bundle's JSON, ending with a newline
   * @throws IllegalArgumentException if the approval names another approver
   * @throws GeneralSecurityException if the key cannot sign
   */
  public String approve(Approval approval) throws GeneralSecurityException {
    if (!approval.approver().equals(name)) {
      throw new IllegalArgumentException(
          "the request is to be approved by \"" + approval.approver() + "\", not by \"" + name + "\"");
    }
    return SignedEnvelope.sign(SignedEnvelope.IN_TOTO, ApprovalStatements.write(approval), signer);
  }

  @Override
  public String toString() {
    return "Approver[" + name + ", key " + signer.keyId() + "]";
  }
}
