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

import dev.threegate.internal.text.Text;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.result.ResultArtifact;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link ToolResultValidator} (trusted computing base). With artifacts verified, each
 * artifact is read once: its size and SHA-256 are compared with the list, and its whole content
 * goes through the forbidden-content scan ({@link ArtifactScan}).
 */
public final class StandardToolResultValidator implements ToolResultValidator {
  private static final String APPROVAL_COPY = ".approval.sigstore.json";

  private final boolean verifyArtifacts;

  /**
   * Creates a validator.
   *
   * @param verifyArtifacts whether to check the artifact files beside the result
   */
  public StandardToolResultValidator(boolean verifyArtifacts) {
    this.verifyArtifacts = verifyArtifacts;
  }

  @Override
  public Verdict validate(Path resultFile) {
    Objects.requireNonNull(resultFile, "resultFile");
    byte[] bytes;
    try {
      bytes = ResultReader.readBounded(resultFile);
    } catch (IOException e) {
      return Verdict.of(List.of(new Violation("result.unreadable", "file", "cannot read " + resultFile.getFileName() + ": " + e.getMessage())));
    }
    ResultReader.Read read = ResultReader.read(String.valueOf(resultFile.getFileName()), bytes);
    List<Violation> violations = new ArrayList<>(read.problems());
    violations.addAll(ForbiddenContent.scan(read.lines(), 1));
    if (verifyArtifacts && read.result().isPresent()) {
      checkArtifacts(read.result().get(), resultFile.toAbsolutePath().getParent(), violations);
    }
    return Verdict.of(violations);
  }

  private static void checkArtifacts(ToolResult result, Path dir, List<Violation> out) {
    for (int i = 0; i < result.artifacts().size(); i++) {
      ResultArtifact artifact = result.artifacts().get(i);
      String where = "artifacts[" + i + "]";
      Path file = dir.resolve(artifact.path()).normalize();
      if (artifact.path().startsWith("/") || artifact.path().contains("..") || !file.startsWith(dir)
          || !artifact.path().startsWith(result.resultId() + ".")) {
        out.add(new Violation("artifact.path_invalid", where, "artifact path '" + Text.printable(artifact.path())
            + "' is not a file of this result beside it"));
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        out.add(new Violation("artifact.missing", where, "artifact '" + Text.printable(artifact.path()) + "' is missing or not a regular file"));
        continue;
      }
      try {
        ArtifactScan.Scanned scanned = ArtifactScan.scan(file, Text.printable(artifact.path()));
        if (artifact.path().equals(result.resultId() + APPROVAL_COPY)) {
          out.addAll(ApprovalCopy.check(file, where)); // the gate's canonical bundle: its signed text is scanned instead
        } else {
          out.addAll(scanned.violations());
        }
        long size = scanned.bytes();
        if (size != artifact.bytes()) {
          out.add(new Violation("artifact.size_mismatch", where, "artifact '" + Text.printable(artifact.path()) + "' has "
              + size + " bytes, the result lists " + artifact.bytes()));
        }
        String sha = scanned.sha256();
        if (!sha.equals(artifact.sha256())) {
          out.add(new Violation("artifact.sha256_mismatch", where, "artifact '" + Text.printable(artifact.path())
              + "' has SHA-256 " + sha + ", the result lists " + Text.printable(artifact.sha256())));
        }
        if (artifact.path().equals(result.resultId() + ".stdout.txt") && !sha.equals(result.stdoutSha256())) {
          out.add(new Violation("artifact.stream_mismatch", where, "stdout_sha256 does not match the stdout artifact"));
        }
        if (artifact.path().equals(result.resultId() + ".stderr.txt") && !sha.equals(result.stderrSha256())) {
          out.add(new Violation("artifact.stream_mismatch", where, "stderr_sha256 does not match the stderr artifact"));
        }
      } catch (IOException e) {
        out.add(new Violation("artifact.missing", where, "artifact '" + Text.printable(artifact.path()) + "' cannot be read: " + e.getMessage()));
      }
    }
  }
}
