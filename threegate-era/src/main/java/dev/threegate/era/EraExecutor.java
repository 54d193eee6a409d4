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

import dev.threegate.era.internal.AgentLog;
import dev.threegate.era.internal.EraLaunch;
import dev.threegate.era.internal.GuestFrame;
import dev.threegate.era.internal.StateLocks;
import dev.threegate.era.internal.VmIds;
import dev.threegate.era.internal.VmOwners;
import dev.threegate.exec.Artifact;
import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.OutputBudget;
import dev.threegate.exec.OutputFiles;
import dev.threegate.exec.StreamCapture;
import dev.threegate.process.ProcessResult;
import dev.threegate.process.ProcessRunner;
import dev.threegate.process.ProcessSpec;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Runs Tool Requests in ERA microVMs through ERA's {@code agent} CLI (trusted computing base).
 *
 * <p>Each run, with an explicit {@code AGENT_STATE_DIR}: {@code vm create} (language, CPUs and memory from the request, {@code --network
 * none}, guest volumes on) → the verified inputs copied into the VM's {@code in/} → {@code vm run
 * --timeout <time_limit_sec>} under a deadline of the time limit plus a grace period → the guest's
 * {@code stdout.log} and {@code stderr.log} read through the output cap and the files of its {@code
 * out/} collected → {@code vm clean}, always, also after a timeout, an interrupt or an error. When
 * {@code vm create} is stopped before it reports its id (its timeout, an interrupt), the VM it
 * made is found with {@code vm list} (by language and creation time) and cleaned. The first
 * error is the one thrown, and cleanup problems are added to it as suppressed exceptions; after a
 * run that produced a result, they are the result's anomalies. The
 * guest's exit code comes from agent's log line; {@code -1} is a timeout; {@code 255} with krunvm
 * text, a missing krunvm, a missing {@code agent} and agent's one-instance refusal (after {@link
 * Builder#singletonRetries(int) retries}) are {@link ExecutionException}s.
 *
 * <p>For a ThreeGate {@code era-wrapper} (an executable honouring {@code --language L --cmd C
 * --network none}) instead of ERA's {@code agent}, use {@link EraWrapperExecutor}.
 *
 * <p><b>Network.</b> ERA stores {@code --network none} but does not enforce it: the guest reaches
 * the host's network. Results therefore say {@code not_enforced}, unless {@link
 * Builder#isolateNetwork(boolean)} starts the run inside a fresh network namespace ({@code unshare
 * --net}), which results record as {@code host_namespace}.
 *
 * <p><b>Concurrency.</b> ERA allows one {@code agent} process per machine. Calls that share a state
 * directory are serialised in this JVM (they wait for each other); a refusal caused by another
 * process is retried a bounded number of times. Instances are immutable; {@link #execute} may be
 * called from several threads.
 */
public final class EraExecutor implements Executor {
  /** The languages ERA runs ({@code ts} is not one of them). */
  public static final Set<Language> LANGUAGES = EraLaunch.LANGUAGES;

  /** The longest command ERA can carry on the guest kernel command line, in bytes. */
  public static final int MAX_COMMAND_BYTES = EraLaunch.MAX_COMMAND_BYTES;

  private static final long AGENT_OUTPUT_CAP = 1024 * 1024;
  private static final Set<String> GUEST_LOGS = Set.of("stdout.log", "stderr.log");
  private static final AtomicInteger CALLS = new AtomicInteger();

  private final String agent;
  private final Path stateDirectory;
  private final boolean guestVolumes;
  private final boolean isolateNetwork;
  private final boolean temporaryVms;
  private final Duration gracePeriod;
  private final Duration createTimeout;
  private final Duration cleanTimeout;
  private final int singletonRetries;
  private final Duration retryDelay;
  private final Map<String, String> environment;
  private final ProcessRunner runner = ProcessRunner.standard();
  private final BackendInfo backend;

  private EraExecutor(Builder b) {
    this.agent = b.agent;
    this.stateDirectory = b.stateDirectory.toAbsolutePath().normalize();
    this.guestVolumes = b.guestVolumes;
    this.isolateNetwork = b.isolateNetwork;
    this.temporaryVms = b.temporaryVms;
    this.gracePeriod = b.gracePeriod;
    this.createTimeout = b.createTimeout;
    this.cleanTimeout = b.cleanTimeout;
    this.singletonRetries = b.singletonRetries;
    this.retryDelay = b.retryDelay;
    this.environment = Map.copyOf(b.environment);
    this.backend =
        BackendInfo.builder()
            .name("ERA")
            .version(b.version)
            .capabilities(EraLaunch.capabilities(guestVolumes))
            .kind(Backend.ERA)
            .build();
  }

  /**
   * A builder; see {@link Builder} for the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public BackendInfo backend() {
    return backend;
  }

  @Override
  public ExecutionResult execute(ExecutionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    ReentrantLock lock = StateLocks.of(stateDirectory);
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted while waiting for the ERA state directory " + stateDirectory, e);
    }
    try {
      Files.createDirectories(stateDirectory);
      if (temporaryVms && spec.request().inputs().isEmpty() && spec.request().outputsExpected().isEmpty()) {
        GuestFrame frame = GuestFrame.random();
        String script = frame.wrap(EraLaunch.shellLine(spec));
        if (script.getBytes(StandardCharsets.UTF_8).length <= MAX_COMMAND_BYTES) {
          return executeTemporary(spec, frame, script);
        }
      }
      return executeAgent(spec);
    } catch (IOException e) {
      throw new ExecutionException("cannot prepare the ERA state directory " + stateDirectory + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private ExecutionResult executeAgent(ExecutionSpec spec) throws IOException {
    long deadline = System.nanoTime() + totalDeadline(spec).toNanos();
    String language = spec.request().language().wireName();
    VmOwners.Owner owner = VmOwners.claim(stateDirectory);
    Attempt create = new Attempt();
    List<String> anomalies = new ArrayList<>();
    Throwable primary = null;
    ExecutionResult result = null;
    try {
      Duration createWithin = within(createTimeout, deadline);
      AgentCall created =
          agent(spec.scratchDir(), createWithin, false, () -> false, deadline, create, "vm", "create", "--language", language,
              "--cpu", Long.toString(spec.limits().cpu()), "--mem", Long.toString(spec.limits().memoryMb()),
              "--network", "none");
      create.vm = created.log().vmId().filter(VmIds::isSafe);
      if (created.process().termination() == ProcessResult.Termination.TIMED_OUT) {
        throw new ExecutionException("agent vm create did not return within " + createWithin.toMillis() + " ms and was killed");
      }
      if (created.process().exitCode() != 0) {
        throw new ExecutionException("agent vm create failed: " + created.log().errors());
      }
      String vm =
          create.vm.orElseThrow(() -> new ExecutionException("agent vm create did not report a usable VM id: " + created.describe()));
      owner.record(vm);
      Path vmDir = stateDirectory.resolve("vms").resolve(vm);
      if (guestVolumes) {
        stageInputs(spec.inputsDir(), vmDir.resolve("in"));
      }
      long timeSec = Math.max(1, spec.limits().time().toSeconds());
      Path guestOut = vmDir.resolve("out");
      long cap = spec.limits().maxOutputBytes();
      BooleanSupplier overflowing = () -> size(guestOut.resolve("stdout.log")) > cap || size(guestOut.resolve("stderr.log")) > cap;
      AgentCall run =
          agent(spec.scratchDir(), within(spec.limits().time().plus(gracePeriod), deadline), isolateNetwork, overflowing, deadline, new Attempt(),
              "vm", "run", "--vm", vm, "--cmd", EraLaunch.shellLine(spec), "--timeout", Long.toString(timeSec));
      create.ranToEnd = run.process().termination() == ProcessResult.Termination.EXITED;
      result = runResult(spec, run, vmDir, anomalies);
    } catch (IOException | RuntimeException | Error e) {
      primary = e;
      throw e;
    } finally {
      cleanUp(spec, language, create, owner, primary, anomalies);
    }
    return withAnomalies(result, anomalies);
  }

  /**
   * Cleans what a run made, whatever happened, also after an interrupt: the interrupt status is set
   * aside for the clean, which would otherwise be killed at once, and restored afterwards. Problems
   * are suppressed exceptions of the run's failure, or anomalies of its result.
   */
  private void cleanUp(ExecutionSpec spec, String language, Attempt attempt, VmOwners.Owner owner, Throwable primary,
      List<String> anomalies) {
    boolean interrupted = Thread.interrupted();
    try {
      List<String> problems = clean(spec.scratchDir(), language, attempt, owner);
      if (!problems.isEmpty()) {
        owner.keep(); // a later sweepStale() tries again
      }
      closeOwner(owner, problems);
      for (String problem : problems) {
        if (primary != null) {
          primary.addSuppressed(new ExecutionException(problem));
        } else {
          anomalies.add(problem);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One {@code vm temp}: create, run and clean in one agent call, for a request without volumes.
   * The command runs inside a {@link GuestFrame}; the VM is cleaned by agent, or, when agent was
   * stopped or did not clean it, as after a three-call run.
   */
  private ExecutionResult executeTemporary(ExecutionSpec spec, GuestFrame frame, String script) throws IOException {
    long deadline = System.nanoTime() + totalDeadline(spec).toNanos();
    String language = spec.request().language().wireName();
    VmOwners.Owner owner = VmOwners.claim(stateDirectory);
    Attempt attempt = new Attempt();
    List<String> anomalies = new ArrayList<>();
    Throwable primary = null;
    ExecutionResult result = null;
    try {
      long cap = spec.limits().maxOutputBytes();
      TemporaryWatch watch = new TemporaryWatch(owner, frame, language, spec.limits().time().plus(gracePeriod), cap);
      // No guest volumes: the request needs none, and with them the guest could write the very
      // files agent prints (out/stdout.log, out/stderr.log).
      AgentCall call =
          agent(spec.scratchDir(), within(createTimeout.plus(spec.limits().time()).plus(gracePeriod), deadline), isolateNetwork, watch,
              deadline, attempt, cap + AGENT_OUTPUT_CAP, false, "vm", "temp", "--language", language,
              "--cpu", Long.toString(spec.limits().cpu()), "--mem", Long.toString(spec.limits().memoryMb()),
              "--network", "none", "--cmd", script, "--timeout", Long.toString(Math.max(1, spec.limits().time().toSeconds())));
      attempt.ranToEnd = call.process().termination() == ProcessResult.Termination.EXITED;
      result = temporaryResult(spec, call, frame, watch, attempt, owner, anomalies);
    } catch (IOException | RuntimeException | Error e) {
      primary = e;
      throw e;
    } finally {
      cleanUp(spec, language, attempt, owner, primary, anomalies);
    }
    return withAnomalies(result, anomalies);
  }

  /**
   * Watches a {@code vm temp} while it runs. It finds the VM as the directory that appears in the
   * state directory with an id of this call's time (agent's log line with the id is in a capture
   * this process reads only when agent has ended; agent may recreate the directories of older VMs
   * it knows when it starts) and records it as this run's, so that a sweep finds it if this process
   * dies. It stops agent when the create takes longer than its timeout, when the guest's output
   * files pass the cap (plus the frame's own lines), and when the run has taken its time limit plus
   * the grace period without the command having ended (agent's cleanup after it is not the run).
   */
  private final class TemporaryWatch implements BooleanSupplier {
    private final Path vms = stateDirectory.resolve("vms");
    private final VmOwners.Owner owner;
    private final GuestFrame frame;
    private final String language;
    private final Set<String> before;
    private final Instant started = Instant.now();
    private final long createNanos = createTimeout.toNanos();
    private final long startedNanos = System.nanoTime();
    private final long runNanos;
    private final long cap;
    private Path out;
    private long runStarted;
    private boolean commandEnded;
    volatile Optional<String> vm = Optional.empty();
    volatile boolean createOverran;
    volatile boolean runOverran;
    volatile String problem;

    TemporaryWatch(VmOwners.Owner owner, GuestFrame frame, String language, Duration run, long cap) {
      this.owner = owner;
      this.frame = frame;
      this.language = language;
      this.before = names(vms);
      this.runNanos = run.toNanos();
      this.cap = cap + GuestFrame.OVERHEAD_BYTES;
    }

    @Override
    public boolean getAsBoolean() {
      long now = System.nanoTime();
      if (out == null) {
        Set<String> appeared = names(vms);
        appeared.removeAll(before);
        List<String> ours = appeared.isEmpty() ? List.of() : VmIds.createdBetween(String.join("\n", appeared), language, started, Instant.now());
        if (ours.size() != 1 || !VmIds.isSafe(ours.get(0))) {
          if (now - startedNanos > createNanos) {
            createOverran = true;
            return true;
          }
          return false;
        }
        vm = Optional.of(ours.get(0));
        out = vms.resolve(ours.get(0)).resolve("out");
        try {
          owner.record(ours.get(0));
        } catch (IOException e) {
          problem = "cannot record VM " + ours.get(0) + " as this run's in " + stateDirectory + ": " + e;
        }
      }
      Path stdout = out.resolve("stdout.log");
      if (runStarted == 0) {
        if (!Files.isRegularFile(stdout, LinkOption.NOFOLLOW_LINKS)) {
          if (now - startedNanos > createNanos) {
            createOverran = true;
            return true;
          }
          return false;
        }
        runStarted = now;
      }
      if (size(stdout) > cap || size(out.resolve("stderr.log")) > cap) {
        return true;
      }
      if (now - runStarted > runNanos && !commandEnded) {
        commandEnded = frame.ended(stdout);
        if (!commandEnded) {
          runOverran = true;
          return true;
        }
      }
      return false;
    }
  }

  private ExecutionResult temporaryResult(ExecutionSpec spec, AgentCall call, GuestFrame frame, TemporaryWatch watch, Attempt attempt,
      VmOwners.Owner owner, List<String> anomalies) throws IOException {
    ProcessResult process = call.process();
    anomalies.addAll(process.anomalies());
    if (watch.problem != null) {
      anomalies.add(watch.problem);
    }
    long cap = spec.limits().maxOutputBytes();
    Path stdoutTarget = spec.scratchDir().resolve("stdout");
    Path stderrTarget = spec.scratchDir().resolve("stderr");
    Path agentOut = process.stdout().file();
    Path agentErr = process.stderr().file();
    if (process.termination() != ProcessResult.Termination.EXITED) {
      // Stopped by threegate: agent did not clean, so the guest's files are still in the VM.
      attempt.vm = attempt.vm.or(() -> watch.vm).or(() -> printedVmId(agentOut));
      Path guest = attempt.vm.map(vm -> stateDirectory.resolve("vms").resolve(vm).resolve("out")).orElse(null);
      boolean inVm = guest != null && Files.isRegularFile(guest.resolve("stdout.log"), LinkOption.NOFOLLOW_LINKS);
      long scan = cap + AGENT_OUTPUT_CAP;
      GuestFrame.Extract out = frame.stdout(inVm ? guest.resolve("stdout.log") : agentOut, stdoutTarget, cap, scan);
      GuestFrame.Extract err = frame.stderr(inVm ? guest.resolve("stderr.log") : agentErr, stderrTarget, cap, scan);
      if (!out.readable() || !err.readable()) {
        anomalies.add("a guest output file was not a regular file and was not read");
      }
      if (out.ended()) {
        // The command had ended; agent was stopped afterwards (printing, cleaning).
        anomalies.add("agent vm temp was stopped after the command had ended, and killed");
        int exitCode = out.exitCode().orElseThrow();
        ExecutionStatus status = out.stream().truncated() || err.stream().truncated() ? ExecutionStatus.OUTPUT_LIMIT : statusOf(exitCode);
        return temporaryResult(spec, status, exitCode, process, out.stream(), err.stream(), anomalies);
      }
      if (watch.createOverran && !out.begun()) {
        throw new ExecutionException("agent vm temp did not start the run within the create timeout of "
            + createTimeout.toMillis() + " ms and was killed");
      }
      ExecutionStatus status;
      if (process.termination() == ProcessResult.Termination.TIMED_OUT || watch.runOverran) {
        if (watch.vm.isEmpty() && !out.begun()) {
          throw new ExecutionException("agent vm temp did not return within " + within(createTimeout.plus(spec.limits().time())
              .plus(gracePeriod), Long.MAX_VALUE).toMillis() + " ms, and no run was seen to start; it was killed");
        }
        status = ExecutionStatus.TIMED_OUT;
        anomalies.add("the command did not end within the time limit plus " + gracePeriod.toMillis() + " ms; agent was killed");
      } else {
        status = ExecutionStatus.OUTPUT_LIMIT;
      }
      return temporaryResult(spec, status, -1, process, out.stream(), err.stream(), anomalies);
    }
    long scan = cap + AGENT_OUTPUT_CAP;
    GuestFrame.Extract out = frame.stdout(agentOut, stdoutTarget, cap, scan);
    GuestFrame.Extract err = frame.stderr(agentErr, stderrTarget, cap, scan);
    AgentLog log = new AgentLog(out.begun() ? out.before() : text(process.stdout()), err.begun() ? err.before() + err.after() : text(process.stderr()));
    attempt.vm = log.vmId().filter(VmIds::isSafe);
    if (out.ended()) {
      int exitCode = out.exitCode().orElseThrow();
      if (!err.begun()) {
        anomalies.add("the guest's stderr did not carry the gate's frame; none of it is recorded");
      } else if (!err.ended()) {
        anomalies.add("the guest's stderr did not end with the gate's end line; it is recorded to its end");
      }
      for (GuestFrame.Extract stream : List.of(out, err)) {
        if (stream.ended() && !AgentLog.onlyLogLines(stream.after())) {
          anomalies.add("text that is not agent's log follows the command's end line (" + stream.afterBytes()
              + " bytes with agent's lines, written by a process the command left running?); it is not recorded");
        }
      }
      if (process.exitCode() != 0) {
        anomalies.add("agent vm temp ran the command but failed afterwards: " + new AgentLog("", err.after()).errors());
      } else if (attempt.vm.isPresent() && !Files.exists(stateDirectory.resolve("vms").resolve(attempt.vm.get()), LinkOption.NOFOLLOW_LINKS)) {
        attempt.mayHaveCreated = false; // agent cleaned its VM
      }
      ExecutionStatus status = statusOf(exitCode);
      if (out.stream().truncated() || err.stream().truncated()) {
        status = ExecutionStatus.OUTPUT_LIMIT;
      }
      return temporaryResult(spec, status, exitCode, process, out.stream(), err.stream(), anomalies);
    }
    if (process.exitCode() == 0) {
      throw new ExecutionException("agent vm temp succeeded, but the guest's output did not end with the gate's end line:"
          + " the command's exit status is unknown");
    }
    OptionalInt guest = log.exitCode();
    if (guest.isEmpty()) {
      if (log.krunvmMissing()) {
        throw new ExecutionException("ERA cannot run: krunvm is not installed (" + log.errors() + ")");
      }
      throw new ExecutionException("agent vm temp failed without a guest exit code: " + call.describe());
    }
    if (attempt.vm.isPresent() && !Files.exists(stateDirectory.resolve("vms").resolve(attempt.vm.get()), LinkOption.NOFOLLOW_LINKS)) {
      attempt.mayHaveCreated = false; // agent cleaned its VM
    }
    int exitCode = guest.getAsInt();
    if (exitCode >= 253 && exitCode <= 255) {
      throw new ExecutionException("ERA infrastructure failure: the guest ended with " + exitCode + " before the gate's script"
          + " finished, as krunvm's and libkrun's own failures do; agent vm temp deleted the output that would tell ("
          + log.errors() + ")");
    }
    anomalies.add(exitCode == -1
        ? "ERA's --timeout stopped the guest; agent vm temp deletes the output of a guest it stopped, so none is recorded"
        : "the guest ended with " + exitCode + " before the gate's script finished (cause unknown: the command or the VM);"
            + " agent vm temp deletes the output of a failed guest, so none is recorded");
    return temporaryResult(spec, exitCode == -1 ? ExecutionStatus.TIMED_OUT : statusOf(exitCode), exitCode, process,
        out.stream(), err.stream(), anomalies);
  }

  private ExecutionResult temporaryResult(ExecutionSpec spec, ExecutionStatus status, int exitCode, ProcessResult process,
      CapturedStream stdout, CapturedStream stderr, List<String> anomalies) {
    return ExecutionResult.builder()
        .status(status)
        .exitCode(exitCode)
        .runtime(process.runtime())
        .stdout(stdout)
        .stderr(stderr)
        .artifacts(List.of())
        .backend(backend)
        .limits(limits(spec, "ERA vm temp --timeout, backed by threegate's deadline of +" + gracePeriod.toMillis() + " ms", List.of()))
        .network(EraLaunch.network(isolateNetwork))
        .anomalies(anomalies)
        .build();
  }

  /** The guest's status from its exit code: 0 completed, 137 killed, else a non-zero exit. */
  private static ExecutionStatus statusOf(int exitCode) {
    return exitCode == 0
        ? ExecutionStatus.COMPLETED
        : exitCode == ProcessResult.KILLED_BY_SIGKILL ? ExecutionStatus.KILLED : ExecutionStatus.NONZERO_EXIT;
  }

  private List<LimitEnforcement> limits(ExecutionSpec spec, String time, List<LimitEnforcement> outputLimits) {
    List<LimitEnforcement> limits = new ArrayList<>(List.of(
        new LimitEnforcement("cpu", spec.limits().cpu(), "ERA --cpu (microVM vCPUs)"),
        new LimitEnforcement("memory_mb", spec.limits().memoryMb(), "ERA --mem (microVM memory)"),
        new LimitEnforcement("time_sec", spec.limits().time().toSeconds(), time),
        new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(),
            "threegate, watching the guest's output files during the run (ERA does not limit output)"),
        LimitEnforcement.notEnforced("processes", 0),
        LimitEnforcement.notEnforced("disk_bytes", 0)));
    limits.addAll(outputLimits);
    return limits;
  }

  private void closeOwner(VmOwners.Owner owner, List<String> problems) {
    try {
      owner.close();
    } catch (IOException e) {
      problems.add("cannot remove this run's VM record in " + stateDirectory + ": " + e);
    }
  }

  /**
   * Cleans the VMs of runs whose process died without cleaning them (a gate killed with SIGKILL, a
   * power loss): each run records the VMs it owns in the state directory under an OS file lock, and
   * the records whose lock is free name VMs nobody will clean. Processes still working in such a
   * VM's directory are killed first. A VM whose record is held by a live run, in this process or
   * another, is left alone; a VM whose create was killed before it printed its id is not recorded
   * and not found. Hosts call it when they start; the CLI does.
   *
   * @return the VMs cleaned
   * @throws ExecutionException if the records cannot be read or agent cannot run; a VM that cannot
   *     be cleaned stays recorded for the next sweep
   */
  public List<String> sweepStale() {
    ReentrantLock lock = StateLocks.of(stateDirectory);
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted while waiting for the ERA state directory " + stateDirectory, e);
    }
    Path scratch = null;
    try {
      List<String> cleaned = new ArrayList<>();
      List<VmOwners.Orphan> orphans = VmOwners.orphans(stateDirectory);
      if (orphans.isEmpty()) {
        return cleaned;
      }
      scratch = Files.createTempDirectory("threegate-era-sweep-");
      for (VmOwners.Orphan orphan : orphans) {
        boolean all = true;
        for (String vm : orphan.vms()) {
          Path vmDir = stateDirectory.resolve("vms").resolve(vm);
          if (!Files.exists(vmDir, LinkOption.NOFOLLOW_LINKS)) {
            continue; // already gone
          }
          killWorkingIn(vmDir);
          AgentCall clean = agent(scratch, cleanTimeout, false, () -> false, Long.MAX_VALUE, new Attempt(), "vm", "clean", "--vm", vm);
          if (clean.process().exitCode() == 0) {
            cleaned.add(vm);
          } else {
            all = false;
          }
        }
        if (all) {
          Files.deleteIfExists(orphan.file());
        }
      }
      return cleaned;
    } catch (IOException e) {
      throw new ExecutionException("cannot sweep the ERA state directory " + stateDirectory + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
      if (scratch != null) {
        deleteQuietly(scratch);
      }
    }
  }

  /**
   * Kills what still runs in an orphaned VM's directory (a VMM, or a guest process, whose agent
   * was killed with its runner), with its descendants; Linux only, through {@code /proc}.
   */
  private static void killWorkingIn(Path dir) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return;
    }
    long self = ProcessHandle.current().pid();
    try (var all = ProcessHandle.allProcesses()) {
      for (ProcessHandle p : all.filter(p -> p.pid() != self).toList()) {
        try {
          if (Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).startsWith(real)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        } catch (IOException | RuntimeException e) {
          // gone, or not ours to see
        }
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory; the system cleans it
    }
  }

  /**
   * The whole request's deadline: {@code vm create}, the run (time limit plus grace period) and
   * {@code vm clean}, each at most its own timeout; waiting for another agent counts against it.
   */
  private Duration totalDeadline(ExecutionSpec spec) {
    return createTimeout.plus(spec.limits().time()).plus(gracePeriod).plus(cleanTimeout);
  }

  private static Duration within(Duration timeout, long deadline) {
    long left = deadline - System.nanoTime();
    return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeout.toNanos(), left)));
  }

  /**
   * Cleans what a create made: the VM whose id it reported, else the VMs {@code vm list} shows it
   * created (it was killed or interrupted before it printed the id). Returns the problems.
   */
  private List<String> clean(Path scratch, String language, Attempt create, VmOwners.Owner owner) {
    List<String> problems = new ArrayList<>();
    if (!create.mayHaveCreated) {
      return problems;
    }
    List<String> vms;
    if (create.vm.isPresent()) {
      vms = List.of(create.vm.get());
    } else {
      try {
        AgentCall list = agent(scratch, cleanTimeout, false, () -> false, Long.MAX_VALUE, new Attempt(), "vm", "list");
        if (list.process().exitCode() != 0) {
          problems.add("agent vm create ended without a VM id and agent vm list failed (" + list.describe()
              + "); a VM may be left in " + stateDirectory);
          return problems;
        }
        vms = VmIds.createdBetween(text(list.process().stdout()), language, create.started, create.ended);
      } catch (ExecutionException e) {
        problems.add("agent vm create ended without a VM id and agent vm list failed: " + e.getMessage()
            + "; a VM may be left in " + stateDirectory);
        return problems;
      }
    }
    for (String vm : vms) {
      try {
        owner.record(vm);
      } catch (IOException e) {
        problems.add("cannot record VM " + vm + " as this run's in " + stateDirectory + ": " + e);
      }
      // A run that was stopped (a timeout, an interrupt, an error) may leave the guest's processes
      // running after agent was killed; vm clean removes the record, not necessarily them. After a
      // run that agent ended itself, the guest has ended with its VM.
      if (!create.ranToEnd) {
        killWorkingIn(stateDirectory.resolve("vms").resolve(vm));
      }
      try {
        AgentCall clean = agent(scratch, cleanTimeout, false, () -> false, Long.MAX_VALUE, new Attempt(), "vm", "clean", "--vm", vm);
        if (clean.process().termination() == ProcessResult.Termination.TIMED_OUT) {
          problems.add("agent vm clean --vm " + vm + " did not return within " + cleanTimeout.toMillis() + " ms and was killed");
        } else if (clean.process().exitCode() != 0) {
          problems.add("agent vm clean --vm " + vm + " failed: " + clean.describe());
        } else if (Files.exists(stateDirectory.resolve("vms").resolve(vm), LinkOption.NOFOLLOW_LINKS)) {
          problems.add("agent vm clean --vm " + vm + " reported success, but the VM's directory is still in " + stateDirectory);
        }
      } catch (ExecutionException e) {
        problems.add("agent vm clean --vm " + vm + " failed: " + e.getMessage());
      }
    }
    return problems;
  }

  private static ExecutionResult withAnomalies(ExecutionResult result, List<String> anomalies) {
    if (anomalies.equals(result.anomalies())) {
      return result;
    }
    return result.newBuilder().anomalies(anomalies).build();
  }

  /** What one {@code vm create} did, as far as the cleanup needs to know. */
  private static final class Attempt {
    final Instant started = Instant.now();
    Instant ended = Instant.now();
    boolean mayHaveCreated;
    /** Whether the run (vm run or vm temp) ended on its own, not stopped by threegate. */
    boolean ranToEnd;
    Optional<String> vm = Optional.empty();
  }

  private ExecutionResult runResult(ExecutionSpec spec, AgentCall run, Path vmDir, List<String> anomalies) throws IOException {
    ProcessResult process = run.process();
    anomalies.addAll(process.anomalies());
    ExecutionStatus status;
    int exitCode;
    if (process.termination() == ProcessResult.Termination.TIMED_OUT) {
      status = ExecutionStatus.TIMED_OUT;
      exitCode = -1;
      anomalies.add("agent did not return within the time limit plus " + gracePeriod.toMillis() + " ms and was killed");
    } else if (process.termination() == ProcessResult.Termination.OUTPUT_LIMIT) {
      status = ExecutionStatus.OUTPUT_LIMIT;
      exitCode = -1;
    } else {
      OptionalInt guest = run.log().exitCode();
      if (guest.isEmpty()) {
        if (run.log().krunvmMissing()) {
          throw new ExecutionException("ERA cannot run: krunvm is not installed (" + run.log().errors() + ")");
        }
        throw new ExecutionException("agent vm run failed without a guest exit code: " + run.describe());
      }
      exitCode = guest.getAsInt();
      String guestStdout = head(vmDir.resolve("out").resolve("stdout.log"));
      if (exitCode == 255 && AgentLog.isKrunvmFailure(guestStdout)) {
        throw new ExecutionException("ERA infrastructure failure (krunvm): " + guestStdout.strip());
      }
      status = exitCode == -1 ? ExecutionStatus.TIMED_OUT : statusOf(exitCode);
    }
    long cap = spec.limits().maxOutputBytes();
    CapturedStream stdout = readGuestStream(vmDir.resolve("out").resolve("stdout.log"), spec.scratchDir().resolve("stdout"), cap);
    CapturedStream stderr = readGuestStream(vmDir.resolve("out").resolve("stderr.log"), spec.scratchDir().resolve("stderr"), cap);
    if ((stdout.truncated() || stderr.truncated()) && status != ExecutionStatus.TIMED_OUT) {
      status = ExecutionStatus.OUTPUT_LIMIT;
    }
    List<Artifact> artifacts = List.of();
    List<LimitEnforcement> outputLimits = List.of();
    if (guestVolumes) {
      collectOutputs(vmDir.resolve("out"), spec.outputsDir(), spec.limits().outputs(), anomalies);
      OutputFiles files = OutputFiles.collect(spec.outputsDir(), spec.limits().outputs());
      outputLimits = files.limits();
      artifacts = files.artifacts();
      anomalies.addAll(files.anomalies());
    }
    return ExecutionResult.builder()
        .status(status)
        .exitCode(exitCode)
        .runtime(process.runtime())
        .stdout(stdout)
        .stderr(stderr)
        .artifacts(artifacts)
        .backend(backend)
        .limits(limits(spec, "ERA vm run --timeout, backed by threegate's deadline of +" + gracePeriod.toMillis() + " ms", outputLimits))
        .network(EraLaunch.network(isolateNetwork))
        .anomalies(anomalies)
        .build();
  }

  /** One agent invocation and what it printed. */
  private record AgentCall(ProcessResult process, AgentLog log) {
    String describe() {
      return "exit " + process.exitCode() + ": " + log.errors();
    }
  }

  /**
   * Runs agent, retrying agent's one-instance refusal a bounded number of times and never past the
   * deadline. The attempt records whether agent may have acted and, when it stopped before it
   * returned, what it printed.
   */
  private AgentCall agent(Path scratch, Duration timeout, boolean isolate, BooleanSupplier overflowing, long deadline,
      Attempt attempt, String... arguments) {
    return agent(scratch, timeout, isolate, overflowing, deadline, attempt, AGENT_OUTPUT_CAP, guestVolumes, arguments);
  }

  private AgentCall agent(Path scratch, Duration timeout, boolean isolate, BooleanSupplier overflowing, long deadline,
      Attempt attempt, long outputCap, boolean volumes, String... arguments) {
    List<String> command = new ArrayList<>();
    if (isolate) {
      command.addAll(EraLaunch.unshare());
    }
    command.add(agent);
    command.addAll(List.of(arguments));
    for (int tries = 0; ; tries++) {
      int call = CALLS.incrementAndGet();
      Path out = scratch.resolve("agent-" + call + ".out");
      Path err = scratch.resolve("agent-" + call + ".err");
      attempt.mayHaveCreated = true;
      ProcessResult process;
      try {
        process = runner.run(ProcessSpec.builder()
            .command(command)
            .workingDirectory(scratch)
            .environment(agentEnvironment(scratch, volumes))
            .timeout(timeout)
            .stdoutFile(out)
            .stderrFile(err)
            .maxOutputBytes(outputCap)
            .build(),
            overflowing);
      } catch (ExecutionException e) {
        attempt.ended = Instant.now();
        attempt.vm = printedVmId(out);
        throw e;
      }
      attempt.ended = Instant.now();
      AgentLog log = new AgentLog(text(process.stdout()), text(process.stderr()));
      if (process.exitCode() != 0 && log.refusedAsSingleton()) {
        attempt.mayHaveCreated = false; // refused before it did anything
        if (tries >= singletonRetries || System.nanoTime() + retryDelay.toNanos() >= deadline) {
          throw new ExecutionException("ERA refused: " + log.errors() + " (after " + (tries + 1) + " attempts)");
        }
        sleep(retryDelay);
        continue;
      }
      if (process.exitCode() != 0 && log.krunvmMissing()) {
        attempt.mayHaveCreated = false; // krunvm is what creates VMs
        throw new ExecutionException("ERA cannot run: krunvm is not installed (" + log.errors() + ")");
      }
      return new AgentCall(process, log);
    }
  }

  /** The VM id in what an agent that was stopped had printed, if it printed one. */
  private static Optional<String> printedVmId(Path stdout) {
    try {
      if (!Files.isRegularFile(stdout, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(stdout, LinkOption.NOFOLLOW_LINKS)) {
        return new AgentLog(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8), "").vmId().filter(VmIds::isSafe);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Map<String, String> agentEnvironment(Path scratch, boolean volumes) {
    Map<String, String> env = EraLaunch.environment(scratch, environment);
    env.put("AGENT_STATE_DIR", stateDirectory.toString());
    env.put("AGENT_LOG_LEVEL", "info");
    env.put("AGENT_ENABLE_GUEST_VOLUMES", volumes ? "1" : "0");
    return env;
  }

  private static void stageInputs(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(file, to.resolve(file.getFileName().toString()), LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /**
   * Copies the guest's {@code /out} into the run's outputs directory within the budget: a file with
   * more than one link, or one past the file or byte budget, is not copied (a sparse file would be
   * expanded by the copy) but named as an anomaly.
   */
  private static void collectOutputs(Path guestOut, Path outputsDir, OutputBudget budget, List<String> anomalies)
      throws IOException {
    if (!Files.isDirectory(guestOut, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    long[] taken = {0, 0};
    Files.walkFileTree(guestOut, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(outputsDir.resolve(guestOut.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path relative = guestOut.relativize(file);
        if (relative.getNameCount() == 1 && GUEST_LOGS.contains(relative.toString())) {
          return FileVisitResult.CONTINUE;
        }
        if (attrs.isRegularFile()) {
          int links = (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
          if (links > 1) {
            anomalies.add("/out/" + relative + ": a file with " + links + " links, not collected");
          } else if (taken[0] + 1 > budget.maxFiles() || taken[1] + attrs.size() > budget.maxBytesTotal()) {
            anomalies.add("/out/" + relative + ": past the /out budget of " + budget.maxFiles()
                + " files and " + budget.maxBytesTotal() + " bytes, not collected");
          } else {
            taken[0]++;
            taken[1] += attrs.size();
            Files.copy(file, outputsDir.resolve(relative.toString()), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
          }
        } else {
          anomalies.add("/out/" + relative + ": a link or special file, not collected");
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static CapturedStream readGuestStream(Path guestFile, Path target, long cap) throws IOException {
    StreamCapture capture = StreamCapture.open(target, cap, () -> {});
    try (capture) {
      if (Files.isRegularFile(guestFile, LinkOption.NOFOLLOW_LINKS)) {
        try (InputStream in = Files.newInputStream(guestFile, LinkOption.NOFOLLOW_LINKS)) {
          byte[] buffer = new byte[64 * 1024];
          for (int n; (n = in.read(buffer)) >= 0 && !capture.truncated(); ) {
            capture.write(buffer, 0, n);
          }
        }
      }
    }
    return capture.result();
  }

  /** The names in a directory; empty when it cannot be read. */
  private static Set<String> names(Path dir) {
    Set<String> names = new java.util.HashSet<>();
    try (var entries = Files.newDirectoryStream(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      // no VM yet
    }
    return names;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String head(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    }
  }

  private static String text(CapturedStream stream) {
    return new String(stream.head(), StandardCharsets.UTF_8);
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted while waiting for another ERA agent to finish", e);
    }
  }

  /**
   * Builds an {@link EraExecutor}. Defaults: {@code agent} found on the {@code PATH}; state
   * directory {@code <java.io.tmpdir>/threegate-era-state}; guest volumes on; network not isolated;
   * a grace period of 1 s past the time limit; 5 minutes for {@code vm create}, 1 minute for {@code
   * vm clean}; 20 retries 250 ms apart when another agent runs. A request's total deadline is the
   * create timeout plus its time limit plus the grace period plus the clean timeout; waiting for
   * another agent counts against it.
   */
  public static final class Builder {
    private String agent = "agent";
    private Path stateDirectory = Path.of(System.getProperty("java.io.tmpdir"), "threegate-era-state");
    private boolean guestVolumes = true;
    private boolean isolateNetwork;
    private boolean temporaryVms = true;
    private Duration gracePeriod = Duration.ofSeconds(1);
    private Duration createTimeout = Duration.ofMinutes(5);
    private Duration cleanTimeout = Duration.ofMinutes(1);
    private int singletonRetries = 20;
    private Duration retryDelay = Duration.ofMillis(250);
    private final Map<String, String> environment = new HashMap<>();
    private String version = "unknown";

    private Builder() {}

    /**
     * Sets the {@code agent} executable.
     *
     * @param value its path
     * @return this builder
     */
    public Builder agent(Path value) {
      agent = Objects.requireNonNull(value, "agent").toString();
      return this;
    }

    /**
     * Sets {@code AGENT_STATE_DIR}. Calls sharing it are serialised.
     *
     * @param value the state directory
     * @return this builder
     */
    public Builder stateDirectory(Path value) {
      stateDirectory = Objects.requireNonNull(value, "stateDirectory");
      return this;
    }

    /**
     * Turns guest volumes ({@code /in} and {@code /out}) on or off. Off, requests with inputs or
     * expected outputs are rejected before they run.
     *
     * @param value whether guest volumes are on
     * @return this builder
     */
    public Builder guestVolumes(boolean value) {
      guestVolumes = value;
      return this;
    }

    /**
     * Starts each run inside a fresh network namespace ({@code unshare --net}), so the guest has no
     * network; results then record {@code host_namespace}. Needs {@code unshare} and the images in
     * local storage.
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
     * Runs requests without inputs and expected outputs in one {@code vm temp} (on by default)
     * instead of {@code vm create}, {@code vm run} and {@code vm clean}: one agent call instead of
     * three. {@code vm temp} deletes the output of a guest that its {@code --timeout} stopped, so a
     * timed-out run records no output (the three calls keep it); its command must fit {@link
     * #MAX_COMMAND_BYTES} with the gate's frame of about 150 bytes, else the three calls are used.
     *
     * @param value whether to use {@code vm temp} where a request needs no volumes
     * @return this builder
     */
    public Builder temporaryVms(boolean value) {
      temporaryVms = value;
      return this;
    }

    /**
     * Sets how long past the request's time limit {@code vm run} may take before it is killed.
     *
     * @param value at least zero
     * @return this builder
     */
    public Builder gracePeriod(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("gracePeriod must not be negative: " + value);
      }
      gracePeriod = value;
      return this;
    }

    /**
     * Sets how long {@code vm create} and {@code vm clean} may take (ERA sets no limit itself).
     *
     * @param value positive
     * @return this builder
     */
    public Builder commandTimeout(Duration value) {
      return createTimeout(value).cleanTimeout(value);
    }

    /**
     * Sets how long {@code vm create} may take (ERA sets no limit itself; an image pull happens
     * here). A create that runs out is killed, and the VM it may have made is cleaned.
     *
     * @param value positive; 5 minutes by default
     * @return this builder
     */
    public Builder createTimeout(Duration value) {
      createTimeout = positive(value, "createTimeout");
      return this;
    }

    /**
     * Sets how long each {@code vm clean} (and the {@code vm list} that finds a VM whose create
     * was stopped) may take. A clean that runs out is an anomaly of the result, or a suppressed
     * exception of the run's failure.
     *
     * @param value positive; 1 minute by default
     * @return this builder
     */
    public Builder cleanTimeout(Duration value) {
      cleanTimeout = positive(value, "cleanTimeout");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * Sets how often agent's one-instance refusal is retried, and how far apart.
     *
     * @param retries at least zero
     * @param delay between attempts
     * @return this builder
     */
    public Builder singletonRetries(int retries, Duration delay) {
      if (retries < 0 || delay.isNegative()) {
        throw new IllegalArgumentException("retries and delay must not be negative");
      }
      singletonRetries = retries;
      retryDelay = delay;
      return this;
    }

    /**
     * Sets the number of retries of agent's one-instance refusal, 250 ms apart.
     *
     * @param retries at least zero
     * @return this builder
     */
    public Builder singletonRetries(int retries) {
      return singletonRetries(retries, retryDelay);
    }

    /**
     * Adds a variable to agent's environment. The environment is otherwise {@code PATH}, {@code
     * HOME} and {@code LANG} of this process plus agent's own variables; nothing else of this
     * process's environment is passed on.
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
     * Sets the version recorded in results (ERA's CLI does not report one).
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
    public EraExecutor build() {
      return new EraExecutor(this);
    }
  }
}
