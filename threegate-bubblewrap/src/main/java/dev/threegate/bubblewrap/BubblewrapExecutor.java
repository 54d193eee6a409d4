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
package dev.threegate.bubblewrap;

import dev.threegate.bubblewrap.internal.Cgroup;
import dev.threegate.bubblewrap.internal.EgressProxy;
import dev.threegate.bubblewrap.internal.EgressRules;
import dev.threegate.bubblewrap.internal.HostUser;
import dev.threegate.bubblewrap.internal.SandboxStatus;
import dev.threegate.bubblewrap.internal.SeccompFilter;
import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.exec.OutputFiles;
import dev.threegate.process.ProcessResult;
import dev.threegate.process.ProcessRunner;
import dev.threegate.process.ProcessSpec;
import dev.threegate.request.Backend;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.Language;
import dev.threegate.request.NetworkMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs Tool Requests in a bubblewrap namespace sandbox on any Linux host (trusted computing base).
 * Weaker than a microVM: the tool shares the host's kernel. Results say so ({@code isolation
 * namespace}).
 *
 * <p>The sandbox: new user, PID, network, IPC, UTS and cgroup namespaces ({@code --unshare-all
 * --unshare-user}), with no further user namespace possible inside ({@code --disable-userns});
 * only {@code /usr} (read-only, with the usual {@code /bin}, {@code /lib} links), {@code /in}
 * (read-only, the staged inputs), {@code /out} (writable), {@code /tmp} and {@code /dev/shm} (tmpfs
 * of bounded size, charged to the memory cgroup where there is one), {@code /proc} and a minimal
 * {@code /dev}; {@code /} and {@code /dev} read-only; a cleared environment; all capabilities
 * dropped; a seccomp filter ({@code EPERM} for mount, namespaces, ptrace, the keyring, bpf, perf,
 * modules, kexec, reboot and others, x86_64 and aarch64); uid and gid 65534 inside; {@code
 * --die-with-parent} and a new session. bwrap's options reach it through a file descriptor, so
 * no host path shows inside. The network namespace has only a loopback interface: results record
 * {@code host_namespace}.
 *
 * <p>A {@code network: allowlist} run keeps that namespace; its only way out is an egress proxy in
 * this JVM, one per run, on a Unix socket bind-mounted read-only at {@code /run/threegate}, which
 * {@code socat} (started in the sandbox before the tool) exposes at {@code 127.0.0.1:3128}; the
 * proxy variables ({@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and their lower-case
 * forms) point there. The proxy lets through {@code CONNECT}, SOCKS5 and plain HTTP to the allowlisted
 * names only, refuses non-public addresses (see {@link Egress}) and records every destination:
 * results record {@code proxy_allowlist} and the destinations. A client that ignores the proxy
 * variables has no network. Without socat under {@code /usr} the backend does not claim the
 * capability.
 *
 * <p>The command runs without a shell, as exactly the argv of {@link ExecutionSpec#command()}
 * that the policy judged; a bare program name is looked up under {@code /usr}, and {@code
 * python} means {@code python3}. Limits: memory, processes and CPU bandwidth through a fresh
 * cgroup (v2 or v1, detected at run time), CPU time and file size through rlimits ({@code
 * ulimit}), wall time through the process runner's deadline, which kills the sandbox; output
 * through the capture cap. Without a cgroup, memory is bounded per process ({@code RLIMIT_AS}) and
 * processes, for a gate that is not root, by {@code RLIMIT_NPROC}. A limit that could not be
 * enforced is recorded as {@code NOT enforced}; with {@link Builder#requireCgroup(boolean)} a host
 * without writable cgroups fails instead, and with {@link Builder#requireEnforcedLimits(boolean)}
 * any limit that nothing can enforce stops the run before it starts.
 *
 * <p>The sandbox reports its own failures (the prelude's, bwrap's) in files of the run's scratch
 * directory, never on the tool's stdout, stderr or exit code: whatever the tool writes or exits
 * with ends in a result; a sandbox that could not start the tool throws {@link
 * ExecutionException}.
 *
 * <p>Immutable once built, and building starts no process: what {@link #backend()} describes is
 * found out once, on first use. {@link #execute} may be called from several threads.
 */
public final class BubblewrapExecutor implements Executor {
  /** The uid and gid the tool runs as inside the sandbox. */
  public static final int SANDBOX_UID = 65534;

  private static final Path BWRAP = Path.of("/usr/bin/bwrap");
  private static final Path SH = Path.of("/bin/sh");
  private static final List<Path> PROGRAM_DIRS = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/usr/sbin"));
  /**
   * Run by {@code /bin/sh} before bwrap, in the process that becomes the sandbox: open its error
   * file (first argument) as fd 6 and, for an allowlist run, the egress bridge's error file (fifth
   * argument, empty otherwise) as fd 7, which bwrap passes on to the bridge; leave the run directory
   * (so no host path stays in bwrap's environment or working directory), join the cgroup (the files
   * after the fifth argument and before {@code --}), set the rlimits ({@code ulimit} arguments before
   * the second {@code --}; {@code -u}, processes, is {@code -p} in dash), then exec bwrap with bwrap's
   * JSON status file (second argument) as fd 3, its options file (third) as fd 4 and the seccomp
   * program (fourth) as fd 5. A failure is written to the error file, never to the tool's stdout or
   * stderr.
   */
  private static final String PRELUDE =
      "e=$1; j=$2; a=$3; f=$4; b=$5; shift 5; exec 6>>\"$e\" || exit 125; "
          + "if [ -n \"$b\" ]; then exec 7>>\"$b\" || { echo \"cannot open $b\" >&6; exit 125; }; fi; "
          + "cd / 2>&6 || exit 125; unset PWD OLDPWD; "
          + "while [ \"$1\" != -- ]; do echo $$ 2>&6 > \"$1\" || { echo \"cannot join $1\" >&6; exit 125; }; shift; done; shift; "
          + "while [ \"$1\" != -- ]; do if [ \"$1\" = -u ]; then ulimit -u \"$2\" 2>/dev/null || ulimit -p \"$2\" 2>&6; "
          + "else ulimit \"$1\" \"$2\" 2>&6; fi || { echo \"cannot set ulimit $1 $2\" >&6; exit 125; }; shift 2; done; "
          + "shift; { exec 3>\"$j\" 4<\"$a\" 5<\"$f\"; } 2>&6 || { echo \"cannot open the sandbox's files\" >&6; exit 125; }; "
          + "exec \"$@\" 6>&-";
  /** Where the egress proxy's socket appears inside the sandbox, and the bridge's port there. */
  private static final String SANDBOX_EGRESS_DIR = "/run/threegate";
  private static final int BRIDGE_PORT = 3128;
  private static final String BRIDGE_FAILURE = "threegate-bridge:";
  private static final String PROGRAM_MISSING = "threegate-program:";
  /**
   * Run by {@code /usr/bin/sh} inside the sandbox for an allowlist run, as the sandbox's first
   * process: report on fd 7 a program that does not exist (as bwrap would); start socat (first
   * argument) listening on 127.0.0.1:3128 of the sandbox's own network namespace, forwarding each
   * connection to the egress proxy's socket; wait until the listening socket shows in {@code
   * /proc/net/tcp} (the real readiness, not a delay), or report on fd 7 that it never did; close
   * fd 7 and exec the tool with exactly its argv.
   */
  private static final String BRIDGE =
      "s=$1; shift; "
          + "case $1 in */*) [ -f \"$1\" ] && [ -x \"$1\" ];; *) command -v \"$1\" >/dev/null 2>&1;; esac "
          + "|| { echo \"" + PROGRAM_MISSING + " $1: not found\" >&7; exit 127; }; "
          + "\"$s\" TCP-LISTEN:" + BRIDGE_PORT + ",bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:" + SANDBOX_EGRESS_DIR + "/egress.sock "
          + "</dev/null >/dev/null 2>&1 7>&- & p=$!; i=0; "
          + "until grep -q '^ *[0-9]*: 0100007F:" + String.format("%04X", BRIDGE_PORT) + " 00000000:0000 0A' /proc/net/tcp "
          + "2>/dev/null; do i=$((i+1)); if [ $i -gt 3000 ] || ! kill -0 $p 2>/dev/null; then "
          + "echo '" + BRIDGE_FAILURE + " socat did not listen on 127.0.0.1:" + BRIDGE_PORT + "' >&7; exit 125; fi; "
          + "sleep 0.01; done; exec 7>&-; exec \"$@\"";
  /** The longest Unix socket path the proxy binds (sun_path holds 108 bytes). */
  private static final int MAX_SOCKET_PATH = 100;
  /** The most a run's {@code /dev/shm} may hold (it is also never more than the memory limit). */
  private static final long MAX_SHM_BYTES = 64L << 20;
  private static final String ENFORCEMENT_CONDITIONS =
      "memory, processes and cpu need a writable cgroup (v2, or v1 memory, pids and cpu); without one, processes is "
          + "enforced by RLIMIT_NPROC only for a non-root gate, memory only per process by RLIMIT_AS, cpu not at all; "
          + "the seccomp filter needs x86_64 or aarch64";

  private final Path bwrap;
  private final long maxProcesses;
  private final long maxFileBytes;
  private final boolean requireCgroup;
  private final boolean requireEnforcedLimits;
  private final Egress egress;
  private final Optional<Path> socat;
  private final Clock clock;
  private final Optional<SeccompFilter> seccomp = SeccompFilter.forHost();
  private final ProcessRunner runner = ProcessRunner.standard();
  /** What {@link #backend()} describes, found out on first use: it runs bwrap and creates a cgroup. */
  private volatile BackendInfo backend;

  private BubblewrapExecutor(Builder b) {
    this.bwrap = b.bwrap;
    this.maxProcesses = b.maxProcesses;
    this.maxFileBytes = b.maxFileBytes;
    this.requireCgroup = b.requireCgroup;
    this.requireEnforcedLimits = b.requireEnforcedLimits;
    this.egress = b.egress;
    this.socat = b.socat;
    this.clock = b.clock;
  }

  /**
   * Whether this host lets a run enforce every limit: a cgroup with memory, pids and CPU bandwidth
   * can be created (one is created and removed to find out), and a seccomp filter exists for this
   * architecture. A run checks again, with {@link Builder#requireEnforcedLimits(boolean)}.
   */
  private boolean enforcesAllLimits() {
    if (seccomp.isEmpty()) {
      return false;
    }
    Optional<Cgroup> probe = Cgroup.create(64L << 20, 8, 1);
    try {
      return probe.isPresent() && probe.get().memoryMechanism().isPresent() && probe.get().pidsMechanism().isPresent()
          && probe.get().cpuMechanism().isPresent();
    } finally {
      probe.ifPresent(Cgroup::close);
    }
  }

  /**
   * A builder. Defaults: {@code /usr/bin/bwrap}; at most 256 processes; files of at most 1 GiB;
   * limits recorded as not enforced where cgroups are not writable.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether bubblewrap can run a sandbox on this host, and if not, why and what to do.
   *
   * @return the answer
   */
  public static Availability probe() {
    return probe(BWRAP);
  }

  static Availability probe(Path bwrap) {
    if (!Files.isExecutable(bwrap)) {
      return new Availability(false, "bubblewrap is not installed (" + bwrap + " is missing): install it with 'apt-get install -y bubblewrap'");
    }
    try {
      List<String> command =
          new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"));
      command.addAll(rootfs());
      command.addAll(List.of("--size", "65536", "--tmpfs", "/tmp"));
      command.addAll(List.of("--", "/usr/bin/true"));
      Brief result = runBriefly(command);
      return result.exitCode() == 0 ? new Availability(true, "bubblewrap works") : new Availability(false, explain(result.stderr()));
    } catch (IOException | ExecutionException e) {
      return new Availability(false, "bubblewrap cannot start: " + e.getMessage());
    }
  }

  /**
   * Whether the sandbox works here.
   *
   * @param available whether bubblewrap can run a sandbox
   * @param message why not and what to do, or a confirmation
   */
  public record Availability(boolean available, String message) {
    /**
     * Checks the message.
     *
     * @param available whether it works
     * @param message the message
     */
    public Availability {
      Objects.requireNonNull(message, "message");
    }
  }

  private static String explain(String bwrapError) {
    if (bwrapError.contains("setting up uid map") || bwrapError.contains("No permissions to create")
        || bwrapError.contains("Creating new namespace failed")) {
      return "bubblewrap cannot create user namespaces here (" + bwrapError + "): on Ubuntu 23.10 and later allow them with "
          + "'sysctl kernel.apparmor_restrict_unprivileged_userns=0' (or an AppArmor profile for bwrap); elsewhere check "
          + "'sysctl kernel.unprivileged_userns_clone=1' and user.max_user_namespaces";
    }
    if (bwrapError.contains("Unknown option")) {
      return "bubblewrap is too old (" + bwrapError + "): the sandbox needs bubblewrap 0.8.0 or later (--disable-userns, --size)";
    }
    return "bubblewrap failed: " + bwrapError;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Found out on the first call (or the first run), once, and kept: bwrap's version ({@code bwrap
   * --version}), the installed languages, and whether this host enforces every limit (a cgroup is
   * created and removed to find out). Building the executor starts no process.
   */
  @Override
  public BackendInfo backend() {
    BackendInfo known = backend;
    if (known == null) {
      synchronized (this) {
        known = backend;
        if (known == null) {
          known = BackendInfo.builder()
              .name("bubblewrap")
              .version(version(bwrap))
              .capabilities(Capabilities.builder(Isolation.NAMESPACE)
                  .languages(installedLanguages())
                  .maxCommandBytes(128 * 1024)
                  .fileInputs(true)
                  .fileOutputs(true)
                  .enforcesAllLimits(enforcesAllLimits())
                  .networkAllowlist(socat().map(BubblewrapExecutor::egressBridgeWorks).orElse(false))
                  .build())
              .kind(Backend.BUBBLEWRAP)
              .build();
          backend = known;
        }
      }
    }
    return known;
  }

  @Override
  public ExecutionResult execute(ExecutionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    List<String> argv;
    try {
      argv = new ArrayList<>(spec.command().argv());
    } catch (CommandSyntaxException e) {
      throw new ExecutionException("the command has no argv: " + e.getMessage(), e);
    }
    argv.set(0, resolveProgram(argv.get(0), spec.request().language()));
    long memoryBytes = spec.limits().memoryMb() * 1024 * 1024;
    Optional<Cgroup> cgroup = Cgroup.create(memoryBytes, maxProcesses, spec.limits().cpu());
    if (cgroup.isEmpty() && requireCgroup) {
      throw new ExecutionException("no writable cgroup (v2 or v1) for the memory and process limits on this host");
    }
    if (requireEnforcedLimits) {
      List<String> unenforced = unenforced(spec, cgroup);
      if (!unenforced.isEmpty()) {
        cgroup.ifPresent(Cgroup::close);
        throw new ExecutionException("the run was not started: nothing on this host can enforce " + String.join(", ", unenforced)
            + " (" + ENFORCEMENT_CONDITIONS + ")");
      }
    }
    try {
      return run(spec, argv, cgroup, memoryBytes);
    } finally {
      cgroup.ifPresent(Cgroup::close);
    }
  }

  /**
   * The host side of an allowlist run's network: the proxy, the socat the run starts, the directory that holds its socket
   * (bind-mounted read-only at {@code /run/threegate}), the bridge's error file, and a short
   * directory of its own when the run directory's path is too long for a socket.
   */
  private record Bridge(EgressProxy proxy, Path socat, Path socketDir, Path errorFile, Optional<Path> ownDir)
      implements AutoCloseable {
    @Override
    public void close() {
      proxy.close();
      ownDir.ifPresent(dir -> {
        try {
          Files.deleteIfExists(dir.resolve("egress.sock"));
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a temporary directory left behind holds nothing
        }
      });
    }
  }

  private Bridge startBridge(ExecutionSpec spec) {
    Optional<Path> socat = socat();
    if (socat.isEmpty() || !egressBridgeWorks(socat.get())) {
      throw new ExecutionException("network: allowlist needs socat under /usr and Unix sockets (install the Debian package socat)");
    }
    EgressRules rules;
    try {
      rules = EgressRules.parse(spec.request().networkAllowlist());
    } catch (IllegalArgumentException e) {
      throw new ExecutionException("the network allowlist cannot be enforced: " + e.getMessage(), e);
    }
    Path scratch = spec.scratchDir().toAbsolutePath();
    Optional<Path> ownDir = Optional.empty();
    try {
      Path dir = scratch.resolve("egress");
      if (dir.resolve("egress.sock").toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
        dir = Files.createTempDirectory("tg-egress-");
        ownDir = Optional.of(dir);
      } else {
        Files.createDirectory(dir);
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Path errorFile = scratch.resolve("sandbox-bridge.err");
      Files.write(errorFile, new byte[0]);
      EgressProxy proxy = EgressProxy.start(dir.resolve("egress.sock"), rules, egress, clock);
      return new Bridge(proxy, socat.get(), dir, errorFile, ownDir);
    } catch (IOException | RuntimeException e) {
      ownDir.ifPresent(d -> d.toFile().delete());
      throw new ExecutionException("cannot start the egress proxy: " + e.getMessage(), e);
    }
  }

  /** The socat the builder named, else the first under {@code /usr}, looked up on each call. */
  private Optional<Path> socat() {
    return socat.or(() -> PROGRAM_DIRS.stream().map(d -> d.resolve("socat")).filter(Files::isExecutable).findFirst());
  }

  /**
   * Whether allowlist runs work here: socat is installed under {@code /usr} (the sandbox sees only
   * {@code /usr}) and a Unix socket can be bound in a temporary directory.
   */
  private static boolean egressBridgeWorks(Path socat) {
    if (!Files.isExecutable(socat) || !socat.normalize().startsWith("/usr/")) {
      return false;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tg-egress-probe-");
      try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
        channel.bind(java.net.UnixDomainSocketAddress.of(dir.resolve("s")));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir.resolve("s"));
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a temporary directory left behind holds nothing
        }
      }
    }
  }

  private ExecutionResult run(ExecutionSpec spec, List<String> argv, Optional<Cgroup> cgroup, long memoryBytes) {
    if (spec.request().network() != NetworkMode.ALLOWLIST) {
      return run(spec, argv, cgroup, memoryBytes, Optional.empty());
    }
    try (Bridge bridge = startBridge(spec)) {
      return run(spec, argv, cgroup, memoryBytes, Optional.of(bridge));
    }
  }

  private ExecutionResult run(ExecutionSpec spec, List<String> toolArgv, Optional<Cgroup> cgroup, long memoryBytes, Optional<Bridge> bridge) {
    List<String> argv = toolArgv;
    if (bridge.isPresent()) {
      argv = new ArrayList<>(List.of("/usr/bin/sh", "-c", BRIDGE, "threegate-egress", bridge.get().socat().toString()));
      argv.addAll(toolArgv);
    }
    long cpuSeconds = Math.max(1, spec.limits().time().toSeconds()) * Math.max(1, spec.limits().cpu());
    long fileBlocks = Math.max(1, maxFileBytes / 512);
    long tmpBytes = memoryBytes;
    long shmBytes = Math.min(memoryBytes, MAX_SHM_BYTES);
    Optional<Long> processRlimit = cgroup.isEmpty() && !HostUser.isRoot() ? Optional.of(HostUser.nprocLimit(maxProcesses)) : Optional.empty();
    Path scratch = spec.scratchDir();
    Path preludeFile = scratch.resolve("sandbox-prelude.err");
    Path jsonStatusFile = scratch.resolve("sandbox-status.json");
    Path argsFile = scratch.resolve("sandbox-args");
    Path seccompFile = scratch.resolve("sandbox-seccomp.bpf");

    List<String> options = new ArrayList<>(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session"));
    options.addAll(rootfs());
    options.addAll(List.of(
        "--size", Long.toString(shmBytes), "--tmpfs", "/dev/shm",
        "--size", Long.toString(tmpBytes), "--tmpfs", "/tmp",
        "--ro-bind", spec.inputsDir().toAbsolutePath().toString(), "/in",
        "--bind", spec.outputsDir().toAbsolutePath().toString(), "/out"));
    bridge.ifPresent(b -> options.addAll(List.of("--ro-bind", b.socketDir().toString(), SANDBOX_EGRESS_DIR)));
    options.addAll(List.of(
        "--remount-ro", "/dev",
        "--remount-ro", "/",
        "--chdir", "/out",
        "--clearenv",
        "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
        "--setenv", "HOME", "/out",
        "--setenv", "TMPDIR", "/tmp",
        "--setenv", "LANG", "C.UTF-8",
        "--cap-drop", "ALL",
        "--uid", Integer.toString(SANDBOX_UID),
        "--gid", Integer.toString(SANDBOX_UID),
        "--hostname", "sandbox"));
    if (bridge.isPresent()) {
      String proxyUrl = "http://127.0.0.1:" + BRIDGE_PORT;
      for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")) {
        options.addAll(List.of("--setenv", name, proxyUrl));
      }
      options.addAll(List.of("--setenv", "NO_PROXY", "", "--setenv", "no_proxy", ""));
    }
    try {
      Files.write(preludeFile, new byte[0]);
      Files.write(argsFile, nulSeparated(options));
      Files.write(seccompFile, seccomp.map(SeccompFilter::program).orElse(new byte[0]));
    } catch (IOException e) {
      throw new ExecutionException("cannot write the sandbox's setup files: " + e.getMessage(), e);
    }

    List<String> command = new ArrayList<>(List.of(SH.toString(), "-c", PRELUDE, "threegate-sandbox",
        preludeFile.toString(), jsonStatusFile.toString(), argsFile.toString(), seccompFile.toString(),
        bridge.map(b -> b.errorFile().toString()).orElse("")));
    cgroup.ifPresent(c -> c.procsFiles().forEach(p -> command.add(p.toString())));
    command.add("--");
    command.addAll(List.of("-t", Long.toString(cpuSeconds), "-f", Long.toString(fileBlocks)));
    if (cgroup.isEmpty()) {
      command.addAll(List.of("-v", Long.toString(Math.max(1, memoryBytes / 1024))));
    }
    processRlimit.ifPresent(n -> command.addAll(List.of("-u", Long.toString(n))));
    command.add("--");
    command.addAll(List.of(bwrap.toString(), "--args", "4", "--json-status-fd", "3"));
    if (seccomp.isPresent()) {
      command.addAll(List.of("--seccomp", "5"));
    }
    command.add("--");
    command.addAll(argv);

    ProcessResult process =
        runner.run(ProcessSpec.builder()
            .command(command)
            .workingDirectory(scratch)
            .environment(Map.of("PATH", "/usr/bin:/bin"))
            .timeout(spec.limits().time())
            .stdoutFile(scratch.resolve("stdout"))
            .stderrFile(scratch.resolve("stderr"))
            .maxOutputBytes(spec.limits().maxOutputBytes())
            .build());
    bridge.ifPresent(b -> b.proxy().close());
    Optional<String> bridgeProgramMissing = Optional.empty();
    if (bridge.isPresent()) {
      String bridgeError;
      try {
        bridgeError = Files.readString(bridge.get().errorFile(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ExecutionException("cannot read the egress bridge's status: " + e.getMessage(), e);
      }
      if (bridgeError.startsWith(PROGRAM_MISSING)) {
        bridgeProgramMissing = Optional.of("the program could not be started in the sandbox: "
            + EgressRules.printable(bridgeError.lines().findFirst().orElse("").substring(PROGRAM_MISSING.length()).strip(), 300));
      }
      if (bridgeError.startsWith(BRIDGE_FAILURE)) {
        throw new ExecutionException("the egress bridge did not start, the tool did not run: "
            + EgressRules.printable(bridgeError.lines().findFirst().orElse(""), 200));
      }
    }
    SandboxStatus sandbox;
    try {
      sandbox = SandboxStatus.read(preludeFile, jsonStatusFile);
    } catch (IOException e) {
      throw new ExecutionException("cannot read the sandbox's status: " + e.getMessage(), e);
    }
    boolean oom = cgroup.map(Cgroup::oomKilled).orElse(false);
    List<String> anomalies = new ArrayList<>(process.anomalies());
    if (!sandbox.preludeError().isEmpty()) {
      throw new ExecutionException("the sandbox could not be prepared (joining its cgroup, setting its rlimits or opening its "
          + "status files): " + sandbox.preludeError().lines().limit(5).collect(java.util.stream.Collectors.joining("; ")));
    }
    if (process.termination() == ProcessResult.Termination.EXITED && !sandbox.toolRan() && !oom) {
      // the tool never ran, so everything on stderr is bwrap's own
      String first = new String(process.stderr().head(), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (first.startsWith("bwrap: execvp")) {
        anomalies.add("the program could not be started in the sandbox: " + first);
      } else if (first.isEmpty()) {
        throw new ExecutionException("the sandbox ended (exit " + process.exitCode() + ") without starting the tool"
            + (sandbox.childStarted() ? "" : " or reporting its child"));
      } else {
        throw new ExecutionException(explain(first));
      }
    }
    if (oom) {
      anomalies.add("the memory limit of " + spec.limits().memoryMb() + " MiB was reached; the kernel killed the tool");
    }
    ExecutionStatus status =
        oom && process.termination() == ProcessResult.Termination.EXITED ? ExecutionStatus.KILLED : process.status();
    OutputFiles outputs;
    try {
      outputs = OutputFiles.collect(spec.outputsDir(), spec.limits().outputs());
    } catch (IOException e) {
      throw new ExecutionException("cannot collect /out: " + e.getMessage(), e);
    }
    anomalies.addAll(outputs.anomalies());
    bridgeProgramMissing.ifPresent(anomalies::add);
    bridge.ifPresent(b -> anomalies.addAll(b.proxy().anomalies()));
    if (bridge.isPresent() && egress.allowPrivateDestinations()) {
      anomalies.add("the egress proxy did NOT refuse private, loopback or link-local addresses in this run "
          + "(allow_private_destinations, a test setting)");
    }
    List<LimitEnforcement> limits = new ArrayList<>(plannedLimits(spec, cgroup, processRlimit));
    limits.addAll(outputs.limits());
    return ExecutionResult.builder()
        .status(status)
        .exitCode(process.exitCode())
        .runtime(process.runtime())
        .stdout(process.stdout())
        .stderr(process.stderr())
        .artifacts(outputs.artifacts())
        .backend(backend())
        .limits(limits)
        .network(bridge.isPresent() ? NetworkEnforcement.PROXY_ALLOWLIST : NetworkEnforcement.HOST_NAMESPACE)
        .networkDestinations(bridge.map(b -> b.proxy().destinations()).orElse(List.of()))
        .anomalies(anomalies)
        .build();
  }

  /**
   * Every limit of a run and what enforces it, {@code NOT enforced} where nothing does: what the
   * result records, and what {@link Builder#requireEnforcedLimits(boolean)} checks before a run.
   */
  private List<LimitEnforcement> plannedLimits(ExecutionSpec spec, Optional<Cgroup> cgroup, Optional<Long> processRlimit) {
    long memoryBytes = spec.limits().memoryMb() * 1024 * 1024;
    long cpuSeconds = Math.max(1, spec.limits().time().toSeconds()) * Math.max(1, spec.limits().cpu());
    boolean charged = cgroup.flatMap(Cgroup::memoryMechanism).isPresent();
    String charge = charged ? ", its pages charged to the memory cgroup" : ", not charged to RLIMIT_AS";
    List<LimitEnforcement> limits = new ArrayList<>();
    limits.add(enforcement("cpu", spec.limits().cpu(), cgroup.flatMap(Cgroup::cpuMechanism)));
    limits.add(enforcement("memory_mb", spec.limits().memoryMb(),
        cgroup.flatMap(Cgroup::memoryMechanism).or(() -> Optional.of("RLIMIT_AS (address space per process, ulimit -v)"))));
    limits.add(new LimitEnforcement("time_sec", spec.limits().time().toSeconds(), "threegate deadline (the sandbox is killed)"));
    limits.add(new LimitEnforcement("cpu_time_sec", cpuSeconds, "RLIMIT_CPU (ulimit -t)"));
    limits.add(enforcement("processes", maxProcesses, cgroup.flatMap(Cgroup::pidsMechanism).or(() -> processRlimit.map(n ->
        "RLIMIT_NPROC (ulimit -u " + n + ", counting every process and thread of host uid " + HostUser.uid() + ")"))));
    limits.add(new LimitEnforcement("file_size_bytes", Math.max(1, maxFileBytes / 512) * 512, "RLIMIT_FSIZE (ulimit -f)"));
    limits.add(new LimitEnforcement("tmp_bytes", memoryBytes, "tmpfs size on /tmp (bwrap --size)" + charge));
    limits.add(new LimitEnforcement("dev_shm_bytes", Math.min(memoryBytes, MAX_SHM_BYTES), "tmpfs size on /dev/shm (bwrap --size)" + charge));
    limits.add(new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(), "threegate capture cap (the run is stopped)"));
    limits.add(new LimitEnforcement("sandbox_uid", SANDBOX_UID, "bwrap --uid in a user namespace"));
    limits.add(new LimitEnforcement("nested_user_namespaces", 0, "bwrap --disable-userns"));
    limits.add(enforcement("seccomp_denied_syscalls", seccomp.map(SeccompFilter::deniedSyscalls).orElse(0),
        seccomp.map(f -> "seccomp filter (EPERM), " + f.arch() + ", bwrap --seccomp")));
    return limits;
  }

  private static byte[] nulSeparated(List<String> arguments) {
    StringBuilder out = new StringBuilder();
    for (String argument : arguments) {
      if (argument.indexOf('\0') >= 0) {
        throw new ExecutionException("a sandbox argument holds a NUL byte");
      }
      out.append(argument).append('\0');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private List<String> unenforced(ExecutionSpec spec, Optional<Cgroup> cgroup) {
    Optional<Long> processRlimit = cgroup.isEmpty() && !HostUser.isRoot() ? Optional.of(maxProcesses) : Optional.empty();
    return plannedLimits(spec, cgroup, processRlimit).stream().filter(l -> !l.enforced()).map(LimitEnforcement::limit).toList();
  }

  /**
   * Which of a run's limits this host can enforce now, without running anything: a fresh cgroup is
   * created and removed to find out. Every limit is listed; {@link LimitEnforcement#enforced()} is
   * false for those nothing could enforce.
   *
   * @param spec the run
   * @return the limits as the run would record them
   */
  public List<LimitEnforcement> enforceableLimits(ExecutionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Optional<Cgroup> cgroup = Cgroup.create(spec.limits().memoryMb() * 1024 * 1024, maxProcesses, spec.limits().cpu());
    try {
      Optional<Long> processRlimit = cgroup.isEmpty() && !HostUser.isRoot() ? Optional.of(maxProcesses) : Optional.empty();
      return plannedLimits(spec, cgroup, processRlimit);
    } finally {
      cgroup.ifPresent(Cgroup::close);
    }
  }

  private static LimitEnforcement enforcement(String limit, long value, Optional<String> mechanism) {
    return mechanism.map(m -> new LimitEnforcement(limit, value, m)).orElseGet(() -> LimitEnforcement.notEnforced(limit, value));
  }

  private static List<String> rootfs() {
    return List.of(
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/sbin", "/sbin",
        "--proc", "/proc",
        "--dev", "/dev");
  }

  /** A bare program name becomes its path under /usr; python means python3, node may be nodejs. */
  private static String resolveProgram(String program, Language language) {
    if (program.contains("/")) {
      return program;
    }
    List<String> names = new ArrayList<>(List.of(program));
    if (program.equals("python")) {
      names.add("python3");
    } else if (program.equals("node")) {
      names.add("nodejs");
    }
    for (String name : names) {
      for (Path dir : PROGRAM_DIRS) {
        Path candidate = dir.resolve(name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return program;
  }

  private static Set<Language> installedLanguages() {
    Set<Language> languages = EnumSet.noneOf(Language.class);
    Map<Language, List<String>> interpreters = Map.of(
        Language.PYTHON, List.of("python3", "python"),
        Language.NODE, List.of("node", "nodejs"),
        Language.RUBY, List.of("ruby"),
        Language.GO, List.of("go"));
    interpreters.forEach((language, names) -> {
      if (names.stream().anyMatch(n -> PROGRAM_DIRS.stream().anyMatch(d -> Files.isExecutable(d.resolve(n))))) {
        languages.add(language);
      }
    });
    return languages;
  }

  private static String version(Path bwrap) {
    try {
      String text = runBriefly(List.of(bwrap.toString(), "--version")).stdout();
      return text.isEmpty() ? "unknown" : text;
    } catch (IOException | ExecutionException e) {
      return "unknown";
    }
  }

  /** What a short helper command printed (its first 64 KiB) and how it exited. */
  private record Brief(int exitCode, String stdout, String stderr) {}

  /** Runs a short helper command in a temporary directory, removed afterwards. */
  private static Brief runBriefly(List<String> command) throws IOException {
    Path scratch = Files.createTempDirectory("threegate-bwrap-");
    try {
      ProcessResult result = ProcessRunner.standard().run(ProcessSpec.builder()
          .command(command)
          .workingDirectory(scratch)
          .environment(Map.of("PATH", "/usr/bin:/bin"))
          .timeout(Duration.ofSeconds(10))
          .stdoutFile(scratch.resolve("out"))
          .stderrFile(scratch.resolve("err"))
          .maxOutputBytes(64 * 1024)
          .build());
      return new Brief(result.exitCode(), new String(result.stdout().head(), StandardCharsets.UTF_8).strip(),
          new String(result.stderr().head(), StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(scratch.resolve("out"));
      Files.deleteIfExists(scratch.resolve("err"));
      Files.deleteIfExists(scratch);
    }
  }

  /** Builds a {@link BubblewrapExecutor}. */
  public static final class Builder {
    private Path bwrap = BWRAP;
    private long maxProcesses = 256;
    private long maxFileBytes = 1L << 30;
    private boolean requireCgroup;
    private boolean requireEnforcedLimits;
    private Egress egress = Egress.defaults();
    private Optional<Path> socat = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets how the egress proxy of {@code network: allowlist} runs resolves names, whether it may
     * reach private addresses (tests only) and its bounds. Default {@link Egress#defaults()}.
     *
     * @param value the egress configuration
     * @return this builder
     */
    public Builder egress(Egress value) {
      egress = Objects.requireNonNull(value, "egress");
      return this;
    }

    /**
     * Sets the socat executable that bridges the sandbox's {@code 127.0.0.1:3128} to the egress
     * proxy. It must be under {@code /usr}, the only host directory the sandbox sees; elsewhere (or
     * missing) the backend does not claim {@code network: allowlist}. Default: {@code socat} in
     * {@code /usr/local/bin}, {@code /usr/bin} or {@code /usr/sbin}.
     *
     * @param value its path
     * @return this builder
     */
    public Builder socat(Path value) {
      socat = Optional.of(Objects.requireNonNull(value, "socat"));
      return this;
    }

    /**
     * Sets the clock of the destinations' first-seen times. Default: the system clock, UTC.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the bwrap executable.
     *
     * @param value its path
     * @return this builder
     */
    public Builder bwrap(Path value) {
      bwrap = Objects.requireNonNull(value, "bwrap");
      return this;
    }

    /**
     * Sets the most processes the tool may have at once (cgroup {@code pids.max}; without a
     * cgroup, for a gate that is not root, {@code RLIMIT_NPROC} over the gate's uid).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxProcesses(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxProcesses must be positive: " + value);
      }
      maxProcesses = value;
      return this;
    }

    /**
     * Sets the largest file the tool may write ({@code RLIMIT_FSIZE}).
     *
     * @param value bytes, at least 1
     * @return this builder
     */
    public Builder maxFileBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive: " + value);
      }
      maxFileBytes = value;
      return this;
    }

    /**
     * Fails runs, instead of recording the limits as not enforced, where no cgroup is writable.
     *
     * @param value whether a cgroup is required
     * @return this builder
     */
    public Builder requireCgroup(boolean value) {
      requireCgroup = value;
      return this;
    }

    /**
     * Refuses to start a run, with an {@link ExecutionException} before anything runs, when any of
     * its limits (including the CPU bandwidth and the seccomp filter) could not be enforced on this
     * host, instead of recording it as {@code NOT enforced}. Default {@code false}.
     *
     * @param value whether every limit must be enforced
     * @return this builder
     */
    public Builder requireEnforcedLimits(boolean value) {
      requireEnforcedLimits = value;
      return this;
    }

    /**
     * Builds the executor. It starts no process and checks nothing on the host: whether bubblewrap
     * works is {@link #probe()}'s question, and what the backend can enforce is found out on the
     * first {@link #backend()} or run.
     *
     * @return the executor
     */
    public BubblewrapExecutor build() {
      return new BubblewrapExecutor(this);
    }
  }
}
