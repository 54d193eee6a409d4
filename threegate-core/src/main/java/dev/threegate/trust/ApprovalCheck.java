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

import dev.threegate.problem.Violation;
import java.util.Objects;

/**
 * What checking a signed approval found: the approval {@link Verified}, or {@link Refused} with
 * the one reason, a {@link Violation} whose code is stable: {@code approval.unsigned} (no
 * approval), {@code approval.malformed} (not a Sigstore bundle v0.3 holding a signed in-toto
 * statement of an approval), {@code approval.signature_invalid} (the key it names is trusted, the
 * signature does not verify under it), {@code approval.untrusted_key} (no trusted key verifies it),
 * {@code approval.digest_mismatch} (another file's bytes were approved), {@code
 * approval.id_mismatch} (another request id was approved), {@code approval.approver_mismatch} (the
 * key's owner, the approval's approver and the request's {@code approved_by} are not one name),
 * {@code approval.expired} (older than allowed), {@code approval.in_future} (signed ahead of the
 * gate's clock by more than the allowed skew).
 */
public sealed interface ApprovalCheck permits ApprovalCheck.Verified, ApprovalCheck.Refused {

  /**
   * Whether the approval verified.
   *
   * @return true for {@link Verified}
   */
  boolean verified();

  /**
   * A verified approval.
   *
   * @param approval what was approved, by whom, when
   * @param keyId the id of the trusted key that signed it
   * @param bundle the signed approval as verified, as a Sigstore bundle in canonical form: the
   *     signed payload and the signature, named by the trusted key's id, and nothing else
   */
  record Verified(Approval approval, String keyId, String bundle) implements ApprovalCheck {
    /**
     * Checks the components.
     *
     * @param approval what was approved
     * @param keyId the signing key's id
     * @param bundle the bundle's text
     */
    public Verified {
      Objects.requireNonNull(approval, "approval");
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(bundle, "bundle");
    }

    @Override
    public boolean verified() {
      return true;
    }
  }

  /**
   * A refused approval.
   *
   * @param violation why, with a stable {@code approval.*} code
   */
  record Refused(Violation violation) implements ApprovalCheck {
    /**
     * Checks the component.
     *
     * @param violation why
     */
    public Refused {
      Objects.requireNonNull(violation, "violation");
    }

    @Override
    public boolean verified() {
      return false;
    }
  }
}
