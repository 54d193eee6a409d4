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
package dev.threegate.internal.policy;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Command;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.ToolRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Whether a backend can honour a request as approved. */
public final class CapabilityRules {
  private CapabilityRules() {}

  /**
   * Checks a request against a backend's capabilities.
   *
   * @param request the request
   * @param backend the backend
   * @return the verdict
   */
  public static Verdict check(ToolRequest request, BackendInfo backend) {
    return check(request, backend, false);
  }

  /**
   * Checks a request against a backend's capabilities and against the backend it names.
   *
   * @param request the request
   * @param backend the backend
   * @param substitutionAllowed whether the policy lets the request run on this backend although it
   *     names another
   * @return the verdict
   */
  public static Verdict check(ToolRequest request, BackendInfo backend, boolean substitutionAllowed) {
    Capabilities can = backend.capabilities();
    String name = "backend '" + backend.name() + "'";
    List<Violation> out = new ArrayList<>();
    if (request.backend() != backend.kind() && !substitutionAllowed) {
      out.add(
          new Violation(
              "backend.mismatch",
              "backend",
              "the request names backend " + request.backend().wireName() + " but this gate runs "
                  + backend.kind().wireName() + " (" + name + "); the policy allows no substitution"));
    }
    if (!can.languages().contains(request.language())) {
      out.add(new Violation("backend.language_unsupported", "language", name + " cannot run " + request.language().wireName()));
    }
    int bytes = shellLength(request.command());
    if (bytes > can.maxCommandBytes()) {
      out.add(
          new Violation(
              "backend.command_too_long",
              "command",
              name + " carries commands of at most " + can.maxCommandBytes() + " bytes; this one is " + bytes
                  + " as the shell line it would carry"));
    }
    if (request.network() == NetworkMode.ALLOWLIST && !can.networkAllowlist()) {
      out.add(new Violation("backend.allowlist_unsupported", "network", name + " cannot enforce a network allowlist"));
    }
    if (!request.inputs().isEmpty() && !can.fileInputs()) {
      out.add(new Violation("backend.inputs_unsupported", "inputs", name + " cannot provide input files under /in"));
    }
    if (!request.outputsExpected().isEmpty() && !can.fileOutputs()) {
      out.add(new Violation("backend.outputs_unsupported", "outputs_expected", name + " cannot collect files from /out"));
    }
    return Verdict.of(out);
  }

  /**
   * The length a backend must carry: the shell-quoted argv, which is what shell-lane backends
   * pass, or the raw text when the command has no argv (another rule refuses it).
   */
  private static int shellLength(String command) {
    String carried;
    try {
      carried = Command.parse(command).shellQuoted();
    } catch (CommandSyntaxException e) {
      carried = command;
    }
    return carried.getBytes(StandardCharsets.UTF_8).length;
  }
}
