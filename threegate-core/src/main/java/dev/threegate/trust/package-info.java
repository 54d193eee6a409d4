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
/**
 * Signed approvals and the keys they are signed with: {@link dev.threegate.trust.Keys} reads and
 * writes ECDSA P-256 and Ed25519 keys as PEM, a {@link dev.threegate.trust.Signer} signs, an {@link
 * dev.threegate.trust.Approver} signs an {@link dev.threegate.trust.Approval} of a request's exact
 * bytes as a Sigstore bundle (DSSE, in-toto Statement v1), and an {@link
 * dev.threegate.trust.ApprovalVerifier} checks one offline against a trust store of {@link
 * dev.threegate.trust.Approvers}.
 */
package dev.threegate.trust;
