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

import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.trust.SignedEnvelope;
import dev.threegate.problem.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy of a signed approval beside a Tool Result, as a reader checks it: it must be a Sigstore
 * bundle in the gate's canonical form (so that nothing unsigned rides along in it), and the
 * statement it carries goes through the forbidden-content scan as text, instead of the base64 the
 * file holds (a long base64 run is itself a forbidden shape).
 */
final class ApprovalCopy {
  private static final int MAX_BYTES = 64 * 1024;

  private ApprovalCopy() {}

  static List<Violation> check(Path file, String where) throws IOException {
    byte[] bytes = RegularFileReader.readPrefix(file, MAX_BYTES);
    String text;
    SignedEnvelope envelope;
    try {
      text = Text.strictUtf8(bytes);
      envelope = SignedEnvelope.read(text);
    } catch (java.nio.charset.CharacterCodingException e) {
      return List.of(new Violation("artifact.approval_invalid", where, "the approval's copy is not UTF-8"));
    } catch (JsonException e) {
      return List.of(new Violation("artifact.approval_invalid", where, "the approval's copy is not a signed approval: "
          + e.getMessage()));
    }
    if (bytes.length > MAX_BYTES || !envelope.toBundle().equals(text)) {
      return List.of(new Violation("artifact.approval_invalid", where,
          "the approval's copy is not the canonical bundle the gate writes"));
    }
    List<Violation> out = new ArrayList<>();
    String statement = new String(envelope.payload(), StandardCharsets.UTF_8);
    out.addAll(ForbiddenContent.scan(List.of(statement.split("\n", -1)), 1));
    return out;
  }
}
