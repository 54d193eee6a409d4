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
package dev.threegate.smolvm;

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
import dev.threegate.exec.NetworkDestination;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.exec.OutputFiles;
import dev.threegate.process.ProcessResult;
import dev.threegate.process.ProcessRunner;
import dev.threegate.process.ProcessSpec;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.NetworkMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Tool Requests in smolvm microVMs (libkrun: KVM on Linux, Hypervisor.framework on macOS)
 * through smolvm's {@code machine} CLI (trusted computing base).
 *
 * <p>Each run gets its own machine, named {@code threegate-<random>} and labelled {@code
 * owner=threegate} and {@code gate=<this executor's random id>}, so machines left by a gate that
 * was killed can be removed ({@link #sweepStale()}, {@link #leftoverMachines()}, {@link
 * #deleteMachine(String)}): smolvm does not stop a persistent machine when the CLI that started it
 * dies. {@code network: allowlist} with an empty allowlist is refused. The steps: {@code machine create} (the image,
 * {@code --cpus}, {@code --mem}, {@code --storage}, a read-only copy of the verified inputs as {@code
 * /in}, an empty directory as {@code /out}, and for {@code network: allowlist} {@code --allow-host
 * NAME} per entry) → {@code machine start} → {@code machine exec --timeout <time_limit>s -- ARGV} (the
 * judged argv, no shell) under threegate's deadline of the time limit plus a grace period → {@code
 * machine egress-events --json} (before the delete, which removes the log) → {@code machine stop}
 * and {@code machine delete --force}, always, also after a timeout, an interrupt or a failure.
 *
 * <p><b>Guest privileges.</b> smolvm's {@code --unprivileged} exists only on {@code machine run}
 * (the one-off flow, whose machine and egress log are gone when it returns), not on {@code create}
 * or {@code exec} (checked at 1.9.3): the tool runs with full privileges inside the guest; the
 * microVM is the boundary. The files the
 * guest left in {@code /out} are collected through the run's {@code /out} budget after {@code machine
 * stop} (it is a live host mount while the machine runs); a {@code /out} that grows past the
 * budget's total stops the run. {@code --storage} does not bound {@code /out}.
 *
 * <p><b>Exit codes.</b> smolvm passes the guest's exit code through and gives 124 on its {@code
 * --timeout} (on image machines with {@code command timed out after Nms} appended to stderr; the
 * line counts only when N is the {@code --timeout} given and the run reached the time limit, else
 * the 124 is the tool's, with an anomaly; without the line, a 124 at or past the time limit is
 * taken as the timeout); its own errors exit 1 with {@code Error: …} on stderr and no guest
 * output. An exit 1 with empty stdout and a stderr that is a single {@code Error: } line is
 * smolvm's when it reports output too large (recorded as {@code output_limit}: smolvm discarded
 * the output), and is otherwise checked against the machine: when {@code machine exec -- true}
 * still runs in it, the 1 is taken as the guest's (with an anomaly); when it does not (smolvm
 * failed, the guest stopped without an exit status), the run is an {@link ExecutionException}.
 * Failures of create, start and the probe of the version are {@link ExecutionException}s too.
 *
 * <p><b>Network.</b> A machine has no network unless {@code --net} is given, so {@code network:
 * none} is recorded as enforced by the backend. {@code network: allowlist} is offered only from
 * smolvm {@value #ALLOWLIST_MIN_VERSION} on (earlier versions booted cached images with
 * unrestricted networking); smolvm's allowlist admits names (and their subdomains) on every port,
 * and its denials ({@code machine egress-events}) are recorded as the result's network
 * destinations. A registry image is pulled inside the guest, so {@code network: none} needs a local
 * image (a {@code docker save} tar or a rootfs directory); with an allowlist, smolvm admits the
 * registry's hosts too, which the result notes. smolvm's environment never carries the variables
 * that lower its egress floor ({@code SMOLVM_EGRESS_ALLOW_PRIVATE}, {@code SMOLVM_EGRESS_FLOOR},
 * {@code SMOLVM_PUBLISH_ADDR}).
 *
 * <p>Instances are immutable; {@link #execute} may be called from several threads.
 */
public final class SmolvmExecutor implements Executor {
  /** The first smolvm version whose allowlist held for every start path (cached images included). */
  public static final String ALLOWLIST_MIN_VERSION = "1.9.0";

  /** How the names of this executor's machines begin. */
  public static final String PREFIX = "threegate-";

  /** About what smolvm buffers of each stream in non-interactive mode (11 MiB) before it cuts it. */
  public static final long SMOLVM_OUTPUT_CAP = 11L * 1024 * 1024;

  private static final long CLI_OUTPUT_CAP = 1024 * 1024;
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Pattern REPORTED_VERSION = Pattern.compile("(?m)^smolvm (\\d+\\.\\d+\\.\\d+)");
  private static final Pattern TIMED_OUT_MARKER = Pattern.compile("(command|container) timed out after ([0-9]{1,15})ms\\s*$");
  private static final Pattern OUTPUT_TOO_LARGE = Pattern.compile(
      "command output too large \\([0-9]+ bytes; limit [0-9]+\\)|command output exceeded [0-9]+ bytes and was truncated"
          + "|streaming output exceeded [0-9]+ byte cap");
  private static final Pattern PROGRESS_LINE = Pattern.compile("^(Pulling image |Starting ephemeral machine ).*");
  private static final Set<String> FLOOR_VARIABLES = Set.of("SMOLVM_EGRESS_ALLOW_PRIVATE", "SMOLVM_EGRESS_FLOOR", "SMOLVM_PUBLISH_ADDR");
  private static final String LABEL = "owner=threegate";
  private static final Set<String> ACTIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final Pattern MACHINE_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"\\\\]+)\"");
  private static final Pattern LABELS = Pattern.compile("\"labels\"\\s*:\\s*\\{[^{}]*\\}");
  private static final Pattern OWNER_LABEL = Pattern.compile("\"labels\"\\s*:\\s*\\{[^{}]*\"owner\"\\s*:\\s*\"threegate\"");
  private static final Pattern OUR_NAME = Pattern.compile("\"name\"\\s*:\\s*\"(threegate-[0-9a-f]{16})\"");
  private static final Pattern EVENT = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern FIELD = Pattern.compile("\"(timestamp|operation|dest)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String smolvm;
  private final String image;
  private final Set<Language> languages;
  private final long storageGib;
  private final Duration gracePeriod;
  private final Duration startTimeout;
  private final Duration cleanTimeout;
  private final long smolvmOutputCap;
  private final Clock clock;
  private final Map<String, String> environment;
  private final boolean allowlist;
  private final ProcessRunner runner = ProcessRunner.standard();
  private final BackendInfo backend;
  private final String gate = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

  private SmolvmExecutor(Builder b, String version, boolean allowlist) {
    this.smolvm = b.smolvm;
    this.image = b.image;
    this.languages = Set.copyOf(b.languages);
    this.storageGib = b.storageGib;
    this.gracePeriod = b.gracePeriod;
    this.startTimeout = b.startTimeout;
    this.cleanTimeout = b.cleanTimeout;
    this.smolvmOutputCap = b.smolvmOutputCap;
    this.clock = b.clock;
    this.environment = Map.copyOf(b.environment);
    this.allowlist = allowlist;
    this.backend = BackendInfo.builder()
        .name("smolvm")
        .version(version)
        .capabilities(Capabilities.builder(Isolation.MICROVM)
            .languages(languages)
            .fileInputs(true)
            .fileOutputs(true)
            .networkAllowlist(allowlist)
            .enforcesAllLimits(true)
            .build())
        .kind(Backend.SMOLVM)
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

  /**
   * Whether {@code network: allowlist} is offered: the probed smolvm is at least {@value
   * #ALLOWLIST_MIN_VERSION}.
   *
   * @return whether the allowlist is offered
   */
  public boolean allowlistSupported() {
    return allowlist;
  }

  @Override
  public ExecutionResult execute(ExecutionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    long deadline = System.nanoTime() + startTimeout.plus(spec.limits().time()).plus(gracePeriod).toNanos();
    List<String> anomalies = new ArrayList<>();
    ACTIVE.add(name);
    boolean created = false;
    Throwable primary = null;
    ExecutionResult result = null;
    try {
      Path guestIn = Files.createDirectories(spec.scratchDir().resolve("vm-in"));
      Path guestOut = Files.createDirectories(spec.scratchDir().resolve("vm-out"));
      copyInputs(spec.inputsDir(), guestIn);
      List<String> create = new ArrayList<>(List.of("machine", "create", "--name", name, "--label", LABEL, "--label", "gate=" + gate,
          "--image", image, "--cpus", Long.toString(Math.max(1, spec.limits().cpu())),
          "--mem", Long.toString(spec.limits().memoryMb()), "--storage", Long.toString(storageGib),
          "-v", guestIn + ":/in:ro", "-v", guestOut + ":/out"));
      if (spec.request().network() == NetworkMode.ALLOWLIST) {
        if (!allowlist) {
          throw new ExecutionException("smolvm " + backend.version() + " does not enforce an allowlist (needs "
              + ALLOWLIST_MIN_VERSION + " or later)");
        }
        if (spec.request().networkAllowlist().isEmpty()) {
          throw new ExecutionException("network: allowlist with an empty network_allowlist: smolvm has no way to allow nothing "
              + "with the network on; use network: none");
        }
        create.add("--net");
        if (!isLocalImage(image)) {
          anomalies.add("smolvm admits the hosts of the registry of image " + image + " besides the allowlist");
        }
        for (String entry : spec.request().networkAllowlist()) {
          HostPort hp = HostPort.parse(entry);
          create.add("--allow-host");
          create.add(hp.host());
          if (hp.port().isPresent()) {
            anomalies.add("network_allowlist entry " + entry + ": smolvm admits the name and its subdomains on every port, not only "
                + hp.port().get());
          }
        }
      }
      created = true; // from here on, a machine may exist
      call(spec.scratchDir(), within(startTimeout, deadline), "create", create);
      call(spec.scratchDir(), within(startTimeout, deadline), "start", List.of("machine", "start", "--name", name));
      long timeSec = Math.max(1, spec.limits().time().toSeconds());
      List<String> exec = new ArrayList<>(List.of("machine", "exec", "--name", name, "--timeout", timeSec + "s", "--"));
      exec.addAll(spec.command().argv());
      long outTotal = spec.limits().outputs().maxBytesTotal();
      BooleanSupplier outFull = () -> treeSize(guestOut) > outTotal;
      long started = System.nanoTime();
      ProcessResult run = runner.run(ProcessSpec.builder()
          .command(command(exec))
          .workingDirectory(spec.scratchDir())
          .environment(environment())
          .timeout(within(spec.limits().time().plus(gracePeriod), Long.MAX_VALUE))
          .stdoutFile(spec.scratchDir().resolve("stdout"))
          .stderrFile(spec.scratchDir().resolve("stderr"))
          .maxOutputBytes(spec.limits().maxOutputBytes())
          .build(), outFull);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      List<NetworkDestination> denied = spec.request().network() == NetworkMode.ALLOWLIST
          ? egressEvents(spec.scratchDir(), name, anomalies) : List.of();
      result = runResult(spec, name, run, took, guestOut, denied, anomalies);
      return result;
    } catch (IOException e) {
      primary = e;
      throw new ExecutionException("cannot prepare the smolvm run: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      primary = e;
      throw e;
    } finally {
      if (!created) {
        ACTIVE.remove(name);
      }
      if (created) {
        boolean interrupted = Thread.interrupted();
        try {
          Optional<String> problem = delete(spec.scratchDir(), name);
          if (problem.isPresent()) {
            if (primary != null) {
              primary.addSuppressed(new ExecutionException(problem.get()));
            } else if (result != null) {
              // a result is already being returned: the leftover is recorded with it
              anomalies.add(problem.get());
            }
          }
        } finally {
          ACTIVE.remove(name);
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  /**
   * The machines of this executor's naming ({@value #PREFIX} and 16 hex digits) that smolvm still
   * lists: after a gate was killed, the ones it left. Machines of runs still going are listed too;
   * delete only when no gate uses this smolvm data directory.
   *
   * @return their names
   * @throws ExecutionException if {@code smolvm machine ls --json} fails
   */
  public List<String> leftoverMachines() {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("threegate-smolvm-");
      ProcessResult ls = runner.run(cli(scratch, cleanTimeout, List.of("machine", "ls", "--json")));
      if (ls.exitCode() != 0) {
        throw new ExecutionException("smolvm machine ls failed: " + errors(ls));
      }
      List<String> names = new ArrayList<>();
      Matcher m = OUR_NAME.matcher(text(ls.stdout()));
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new ExecutionException("cannot list smolvm machines: " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  /**
   * Deletes the machines labelled {@code owner=threegate} in this executor's smolvm data directory
   * that no run of this process is using: the ones a gate killed before it could delete them (smolvm
   * keeps a persistent machine running when the CLI that started it dies). One data directory
   * belongs to one gate: a machine of another gate process using the same directory would be
   * deleted under it. Call it when the gate starts.
   *
   * @return the names of the machines deleted
   * @throws ExecutionException if {@code smolvm machine ls --json} fails or a machine cannot be deleted
   */
  public List<String> sweepStale() {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("threegate-smolvm-");
      ProcessResult ls = runner.run(cli(scratch, cleanTimeout, List.of("machine", "ls", "--json")));
      if (ls.termination() != ProcessResult.Termination.EXITED || ls.exitCode() != 0) {
        throw new ExecutionException("smolvm machine ls failed: " + errors(ls));
      }
      List<String> deleted = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (String name : labelledOurs(text(ls.stdout()))) {
        if (ACTIVE.contains(name)) {
          continue;
        }
        Optional<String> problem = delete(scratch, name);
        if (problem.isPresent()) {
          problems.add(problem.get());
        } else {
          deleted.add(name);
        }
      }
      if (!problems.isEmpty()) {
        throw new ExecutionException(String.join("; ", problems));
      }
      return deleted;
    } catch (IOException e) {
      throw new ExecutionException("cannot list smolvm machines: " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  /** The names of the machines of {@code machine ls --json} labelled {@code owner=threegate}. */
  static List<String> labelledOurs(String json) {
    List<String> names = new ArrayList<>();
    int depth = 0;
    int start = -1;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (depth++ == 0) {
          start = i;
        }
      } else if (c == '}' && depth > 0 && --depth == 0) {
        String object = json.substring(start, i + 1);
        Matcher name = MACHINE_NAME.matcher(LABELS.matcher(object).replaceAll(""));
        if (OWNER_LABEL.matcher(object).find() && name.find()) {
          names.add(name.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Stops and deletes a machine, such as one a killed gate left behind (its name starts with
   * {@code threegate-}; {@code smolvm machine ls} lists them).
   *
   * @param name the machine's name
   * @throws ExecutionException if smolvm cannot delete it
   */
  public void deleteMachine(String name) {
    Objects.requireNonNull(name, "name");
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("threegate-smolvm-");
      Optional<String> problem = delete(scratch, name);
      if (problem.isPresent()) {
        throw new ExecutionException(problem.get());
      }
    } catch (IOException e) {
      throw new ExecutionException("cannot delete smolvm machine " + name + ": " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  private Optional<String> delete(Path scratch, String name) {
    try {
      runner.run(cli(scratch, cleanTimeout, List.of("machine", "stop", "--name", name)));
      ProcessResult deleted = runner.run(cli(scratch, cleanTimeout, List.of("machine", "delete", "--name", name, "--force")));
      if (deleted.termination() == ProcessResult.Termination.TIMED_OUT) {
        return Optional.of("smolvm machine delete --name " + name + " did not return within " + cleanTimeout.toMillis()
            + " ms; the machine may be left");
      }
      if (deleted.exitCode() != 0 && !errors(deleted).contains("not found")) {
        return Optional.of("smolvm machine delete --name " + name + " failed: " + errors(deleted));
      }
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of("smolvm machine delete --name " + name + " failed: " + e.getMessage());
    }
  }

  private ExecutionResult runResult(ExecutionSpec spec, String name, ProcessResult run, Duration took, Path guestOut,
      List<NetworkDestination> denied, List<String> anomalies) throws IOException {
    anomalies.addAll(run.anomalies());
    ExecutionStatus status;
    int exitCode;
    long limitSec = Math.max(1, spec.limits().time().toSeconds());
    switch (run.termination()) {
      case TIMED_OUT -> {
        status = ExecutionStatus.TIMED_OUT;
        exitCode = -1;
        anomalies.add("smolvm did not return within the time limit plus " + gracePeriod.toMillis() + " ms and was killed");
      }
      case OUTPUT_LIMIT -> {
        status = ExecutionStatus.OUTPUT_LIMIT;
        exitCode = -1;
        if (treeSize(guestOut) > spec.limits().outputs().maxBytesTotal()) {
          anomalies.add("/out grew past the budget of " + spec.limits().outputs().maxBytesTotal() + " bytes; the run was stopped");
        }
      }
      default -> {
        exitCode = run.exitCode();
        boolean reachedLimit = took.compareTo(Duration.ofSeconds(limitSec)) >= 0;
        Matcher marker = TIMED_OUT_MARKER.matcher(tail(run.stderr()));
        boolean hasMarker = marker.find();
        Optional<String> ownError = exitCode == 1 ? smolvmError(run) : Optional.empty();
        if (exitCode == 124 && reachedLimit
            && (!hasMarker || Long.parseLong(marker.group(2)) == limitSec * 1000)) {
          status = ExecutionStatus.TIMED_OUT;
          exitCode = -1;
        } else if (exitCode == 0) {
          status = ExecutionStatus.COMPLETED;
        } else if (ownError.isPresent() && OUTPUT_TOO_LARGE.matcher(ownError.get()).find()) {
          status = ExecutionStatus.OUTPUT_LIMIT;
          exitCode = -1;
          anomalies.add("smolvm discarded the tool's whole output and reported: " + clip(ownError.get()));
        } else {
          if (exitCode == 124 && hasMarker) {
            anomalies.add("exit 124 with '" + clip(marker.group().strip()) + "' on stderr, but not smolvm's timeout (--timeout was "
                + limitSec * 1000 + "ms, the run took " + took.toMillis() + " ms): taken as the tool's exit code");
          }
          if (ownError.isPresent()) {
            if (!machineResponds(spec.scratchDir(), name)) {
              throw new ExecutionException("smolvm failed (exit 1, the machine no longer runs commands): " + ownError.get());
            }
            anomalies.add("exit 1 with only '" + clip(ownError.get()) + "' on stderr while the machine still ran: taken as the "
                + "tool's exit code, though smolvm may have failed");
          }
          status = exitCode == ProcessResult.KILLED_BY_SIGKILL ? ExecutionStatus.KILLED : ExecutionStatus.NONZERO_EXIT;
        }
      }
    }
    CapturedStream stdout = run.stdout();
    CapturedStream stderr = run.stderr();
    if ((stdout.truncated() || stderr.truncated()) && status != ExecutionStatus.TIMED_OUT) {
      status = ExecutionStatus.OUTPUT_LIMIT;
      exitCode = -1;
    } else if (status != ExecutionStatus.TIMED_OUT
        && (stdout.bytes() >= smolvmOutputCap || stderr.bytes() >= smolvmOutputCap)) {
      status = ExecutionStatus.OUTPUT_LIMIT;
      exitCode = -1;
      anomalies.add("a stream reached smolvm's own buffer of " + smolvmOutputCap + " bytes: smolvm cut it there");
    }
    if (status == ExecutionStatus.OUTPUT_LIMIT) {
      exitCode = -1;
    }
    // /out is a live mount of the guest: stop the machine before its files are collected
    ProcessResult stop = runner.run(cli(spec.scratchDir(), cleanTimeout, List.of("machine", "stop", "--name", name)));
    if (stop.termination() != ProcessResult.Termination.EXITED || stop.exitCode() != 0) {
      throw new ExecutionException("smolvm machine stop failed before /out was collected (exit " + stop.exitCode() + "): "
          + errors(stop) + "; the outputs were not collected");
    }
    collectOutputs(guestOut, spec.outputsDir(), anomalies);
    OutputFiles files = OutputFiles.collect(spec.outputsDir(), spec.limits().outputs());
    anomalies.addAll(files.anomalies());
    List<LimitEnforcement> limits = new ArrayList<>(List.of(
        new LimitEnforcement("cpu", spec.limits().cpu(), "smolvm --cpus (microVM vCPUs)"),
        new LimitEnforcement("memory_mb", spec.limits().memoryMb(), "smolvm --mem (microVM memory)"),
        new LimitEnforcement("time_sec", spec.limits().time().toSeconds(),
            "smolvm machine exec --timeout, backed by threegate's deadline of +" + gracePeriod.toMillis() + " ms"),
        new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(), "threegate, reading smolvm's output streams"),
        new LimitEnforcement("disk_gib", storageGib, "smolvm --storage (microVM disk)")));
    limits.addAll(files.limits());
    return ExecutionResult.builder()
        .status(status)
        .exitCode(exitCode)
        .runtime(run.runtime())
        .stdout(stdout)
        .stderr(stderr)
        .artifacts(files.artifacts())
        .backend(backend)
        .limits(limits)
        .network(NetworkEnforcement.BACKEND)
        .networkDestinations(denied)
        .anomalies(anomalies)
        .build();
  }

  /**
   * smolvm's own error of an exit 1: stdout is empty and the whole stderr, after smolvm's progress
   * lines, is a single {@code Error: } line. A guest can print exactly that too.
   */
  static Optional<String> smolvmError(ProcessResult run) {
    if (run.stdout().bytes() != 0 || run.stderr().truncated() || run.stderr().head().length < run.stderr().bytes()) {
      return Optional.empty();
    }
    List<String> lines = text(run.stderr()).lines()
        .map(l -> l.replaceAll("^.*\r", ""))
        .filter(l -> !l.isBlank() && !PROGRESS_LINE.matcher(l).matches())
        .toList();
    return lines.size() == 1 && lines.get(0).startsWith("Error: ") ? Optional.of(lines.get(0)) : Optional.empty();
  }

  /** Whether the machine still runs a command: tells a guest's exit 1 from smolvm's. */
  private boolean machineResponds(Path scratch, String name) {
    try {
      ProcessResult probe = runner.run(cli(scratch, cleanTimeout, List.of("machine", "exec", "--name", name, "--", "true")));
      return probe.termination() == ProcessResult.Termination.EXITED && probe.exitCode() == 0;
    } catch (ExecutionException e) {
      return false;
    }
  }

  private List<NetworkDestination> egressEvents(Path scratch, String name, List<String> anomalies) {
    ProcessResult events;
    try {
      events = runner.run(cli(scratch, cleanTimeout, List.of("machine", "egress-events", "--name", name, "--json")));
    } catch (ExecutionException e) {
      anomalies.add("smolvm machine egress-events failed: " + e.getMessage() + "; denied connections are unknown");
      return List.of();
    }
    if (events.exitCode() != 0) {
      anomalies.add("smolvm machine egress-events failed: " + errors(events) + "; denied connections are unknown");
      return List.of();
    }
    return destinations(text(events.stdout()), clock.instant());
  }

  /** The denials of {@code machine egress-events --json}, one destination per address and port. */
  static List<NetworkDestination> destinations(String json, Instant fallback) {
    Map<String, NetworkDestination> byDest = new LinkedHashMap<>();
    Matcher objects = EVENT.matcher(json);
    while (objects.find()) {
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher field = FIELD.matcher(objects.group());
      while (field.find()) {
        fields.put(field.group(1), field.group(2));
      }
      String operation = fields.getOrDefault("operation", "connect");
      Optional<HostPort> dest = Optional.ofNullable(fields.get("dest"))
          .flatMap(d -> operation.equals("resolve") ? HostPort.name(d) : HostPort.address(d));
      if (dest.isEmpty()) {
        continue;
      }
      Instant seen = fallback;
      try {
        String ts = fields.getOrDefault("timestamp", "");
        if (!ts.isEmpty()) {
          seen = Instant.parse(ts);
        }
      } catch (DateTimeParseException e) {
        // the VMM wrote no parseable time: the moment the gate read the events stands in
      }
      String key = dest.get().host() + ":" + dest.get().port().orElse(0);
      NetworkDestination before = byDest.get(key);
      if (before == null) {
        byDest.put(key, NetworkDestination.builder()
            .host(dest.get().host())
            .port(dest.get().port().orElse(0))
            .allowed(false)
            .reason(operation.equals("resolve") ? "name refused by smolvm's DNS filter (resolve; port 53 inferred)"
                : "refused by smolvm's egress policy (" + operation + ")")
            .firstSeen(seen)
            .build());
      } else {
        byDest.put(key, before.newBuilder()
            .attempts(before.attempts() + 1)
            .firstSeen(seen.isBefore(before.firstSeen()) ? seen : before.firstSeen())
            .build());
      }
    }
    return List.copyOf(byDest.values());
  }

  private void call(Path scratch, Duration timeout, String step, List<String> arguments) {
    ProcessResult result = runner.run(cli(scratch, timeout, arguments));
    if (result.termination() == ProcessResult.Termination.TIMED_OUT) {
      throw new ExecutionException("smolvm machine " + step + " did not return within " + timeout.toMillis() + " ms and was killed");
    }
    if (result.exitCode() != 0) {
      throw new ExecutionException("smolvm machine " + step + " failed (exit " + result.exitCode() + "): " + errors(result));
    }
  }

  private ProcessSpec cli(Path scratch, Duration timeout, List<String> arguments) {
    // create/start/stop/delete: smolvm's start leaves the VM (_boot-vm, in its own process group,
    // its stdio on a log) running when it returns; it must not be killed as a leftover
    String step = arguments.size() > 1 ? arguments.get(1) : "";
    boolean lifecycle = Set.of("create", "start", "stop", "delete").contains(step);
    String id = UUID.randomUUID().toString().substring(0, 8);
    return ProcessSpec.builder()
        .command(command(arguments))
        .workingDirectory(scratch)
        .environment(environment())
        .timeout(timeout)
        .stdoutFile(scratch.resolve("smolvm-" + id + ".out"))
        .stderrFile(scratch.resolve("smolvm-" + id + ".err"))
        .maxOutputBytes(CLI_OUTPUT_CAP)
        .keepDescendants(lifecycle)
        .build();
  }

  private List<String> command(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(smolvm);
    command.addAll(arguments);
    return command;
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : List.of("PATH", "HOME", "LANG", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME", "SMOLVM_DATA_DIR")) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(environment);
    return env;
  }

  private static Duration within(Duration timeout, long deadline) {
    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeout.toNanos(), left)));
  }

  private static String errors(ProcessResult result) {
    String err = text(result.stderr()).strip();
    return err.isEmpty() ? text(result.stdout()).strip() : err;
  }

  private static String text(CapturedStream stream) {
    return new String(stream.head(), StandardCharsets.UTF_8);
  }

  /** The end of a captured stream (its file), where smolvm appends its timeout line. */
  private static String tail(CapturedStream stream) {
    try (var file = java.nio.channels.FileChannel.open(stream.file())) {
      long size = file.size();
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size, 256));
      file.read(buffer, size - buffer.capacity());
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return text(stream);
    }
  }

  /** A {@code docker save} tar, a rootfs directory, or {@code -}: an image smolvm does not pull. */
  private static boolean isLocalImage(String image) {
    return image.startsWith("/") || image.startsWith("./") || image.startsWith("../") || image.endsWith(".tar")
        || image.equals("-");
  }

  private static String clip(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static void copyInputs(Path from, Path to) throws IOException {
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(file, to.resolve(file.getFileName().toString()), LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /**
   * Moves the regular files the guest left in {@code /out} into the run's outputs directory, where
   * {@link OutputFiles#collect} applies the budget; links and special files are named, not moved.
   */
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
        if (attrs.isRegularFile() && (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS) == 1) {
          Files.move(file, outputsDir.resolve(relative.toString()));
        } else {
          anomalies.add("/out/" + relative + ": a link or special file, not collected");
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static long treeSize(Path dir) {
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          total[0] += attrs.size();
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return total[0];
    }
    return total[0];
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory; the system cleans it
    }
  }

  /** The name or address an allowlist entry gives {@code --allow-host}: {@code host}, {@code host:port}, {@code [v6]:port}. */
  static String allowHost(String entry) {
    return HostPort.parse(entry).host();
  }

  /** A host with an optional port: an allowlist entry or an egress event's destination. */
  private record HostPort(String host, Optional<Integer> port) {
    static HostPort parse(String entry) {
      String e = entry.strip();
      if (e.startsWith("[") && e.contains("]")) {
        String host = e.substring(1, e.indexOf(']'));
        String rest = e.substring(e.indexOf(']') + 1);
        return new HostPort(host, rest.matches(":[0-9]{1,5}") ? Optional.of(Integer.parseInt(rest.substring(1))) : Optional.empty());
      }
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon && e.substring(colon + 1).matches("[0-9]{1,5}")) {
        return new HostPort(e.substring(0, colon), Optional.of(Integer.parseInt(e.substring(colon + 1))));
      }
      return new HostPort(e, Optional.empty());
    }

    /** A name smolvm's DNS filter refused, recorded on port 53. */
    static Optional<HostPort> name(String dest) {
      String d = dest.strip();
      return d.isEmpty() ? Optional.empty() : Optional.of(new HostPort(d, Optional.of(53)));
    }

    /** {@code ip:port} or {@code [v6]:port}, with a port from 1 to 65535. */
    static Optional<HostPort> address(String dest) {
      String d = dest.strip();
      int colon = d.lastIndexOf(':');
      if (colon <= 0 || !d.substring(colon + 1).matches("[0-9]{1,5}")) {
        return Optional.empty();
      }
      int port = Integer.parseInt(d.substring(colon + 1));
      String host = d.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return port < 1 || port > 65_535 || host.isEmpty() ? Optional.empty() : Optional.of(new HostPort(host, Optional.of(port)));
    }
  }

  /** The version smolvm reports and the SHA-256 of its binary. */
  private record Probe(String version, int[] numbers, String sha256) {}

  private static Probe probe(String smolvm, Map<String, String> env, Duration timeout) {
    Path binary = resolve(smolvm, env);
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("threegate-smolvm-probe-");
      ProcessResult result = ProcessRunner.standard().run(ProcessSpec.builder()
          .command(List.of(binary.toString(), "--version"))
          .workingDirectory(scratch)
          .environment(env)
          .timeout(timeout)
          .stdoutFile(scratch.resolve("out"))
          .stderrFile(scratch.resolve("err"))
          .maxOutputBytes(64 * 1024)
          .build());
      String out = text(result.stdout()).strip();
      Matcher reported = REPORTED_VERSION.matcher(out);
      Matcher m = VERSION.matcher(reported.find() ? reported.group(1) : "");
      if (result.exitCode() != 0 || !m.find()) {
        throw new ExecutionException("smolvm --version did not report a version (exit " + result.exitCode() + "): "
            + clip(out + " " + text(result.stderr()).strip()));
      }
      int[] numbers = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
      // The smolvm on the PATH of a release is a launcher script that execs smolvm-bin beside it.
      Path real = binary.toRealPath();
      Path bin = real.resolveSibling("smolvm-bin");
      String hash = Files.isRegularFile(bin) ? "smolvm-bin sha256:" + sha256(bin) : "sha256:" + sha256(real);
      return new Probe(m.group(), numbers, hash);
    } catch (IOException e) {
      throw new ExecutionException("cannot probe smolvm at " + binary + ": " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  private static Path resolve(String program, Map<String, String> env) {
    if (program.contains("/")) {
      return Path.of(program);
    }
    for (String dir : env.getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Path.of(dir, program);
      }
    }
    throw new ExecutionException("smolvm is not on the PATH: install smolvm or give its path");
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean atLeast(int[] version, String minimum) {
    Matcher m = VERSION.matcher(minimum);
    if (!m.find()) {
      throw new IllegalArgumentException(minimum);
    }
    for (int i = 0; i < 3; i++) {
      int want = Integer.parseInt(m.group(i + 1));
      if (version[i] != want) {
        return version[i] > want;
      }
    }
    return true;
  }

  /**
   * Builds a {@link SmolvmExecutor}. Defaults: {@code smolvm} found on the {@code PATH}; image {@code
   * python:3.12-slim} running Python (a registry image: for {@code network: none} give a local one);
   * smolvm's own data directory; 2 GiB of storage; a grace period of 10 s past the time limit
   * (smolvm's host waits 5 s past {@code --timeout}); 3 minutes for create and start (an image pull happens there), 1 minute
   * for each cleanup call; the version probed with {@code smolvm --version} when the executor is built.
   */
  public static final class Builder {
    private String smolvm = "smolvm";
    private String image = "python:3.12-slim";
    private Set<Language> languages = EnumSet.of(Language.PYTHON);
    private long storageGib = 2;
    private Duration gracePeriod = Duration.ofSeconds(10);
    private Duration startTimeout = Duration.ofMinutes(3);
    private Duration cleanTimeout = Duration.ofMinutes(1);
    private long smolvmOutputCap = SMOLVM_OUTPUT_CAP;
    private Clock clock = Clock.systemUTC();
    private boolean probe = true;
    private String version = "unknown";
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the smolvm executable.
     *
     * @param value its path
     * @return this builder
     */
    public Builder smolvm(Path value) {
      smolvm = Objects.requireNonNull(value, "smolvm").toString();
      return this;
    }

    /**
     * Sets the image every machine boots and the languages it runs.
     *
     * @param value an image reference smolvm can pull, such as {@code python:3.12-slim}
     * @param runs the languages the image provides (at least one)
     * @return this builder
     */
    public Builder image(String value, Language... runs) {
      if (Objects.requireNonNull(value, "image").isBlank() || runs.length == 0) {
        throw new IllegalArgumentException("an image and at least one language are required");
      }
      image = value;
      languages = EnumSet.copyOf(List.of(runs));
      return this;
    }

    /**
     * Sets {@code SMOLVM_DATA_DIR}: where smolvm keeps its machines, apart from other users of smolvm.
     * One data directory belongs to one gate: {@link SmolvmExecutor#sweepStale()} deletes the
     * threegate machines in it that this process is not using.
     *
     * @param value the directory
     * @return this builder
     */
    public Builder dataDirectory(Path value) {
      return environment("SMOLVM_DATA_DIR", Objects.requireNonNull(value, "dataDirectory").toAbsolutePath().toString());
    }

    /**
     * Sets the machine's disk ({@code --storage}): what the tool writes inside the guest runs out
     * there. It does not bound {@code /out}, a host directory mounted into the guest; threegate's
     * collector bounds that (the run's {@code /out} budget).
     *
     * @param gib at least 1
     * @return this builder
     */
    public Builder storageGib(long gib) {
      if (gib < 1) {
        throw new IllegalArgumentException("storageGib must be at least 1: " + gib);
      }
      storageGib = gib;
      return this;
    }

    /**
     * Sets how long past the time limit {@code machine exec} may take before threegate kills it.
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
     * Sets how long {@code machine create} and {@code machine start} may take together with the
     * run (each at most this long); a call that runs out is killed and the machine deleted.
     *
     * @param value positive
     * @return this builder
     */
    public Builder startTimeout(Duration value) {
      startTimeout = positive(value, "startTimeout");
      return this;
    }

    /**
     * Sets how long each cleanup call ({@code stop}, {@code delete}, {@code egress-events}, the
     * exit-1 probe) may take.
     *
     * @param value positive
     * @return this builder
     */
    public Builder cleanTimeout(Duration value) {
      cleanTimeout = positive(value, "cleanTimeout");
      return this;
    }

    /**
     * Sets the size at which smolvm cuts each buffered stream; a stream that reaches it is recorded
     * as cut ({@code output_limit}). For simulators; smolvm's is {@link #SMOLVM_OUTPUT_CAP}.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder smolvmOutputCap(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("smolvmOutputCap must be positive: " + bytes);
      }
      smolvmOutputCap = bytes;
      return this;
    }

    /**
     * Sets the clock that dates egress denials smolvm logged without a time.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets whether {@link #build()} runs {@code smolvm --version} and hashes the binary (on by
     * default). Off, the version is {@link #version(String)}'s and the allowlist is not offered.
     *
     * @param value whether to probe
     * @return this builder
     */
    public Builder probe(boolean value) {
      probe = value;
      return this;
    }

    /**
     * Sets the version recorded when the probe is off.
     *
     * @param value the version
     * @return this builder
     */
    public Builder version(String value) {
      version = Objects.requireNonNull(value, "version");
      return this;
    }

    /**
     * Adds a variable to smolvm's environment, which is otherwise {@code PATH}, {@code HOME}, {@code
     * LANG}, {@code SMOLVM_DATA_DIR} and the {@code XDG_*} directories of this process.
     *
     * @param name the variable
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for a variable that lowers smolvm's egress floor
     */
    public Builder environment(String name, String value) {
      if (FLOOR_VARIABLES.contains(name)) {
        throw new IllegalArgumentException(name + " lowers smolvm's egress floor and is never passed to it");
      }
      environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * Builds the executor, probing smolvm unless the probe is off.
     *
     * @return the executor
     * @throws ExecutionException if smolvm cannot be found or does not report a version
     */
    public SmolvmExecutor build() {
      if (!probe) {
        return new SmolvmExecutor(this, version, false);
      }
      Map<String, String> env = new LinkedHashMap<>();
      Optional.ofNullable(System.getenv("PATH")).ifPresent(p -> env.put("PATH", p));
      Optional.ofNullable(System.getenv("HOME")).ifPresent(p -> env.put("HOME", p));
      env.putAll(environment);
      Probe found = SmolvmExecutor.probe(smolvm, env, cleanTimeout);
      return new SmolvmExecutor(this, found.version() + " " + found.sha256(),
          atLeast(found.numbers(), ALLOWLIST_MIN_VERSION));
    }
  }

}
