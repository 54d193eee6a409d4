package dev.threegate.era;

import dev.threegate.era.internal.AgentLog;
import dev.threegate.era.internal.StateLocks;
import dev.threegate.exec.Artifact;
import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.exec.OutputFiles;
import dev.threegate.exec.StreamCapture;
import dev.threegate.process.ProcessResult;
import dev.threegate.process.ProcessRunner;
import dev.threegate.process.ProcessSpec;
import dev.threegate.request.Backend;
import dev.threegate.request.CommandSyntaxException;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Runs Tool Requests in ERA microVMs (trusted computing base).
 *
 * <p><b>Agent form</b> (the default) drives ERA's {@code agent} CLI with an explicit {@code
 * AGENT_STATE_DIR}: {@code vm create} (language, CPUs and memory from the request, {@code --network
 * none}, guest volumes on) → the verified inputs copied into the VM's {@code in/} → {@code vm run
 * --timeout <time_limit_sec>} under a deadline of the time limit plus a grace period → the guest's
 * {@code stdout.log} and {@code stderr.log} read through the output cap and the files of its {@code
 * out/} collected → {@code vm clean}, always, also after a timeout, an interrupt or an error. The
 * guest's exit code comes from agent's log line; {@code -1} is a timeout; {@code 255} with krunvm
 * text, a missing krunvm, a missing {@code agent} and agent's one-instance refusal (after {@link
 * Builder#singletonRetries(int) retries}) are {@link ExecutionException}s.
 *
 * <p><b>Wrapper form</b> ({@link Builder#wrapper(Path)}) runs any executable honouring ThreeGate's
 * {@code --language L --cmd C --network none} contract; its stdout, stderr and exit status are the
 * tool's. It has no file inputs or outputs and enforces no CPU or memory limit that this library
 * can see.
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
  public static final Set<Language> LANGUAGES = Set.copyOf(EnumSet.allOf(Language.class));

  /** The longest command ERA can carry on the guest kernel command line, in bytes. */
  public static final int MAX_COMMAND_BYTES = 1024;

  private static final long AGENT_OUTPUT_CAP = 1024 * 1024;
  private static final Set<String> GUEST_LOGS = Set.of("stdout.log", "stderr.log");
  private static final AtomicInteger CALLS = new AtomicInteger();

  private final Optional<Path> wrapper;
  private final String agent;
  private final Path stateDirectory;
  private final boolean guestVolumes;
  private final boolean isolateNetwork;
  private final Duration gracePeriod;
  private final Duration commandTimeout;
  private final int singletonRetries;
  private final Duration retryDelay;
  private final Map<String, String> environment;
  private final ProcessRunner runner = ProcessRunner.standard();
  private final BackendInfo backend;

  private EraExecutor(Builder b) {
    this.wrapper = b.wrapper;
    this.agent = b.agent;
    this.stateDirectory = b.stateDirectory.toAbsolutePath().normalize();
    this.guestVolumes = b.guestVolumes && b.wrapper.isEmpty();
    this.isolateNetwork = b.isolateNetwork;
    this.gracePeriod = b.gracePeriod;
    this.commandTimeout = b.commandTimeout;
    this.singletonRetries = b.singletonRetries;
    this.retryDelay = b.retryDelay;
    this.environment = Map.copyOf(b.environment);
    this.backend =
        new BackendInfo(
            wrapper.isPresent() ? "ERA (wrapper)" : "ERA",
            b.version,
            new Capabilities(Isolation.MICROVM, LANGUAGES, MAX_COMMAND_BYTES, false, guestVolumes, guestVolumes),
            Backend.ERA);
  }

  /**
   * A builder for the agent form; see {@link Builder} for the defaults.
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
    if (wrapper.isPresent()) {
      return executeWrapper(spec, wrapper.get());
    }
    ReentrantLock lock = StateLocks.of(stateDirectory);
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted while waiting for the ERA state directory " + stateDirectory, e);
    }
    try {
      Files.createDirectories(stateDirectory);
      return executeAgent(spec);
    } catch (IOException e) {
      throw new ExecutionException("cannot prepare the ERA state directory " + stateDirectory + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private ExecutionResult executeAgent(ExecutionSpec spec) throws IOException {
    String language = spec.request().language().wireName();
    AgentCall create =
        agent(spec, commandTimeout, false, "vm", "create", "--language", language,
            "--cpu", Long.toString(spec.limits().cpu()), "--mem", Long.toString(spec.limits().memoryMb()),
            "--network", "none");
    if (create.process().exitCode() != 0) {
      throw new ExecutionException("agent vm create failed: " + create.log().errors());
    }
    String vm =
        create.log().vmId()
            .orElseThrow(() -> new ExecutionException("agent vm create did not report a VM id: " + create.describe()));
    Path vmDir = stateDirectory.resolve("vms").resolve(vm);
    List<String> anomalies = new ArrayList<>();
    ExecutionResult result = null;
    try {
      if (guestVolumes) {
        stageInputs(spec.inputsDir(), vmDir.resolve("in"));
      }
      long timeSec = Math.max(1, spec.limits().time().toSeconds());
      Path guestOut = vmDir.resolve("out");
      long cap = spec.limits().maxOutputBytes();
      BooleanSupplier overflowing = () -> size(guestOut.resolve("stdout.log")) > cap || size(guestOut.resolve("stderr.log")) > cap;
      AgentCall run =
          agent(spec, spec.limits().time().plus(gracePeriod), isolateNetwork, overflowing, "vm", "run", "--vm", vm,
              "--cmd", shellLine(spec), "--timeout", Long.toString(timeSec));
      result = runResult(spec, run, vmDir, anomalies);
      return result;
    } finally {
      // The VM is cleaned even when the run was interrupted: the interrupt status is set aside
      // for vm clean, which would otherwise be killed at once, and restored afterwards.
      boolean interrupted = Thread.interrupted();
      try {
        AgentCall clean = agent(spec, commandTimeout, false, "vm", "clean", "--vm", vm);
        if (clean.process().exitCode() != 0) {
          anomalies.add("agent vm clean failed: " + clean.describe());
        }
      } catch (ExecutionException e) {
        if (result == null && !interrupted) {
          throw e;
        }
        anomalies.add("agent vm clean failed: " + e.getMessage());
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
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
      status =
          exitCode == -1
              ? ExecutionStatus.TIMED_OUT
              : exitCode == 0
                  ? ExecutionStatus.COMPLETED
                  : exitCode == ProcessResult.KILLED_BY_SIGKILL ? ExecutionStatus.KILLED : ExecutionStatus.NONZERO_EXIT;
    }
    long cap = spec.limits().maxOutputBytes();
    CapturedStream stdout = readGuestStream(vmDir.resolve("out").resolve("stdout.log"), spec.scratchDir().resolve("stdout"), cap);
    CapturedStream stderr = readGuestStream(vmDir.resolve("out").resolve("stderr.log"), spec.scratchDir().resolve("stderr"), cap);
    if ((stdout.truncated() || stderr.truncated()) && status != ExecutionStatus.TIMED_OUT) {
      status = ExecutionStatus.OUTPUT_LIMIT;
    }
    List<Artifact> artifacts = List.of();
    if (guestVolumes) {
      collectOutputs(vmDir.resolve("out"), spec.outputsDir(), anomalies);
      OutputFiles files = OutputFiles.collect(spec.outputsDir());
      artifacts = files.artifacts();
      anomalies.addAll(files.anomalies());
    }
    return new ExecutionResult(
        status, exitCode, process.runtime(), stdout, stderr, artifacts, backend,
        List.of(
            new LimitEnforcement("cpu", spec.limits().cpu(), "ERA --cpu (microVM vCPUs)"),
            new LimitEnforcement("memory_mb", spec.limits().memoryMb(), "ERA --mem (microVM memory)"),
            new LimitEnforcement("time_sec", spec.limits().time().toSeconds(),
                "ERA vm run --timeout, backed by threegate's deadline of +" + gracePeriod.toMillis() + " ms"),
            new LimitEnforcement("output_bytes", cap,
                "threegate, watching the guest's output files during the run (ERA does not limit output)"),
            LimitEnforcement.notEnforced("processes", 0),
            LimitEnforcement.notEnforced("disk_bytes", 0)),
        isolateNetwork ? NetworkEnforcement.HOST_NAMESPACE : NetworkEnforcement.NOT_ENFORCED,
        anomalies);
  }

  private ExecutionResult executeWrapper(ExecutionSpec spec, Path wrapperPath) {
    List<String> command = new ArrayList<>();
    if (isolateNetwork) {
      command.addAll(unshare());
    }
    command.addAll(List.of(wrapperPath.toString(), "--language", spec.request().language().wireName(),
        "--cmd", shellLine(spec), "--network", "none"));
    ProcessResult process =
        runner.run(new ProcessSpec(command, spec.scratchDir(), baseEnvironment(spec), spec.limits().time(),
            spec.scratchDir().resolve("stdout"), spec.scratchDir().resolve("stderr"), spec.limits().maxOutputBytes()));
    ExecutionStatus status = process.status();
    return new ExecutionResult(
        status, process.exitCode(), process.runtime(), process.stdout(), process.stderr(), List.of(), backend,
        List.of(
            LimitEnforcement.notEnforced("cpu", spec.limits().cpu()),
            LimitEnforcement.notEnforced("memory_mb", spec.limits().memoryMb()),
            new LimitEnforcement("time_sec", spec.limits().time().toSeconds(), "threegate deadline (the wrapper's process tree is killed)"),
            new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(), "threegate capture cap (the run is stopped)")),
        isolateNetwork ? NetworkEnforcement.HOST_NAMESPACE : NetworkEnforcement.NOT_ENFORCED,
        process.anomalies());
  }

  /**
   * The command as the line the guest's bash (or the wrapper's) reads: the judged argv, quoted so
   * that the shell expands nothing and runs exactly those words.
   */
  private static String shellLine(ExecutionSpec spec) {
    try {
      return spec.command().shellQuoted();
    } catch (CommandSyntaxException e) {
      throw new ExecutionException("the command has no argv: " + e.getMessage(), e);
    }
  }

  /** One agent invocation and what it printed. */
  private record AgentCall(ProcessResult process, AgentLog log) {
    String describe() {
      return "exit " + process.exitCode() + ": " + log.errors();
    }
  }

  /** Runs agent, retrying agent's one-instance refusal a bounded number of times. */
  private AgentCall agent(ExecutionSpec spec, Duration timeout, boolean isolate, String... arguments) {
    return agent(spec, timeout, isolate, () -> false, arguments);
  }

  private AgentCall agent(ExecutionSpec spec, Duration timeout, boolean isolate, BooleanSupplier overflowing, String... arguments) {
    List<String> command = new ArrayList<>();
    if (isolate) {
      command.addAll(unshare());
    }
    command.add(agent);
    command.addAll(List.of(arguments));
    for (int attempt = 0; ; attempt++) {
      int call = CALLS.incrementAndGet();
      Path out = spec.scratchDir().resolve("agent-" + call + ".out");
      Path err = spec.scratchDir().resolve("agent-" + call + ".err");
      ProcessResult process =
          runner.run(new ProcessSpec(command, spec.scratchDir(), agentEnvironment(spec), timeout, out, err, AGENT_OUTPUT_CAP), overflowing);
      AgentLog log = new AgentLog(text(process.stdout()), text(process.stderr()));
      if (process.exitCode() != 0 && log.refusedAsSingleton()) {
        if (attempt >= singletonRetries) {
          throw new ExecutionException("ERA refused: " + log.errors() + " (after " + (attempt + 1) + " attempts)");
        }
        sleep(retryDelay);
        continue;
      }
      if (process.exitCode() != 0 && log.krunvmMissing()) {
        throw new ExecutionException("ERA cannot run: krunvm is not installed (" + log.errors() + ")");
      }
      return new AgentCall(process, log);
    }
  }

  private Map<String, String> agentEnvironment(ExecutionSpec spec) {
    Map<String, String> env = baseEnvironment(spec);
    env.put("AGENT_STATE_DIR", stateDirectory.toString());
    env.put("AGENT_LOG_LEVEL", "info");
    env.put("AGENT_ENABLE_GUEST_VOLUMES", guestVolumes ? "1" : "0");
    return env;
  }

  private Map<String, String> baseEnvironment(ExecutionSpec spec) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
    env.put("HOME", Optional.ofNullable(System.getenv("HOME")).orElse(spec.scratchDir().toString()));
    env.put("LANG", "C.UTF-8");
    env.putAll(environment);
    return env;
  }

  private static List<String> unshare() {
    return isRoot() ? List.of("unshare", "--net", "--") : List.of("unshare", "--net", "--map-root-user", "--");
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
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

  /** Copies the regular files of the guest's out/ (but its own logs) into the outputs directory. */
  private static void collectOutputs(Path guestOut, Path outputsDir, List<String> anomalies) throws IOException {
    if (!Files.isDirectory(guestOut, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
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
          Files.copy(file, outputsDir.resolve(relative.toString()), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
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
   * a grace period of 1 s past the time limit; 5 minutes for {@code vm create} and {@code vm clean};
   * 20 retries 250 ms apart when another agent runs.
   */
  public static final class Builder {
    private Optional<Path> wrapper = Optional.empty();
    private String agent = "agent";
    private Path stateDirectory = Path.of(System.getProperty("java.io.tmpdir"), "threegate-era-state");
    private boolean guestVolumes = true;
    private boolean isolateNetwork;
    private Duration gracePeriod = Duration.ofSeconds(1);
    private Duration commandTimeout = Duration.ofMinutes(5);
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
     * Uses the wrapper form: an executable honouring {@code --language L --cmd C --network none}.
     *
     * @param value the wrapper's path
     * @return this builder
     */
    public Builder wrapper(Path value) {
      wrapper = Optional.of(Objects.requireNonNull(value, "wrapper"));
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
      if (value && !Files.isExecutable(Path.of("/usr/bin/unshare"))) {
        throw new IllegalStateException("network isolation needs /usr/bin/unshare (util-linux)");
      }
      isolateNetwork = value;
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
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive: " + value);
      }
      commandTimeout = value;
      return this;
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
