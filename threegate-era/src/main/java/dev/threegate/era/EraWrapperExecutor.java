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
package dev.threegate.era;

import dev.threegate.era.internal.EraLaunch;
import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.process.ProcessResult;
import dev.threegate.process.ProcessRunner;
import dev.threegate.process.ProcessSpec;
import dev.threegate.request.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs Tool Requests through an ERA wrapper (trusted computing base): any executable honouring
 * ThreeGate's {@code --language L --cmd C --network none} contract, such as the reference runner's
 * {@code era-wrapper.sh}. {@code C} is the judged argv quoted for a shell, as {@link EraExecutor}
 * gives it to ERA's guest; the wrapper's stdout, stderr and exit status are the tool's.
 *
 * <p>This form has no file inputs or outputs (requests with some are rejected before they run) and
 * enforces no CPU or memory limit that this library can see: results say so. Time and output are
 * enforced by this library's process runner, which kills the wrapper's whole process tree. ERA
 * does not enforce {@code --network none}: results say {@code not_enforced}, unless {@link
 * Builder#isolateNetwork(boolean)} starts the wrapper in a fresh network namespace.
 *
 * <p>Instances are immutable and thread-safe. For ERA's own {@code agent} CLI, use {@link
 * EraExecutor}.
 */
public final class EraWrapperExecutor implements Executor {
  private final Path wrapper;
  private final boolean isolateNetwork;
  private final Map<String, String> environment;
  private final ProcessRunner runner = ProcessRunner.standard();
  private final BackendInfo backend;

  private EraWrapperExecutor(Builder b) {
    this.wrapper = b.wrapper;
    this.isolateNetwork = b.isolateNetwork;
    this.environment = Map.copyOf(b.environment);
    this.backend = BackendInfo.builder()
        .name("ERA (wrapper)")
        .version(b.version)
        .capabilities(EraLaunch.capabilities(false))
        .kind(Backend.ERA)
        .build();
  }

  /**
   * A builder for a wrapper; see {@link Builder} for the defaults.
   *
   * @param wrapper the wrapper's path, an executable honouring {@code --language L --cmd C
   *     --network none}
   * @return a new builder
   */
  public static Builder builder(Path wrapper) {
    return new Builder(wrapper);
  }

  @Override
  public BackendInfo backend() {
    return backend;
  }

  @Override
  public ExecutionResult execute(ExecutionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    List<String> command = new ArrayList<>();
    if (isolateNetwork) {
      command.addAll(EraLaunch.unshare());
    }
    command.addAll(List.of(wrapper.toString(), "--language", spec.request().language().wireName(),
        "--cmd", EraLaunch.shellLine(spec), "--network", "none"));
    ProcessResult process =
        runner.run(ProcessSpec.builder()
            .command(command)
            .workingDirectory(spec.scratchDir())
            .environment(EraLaunch.environment(spec.scratchDir(), environment))
            .timeout(spec.limits().time())
            .stdoutFile(spec.scratchDir().resolve("stdout"))
            .stderrFile(spec.scratchDir().resolve("stderr"))
            .maxOutputBytes(spec.limits().maxOutputBytes())
            .build());
    return ExecutionResult.builder()
        .status(process.status())
        .exitCode(process.exitCode())
        .runtime(process.runtime())
        .stdout(process.stdout())
        .stderr(process.stderr())
        .artifacts(List.of())
        .backend(backend)
        .limits(List.of(
            LimitEnforcement.notEnforced("cpu", spec.limits().cpu()),
            LimitEnforcement.notEnforced("memory_mb", spec.limits().memoryMb()),
            new LimitEnforcement("time_sec", spec.limits().time().toSeconds(), "threegate deadline (the wrapper's process tree is killed)"),
            new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(), "threegate capture cap (the run is stopped)")))
        .network(EraLaunch.network(isolateNetwork))
        .anomalies(process.anomalies())
        .build();
  }

  /**
   * Builds an {@link EraWrapperExecutor}. Defaults: network not isolated; nothing added to the
   * wrapper's environment; version {@code unknown}.
   */
  public static final class Builder {
    private final Path wrapper;
    private boolean isolateNetwork;
    private final Map<String, String> environment = new HashMap<>();
    private String version = "unknown";

    private Builder(Path wrapper) {
      this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
    }

    /**
     * Starts each run inside a fresh network namespace ({@code unshare --net}), so the tool has no
     * network; results then record {@code host_namespace}.
     *
     * @param value whether to isolate the network
     * @return this builder
     * @throws IllegalStateException if {@code value} is true and {@code unshare} is not installed
     */
    public Builder isolateNetwork(boolean value) {
      if (value) {
        EraLaunch.requireUnshare();
      }
      isolateNetwork = value;
      return this;
    }

    /**
     * Adds a variable to the wrapper's environment. The environment is otherwise {@code PATH},
     * {@code HOME} and {@code LANG} of this process; nothing else of this process's environment is
     * passed on.
     *
     * @param name the variable
     * @param value its value
     * @return this builder
     */
    public Builder environment(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the version recorded in results (a wrapper does not report one).
     *
     * @param value the version
     * @return this builder
     */
    public Builder version(String value) {
      version = Objects.requireNonNull(value, "version");
      return this;
    }

    /**
     * Builds the executor.
     *
     * @return the executor
     */
    public EraWrapperExecutor build() {
      return new EraWrapperExecutor(this);
    }
  }
}
