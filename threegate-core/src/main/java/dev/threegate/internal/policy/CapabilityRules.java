package dev.threegate.internal.policy;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.policy.Verdict;
import dev.threegate.policy.Violation;
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
    Capabilities can = backend.capabilities();
    String name = "backend '" + backend.name() + "'";
    List<Violation> out = new ArrayList<>();
    if (!can.languages().contains(request.language())) {
      out.add(new Violation("backend.language_unsupported", "language", name + " cannot run " + request.language().wireName()));
    }
    int bytes = request.command().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > can.maxCommandBytes()) {
      out.add(
          new Violation(
              "backend.command_too_long",
              "command",
              name + " carries commands of at most " + can.maxCommandBytes() + " bytes; this one is " + bytes));
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
}
