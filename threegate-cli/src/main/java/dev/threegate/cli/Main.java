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
package dev.threegate.cli;

import dev.threegate.Batch;
import dev.threegate.BatchReport;
import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.bubblewrap.BubblewrapExecutor;
import dev.threegate.bubblewrap.Egress;
import dev.threegate.cli.internal.ApprovalCommands;
import dev.threegate.cli.internal.Arguments;
import dev.threegate.cli.internal.CommandLineSpec;
import dev.threegate.cli.internal.InboxCommands;
import dev.threegate.cli.internal.Messages;
import dev.threegate.cli.internal.TopHelp;
import dev.threegate.cli.internal.Arguments.UsageException;
import dev.threegate.era.EraExecutor;
import dev.threegate.era.EraWrapperExecutor;
import dev.threegate.smolvm.SmolvmExecutor;
import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.policy.ApprovalMode;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyFormatException;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.trust.Approvers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ThreeGate TOOL-EXEC runner. Exit codes: 0 accepted or valid, 2 rejected or invalid, 3 runtime
 * error, 4 the tool failed (with {@code --fail-on-tool-failure}), 64 usage error. Messages on stderr begin with {@code ACCEPT:}, {@code REJECT:} or {@code ERROR:}; each
 * violation is one line, {@code ERROR: <code>: <message>}.
 */
public final class Main {
  private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(120);

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private volatile ToolExecPipeline active;
  private volatile EraExecutor era;
  private volatile SmolvmExecutor smolvmExecutor;
  private final ApprovalCommands.Confirmation confirmation;
  private final InboxCommands inbox;

  private Main(PrintStream out, PrintStream err, Map<String, String> environment, ApprovalCommands.Confirmation confirmation) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.confirmation = confirmation;
    this.inbox = new InboxCommands(out, err, new InboxCommands.Gate() {
      @Override
      public Policy policy(Arguments arguments) {
        return Main.this.policy(arguments);
      }

      @Override
      public Optional<BackendInfo> backend(Arguments arguments, Policy policy) {
        return backendInfo(arguments, policy);
      }

      @Override
      public ToolExecPipeline start(Arguments arguments, Policy policy, Path results) throws IOException {
        return Main.this.start(pipeline(arguments, Optional.empty(), policy), results);
      }
    }, confirmation);
  }

  /**
   * Runs the CLI and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Main main = new Main(System.out, System.err, System.getenv(), ApprovalCommands.Confirmation.console());
    // SIGTERM, SIGINT: running sandboxes are stopped (their process trees killed, ERA VMs
    // cleaned), claims released and run directories removed before the JVM ends.
    Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "threegate-shutdown"));
    System.exit(main.run(args));
  }

  private void stop() {
    inbox.stopWatching(); // watch: no request starts any more
    ToolExecPipeline gate = active;
    if (gate != null && !gate.shutdown(SHUTDOWN_WAIT)) {
      err.println("ERROR: requests still running after " + SHUTDOWN_WAIT.toSeconds() + " s; the next start sweeps what they leave");
    }
    try {
      if (!inbox.awaitWatchEnd(SHUTDOWN_WAIT)) { // the requests it ran settled: results published or left approved
        err.println("ERROR: watch did not end within " + SHUTDOWN_WAIT.toSeconds() + " s; the next start sweeps what it leaves");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the CLI in this process.
   *
   * @param args the command line
   * @param out where reports go
   * @param err where messages go
   * @param environment the environment ({@code PATH} is searched for ERA's agent)
   * @return the exit code: 0, 2, 3, 4 or 64
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    return new Main(out, err, environment, ApprovalCommands.Confirmation.NONE).run(args);
  }

  private int run(String[] args) {
    if (TopHelp.answer(args, version(), out)) {
      return CommandLineSpec.OK;
    }
    CommandLineSpec.Parsed parsed;
    try {
      parsed = CommandLineSpec.parse(version(), out, args);
    } catch (RuntimeException e) {
      err.println("ERROR: the command line cannot be read: " + Messages.plain(e) + " (see threegate --help)");
      return CommandLineSpec.USAGE;
    }
    if (parsed instanceof CommandLineSpec.Parsed.Done done) {
      return done.exitCode();
    }
    if (parsed instanceof CommandLineSpec.Parsed.Errors errors) {
      errors.errors().forEach(e -> err.println("ERROR: " + e));
      err.println("see " + errors.helpCommand());
      return CommandLineSpec.USAGE;
    }
    Arguments arguments = ((CommandLineSpec.Parsed.Command) parsed).arguments();
    try {
      return switch (arguments.command()) {
        case "run" -> runOne(arguments);
        case "run-dir" -> runDirectory(arguments);
        case "validate-request" -> validateRequest(arguments);
        case "validate-result" -> validateResults(arguments);
        case "review" -> approvals().review(Path.of(single(arguments, "review FILE")), judge(arguments));
        case "approve" -> {
          Policy policy = policy(arguments); // read once: the digest recorded is of the policy applied
          yield approvals().approve(Path.of(single(arguments, "approve FILE --key KEY --as NAME --sha256 DIGEST")),
              judge(arguments, policy), policy.sourceSha256(), arguments);
        }
        case "keygen" -> approvals().keygen(arguments);
        case "verify" -> approvals().verify(arguments);
        case "inbox init", "inbox list", "inbox review", "inbox approve", "inbox reject", "inbox status", "watch", "mcp" ->
            inbox.run(arguments);
        default -> throw new UsageException("unknown command " + arguments.command());
      };
    } catch (UsageException e) {
      err.println("ERROR: " + e.getMessage() + " (see threegate " + arguments.command() + " --help)");
      return CommandLineSpec.USAGE;
    } catch (PolicyFileException e) {
      err.println("ERROR: the policy file " + e.file + " " + e.getMessage());
      e.problems.forEach(this::violation);
      return 3;
    } catch (IOException | RuntimeException e) {
      err.println("ERROR: " + Messages.plain(e));
      return 3;
    }
  }

  private int runOne(Arguments arguments) throws IOException {
    Path request = arguments.requiredPath("--request");
    Path results = arguments.requiredPath("--results-dir");
    if (!Files.isRegularFile(request)) {
      err.println("ERROR: request file " + request + " does not exist or is not a file");
      return 3;
    }
    Optional<Path> inputs = arguments.path("--inputs-dir");
    checkInputsDirectory(inputs);
    checkResultsDirectory(results);
    ToolExecPipeline gate = start(pipeline(arguments, namedBackend(request)), results);
    Outcome outcome = inputs.isPresent() ? gate.run(request, inputs.get(), results) : gate.run(request, results);
    report(outcome);
    Path record = results.resolve(request.getFileName() + ".reject.txt");
    if (outcome instanceof Outcome.Rejected rejected) {
      writeRejectRecord(record, rejected);
    } else if (outcome instanceof Outcome.Accepted) {
      Files.deleteIfExists(record); // the request, fixed, now runs: an old record would mislead
    }
    if (arguments.has("--fail-on-tool-failure") && toolFailed(outcome)) {
      err.println("ERROR: the tool failed (" + ((Outcome.Accepted) outcome).execution().status().wireName()
          + "); exit code 4 (--fail-on-tool-failure)");
      return CommandLineSpec.TOOL_FAILED;
    }
    return outcome.exitCode();
  }

  private static boolean toolFailed(Outcome outcome) {
    return outcome instanceof Outcome.Accepted accepted && accepted.execution().status() != ExecutionStatus.COMPLETED;
  }

  /**
   * The reasons a request was rejected, beside its results, in the quarantine's format: a
   * {@code REJECT:} line, then {@code ERROR: <code> (<where>): <message>} per violation. Written
   * whole or not at all.
   */
  private void writeRejectRecord(Path record, Outcome.Rejected rejected) {
    try {
      Quarantine.writeReasons(record, record.getFileName().toString().replaceFirst("\\.reject\\.txt$", ""),
          rejected.violations());
      err.println("reasons written to " + record);
    } catch (IOException e) {
      err.println("ERROR: cannot write the reasons to " + record + ": " + Messages.plain(e));
    }
  }

  private int runDirectory(Arguments arguments) throws IOException {
    Path requests = arguments.requiredPath("--requests-dir");
    Path results = arguments.requiredPath("--results-dir");
    Path quarantine = arguments.requiredPath("--quarantine-dir");
    if (!Files.isDirectory(requests)) {
      throw new UsageException("the requests directory " + requests + " does not exist or is not a directory");
    }
    try (var files = Files.newDirectoryStream(requests, "TR-*.md")) {
      boolean any = false;
      for (Path f : files) {
        any |= Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      }
      if (!any) {
        err.println("ERROR: no Tool Request files (TR-*.md) in " + requests + "; nothing ran");
        return 3;
      }
    }
    checkInputsDirectory(arguments.path("--inputs-dir"));
    checkResultsDirectory(results);
    checkQuarantineDirectory(quarantine);
    int jobs = arguments.option("--jobs").map(Main::positiveInt).orElse(2 * Runtime.getRuntime().availableProcessors());
    Set<Backend> named = new java.util.TreeSet<>();
    try (var files = Files.list(requests)) {
      files.filter(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .forEach(f -> namedBackend(f).ifPresent(named::add));
    }
    if (named.size() > 1 && arguments.option("--backend").orElse("auto").equals("auto")) {
      err.println("ERROR: the requests in " + requests + " name different backends ("
          + String.join(", ", named.stream().map(Backend::wireName).toList())
          + "); run each backend's requests in a directory of their own, or choose one with --backend");
      return 3;
    }
    ToolExecPipeline gate = start(pipeline(arguments, named.stream().findFirst()), results);
    boolean terminal = System.console() != null;
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    Batch.Builder batch = Batch.builder(gate).requestsDir(requests).resultsDir(results)
        .quarantine(Quarantine.in(quarantine)).parallelism(jobs).progress(outcome -> {
          int n = done.incrementAndGet();
          if (terminal) {
            err.println("[" + n + "] " + outcome.source() + " " + label(outcome));
          }
          if (!(outcome instanceof Outcome.Accepted)) {
            report(outcome);
          }
        });
    arguments.path("--inputs-dir").ifPresent(batch::inputsDir);
    BatchReport report = batch.build().run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long accepted = report.outcomes().stream().filter(o -> o instanceof Outcome.Accepted).count();
    long rejected = report.outcomes().stream().filter(o -> o instanceof Outcome.Rejected).count();
    long failed = report.outcomes().stream().filter(o -> o instanceof Outcome.Failed).count();
    long toolFailed = report.outcomes().stream().filter(Main::toolFailed).count();
    String summary = String.format(java.util.Locale.ROOT,
        "%d accepted, %d rejected (quarantined), %d failed, %d skipped in %.2f s (%.1f requests/s)",
        accepted, rejected, failed, report.skipped().size(), seconds, report.outcomes().size() / Math.max(seconds, 1e-9));
    int code = report.exitCode() == 0 && toolFailed > 0 && arguments.has("--fail-on-tool-failure") ? CommandLineSpec.TOOL_FAILED
        : report.exitCode();
    if (toolFailed > 0) {
      summary += String.format(java.util.Locale.ROOT, "; the tool failed in %d accepted", toolFailed);
    }
    err.println((code == 0 ? "ACCEPT: " : code == 2 ? "REJECT: " : "ERROR: ") + summary);
    return code;
  }

  private int validateRequest(Arguments arguments) {
    Path file = Path.of(single(arguments, "validate-request FILE"));
    if (!Files.isRegularFile(file)) {
      err.println("ERROR: request file " + file + " does not exist or is not a file");
      return 3;
    }
    if (isToolResult(file)) {
      err.println("ERROR: " + file + " is a Tool Result (result_type: tool_result), not a Tool Request; use threegate validate-result "
          + file);
      return CommandLineSpec.USAGE;
    }
    PolicyValidator validator = judge(arguments);
    Optional<String> backend = arguments.option("--backend");
    Verdict verdict;
    try {
      verdict = validator.validate(ToolRequestParser.standard().parse(file));
    } catch (RequestFormatException e) {
      verdict = validator.validateMalformed(e);
    } catch (IOException e) {
      err.println("ERROR: cannot read " + file + ": " + Messages.plain(e));
      return 3;
    }
    if (!verdict.passed()) {
      err.println("REJECT: " + file);
      verdict.violations().forEach(this::violation);
      return 2;
    }
    err.println("ACCEPT: " + file + " is a valid Tool Request" + backend.map(b -> " for " + b).orElse(""));
    return 0;
  }

  /** Whether a file's front matter says it is a Tool Result ({@code result_type: tool_result}). */
  /** The policy of the command line, and with {@code --backend} that backend's rules, as the pipeline judges. */
  private PolicyValidator judge(Arguments arguments) {
    return judge(arguments, policy(arguments));
  }

  private PolicyValidator judge(Arguments arguments, Policy policy) {
    PolicyValidator validator = PolicyValidator.of(policy);
    Optional<BackendInfo> backend = backendInfo(arguments, policy);
    if (backend.isEmpty()) {
      return validator;
    }
    BackendInfo info = backend.get();
    // the policy's rules, then the backend rules once
    return request -> validator.validate(request).and(PolicyValidator.checkBackend(request, policy, info));
  }

  /** The backend {@code --backend era|bubblewrap|smolvm} names, as its run would judge a request. */
  private Optional<BackendInfo> backendInfo(Arguments arguments, Policy policy) {
    return arguments.option("--backend").map(backend -> switch (backend) {
      case "era" -> EraExecutor.builder().build().backend();
      case "smolvm" -> smolvm(arguments, arguments.path("--smolvm").or(() -> onPath("smolvm"))).backend();
      default -> BubblewrapExecutor.builder().requireEnforcedLimits(policy.requireEnforcedLimits()).build().backend();
    });
  }

  private ApprovalCommands approvals() {
    return new ApprovalCommands(out, err, java.time.Clock.systemUTC(), confirmation);
  }

  private static boolean isToolResult(Path file) {
    try (var reader = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null || !line.strip().equals("---")) {
        return false;
      }
      for (int i = 0; i < 200 && (line = reader.readLine()) != null && !line.strip().equals("---"); i++) {
        if (line.matches("result_type\\s*:\\s*[\"']?tool_result[\"']?\\s*(#.*)?")) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // the validator says what is wrong with it
    }
  }

  /** Every file given; the exit code is the worst: 3 over 2 over 0. */
  private int validateResults(Arguments arguments) {
    int worst = 0;
    for (String file : arguments.positionals()) {
      worst = Math.max(worst, validateResult(Path.of(file)));
    }
    return worst;
  }

  private int validateResult(Path file) {
    if (!Files.isRegularFile(file)) {
      err.println("ERROR: result file " + file + " does not exist or is not a file");
      return 3;
    }
    Verdict verdict = ToolResultValidator.verifyingArtifacts().validate(file);
    if (!verdict.passed()) {
      err.println("REJECT: " + file);
      verdict.violations().forEach(this::violation);
      return 2;
    }
    err.println("ACCEPT: " + file + " is a valid Tool Result");
    return 0;
  }

  /** The backend a request file names, when it can be read at all (the run reports the rest). */
  private static Optional<Backend> namedBackend(Path request) {
    try {
      return Optional.of(ToolRequestParser.standard().parse(request).backend()).filter(b -> b != Backend.MONTY);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private ToolExecPipeline pipeline(Arguments arguments, Optional<Backend> named) throws IOException {
    return pipeline(arguments, named, policy(arguments));
  }

  private ToolExecPipeline pipeline(Arguments arguments, Optional<Backend> named, Policy policy) throws IOException {
    ToolExecPipeline.Builder builder =
        ToolExecPipeline.builder().policy(policy).executor(executor(arguments, named, policy));
    builder.outputBudget(policy.outputBudget());
    arguments.option("--max-output-bytes").ifPresent(v -> builder.maxOutputBytes(positiveLong(v)));
    Optional<Path> approvers = arguments.path("--approvers");
    if (approvers.isPresent()) {
      builder.approvers(Approvers.read(approvers.get()));
    } else if (policy.approval() == ApprovalMode.SIGNED) {
      throw new UsageException("the policy requires signed approvals (approval: signed): give the trust store with --approvers DIR");
    }
    Optional<Path> gateKey = arguments.path("--gate-key");
    if (gateKey.isPresent()) {
      builder.writer(ToolResultWriter.attested(java.time.Clock.systemUTC(),
          ApprovalCommands.signer(gateKey.get(), arguments.path("--gate-pub")), arguments.option("--builder-id").orElse("threegate")));
    }
    return builder.build();
  }

  private Policy policy(Arguments arguments) {
    Optional<Path> file = arguments.path("--policy");
    Policy policy;
    try {
      policy = file.isEmpty() ? Policy.defaults() : Policy.read(file.get());
    } catch (PolicyFormatException e) {
      throw new PolicyFileException(file.get(), "is not a valid policy:", e.problems());
    } catch (IOException e) {
      throw new PolicyFileException(file.get(), "cannot be read: " + Messages.plain(e).replace(file.get().toString(), "it"), List.of());
    }
    return arguments.has("--require-enforced-limits") ? policy.newBuilder().requireEnforcedLimits(true).build() : policy;
  }

  private Executor executor(Arguments arguments, Optional<Backend> named, Policy policy) {
    String backend = arguments.option("--backend").orElse("auto");
    Optional<Path> agent = arguments.path("--agent");
    Optional<Path> wrapper = arguments.path("--era-wrapper");
    switch (backend) {
      case "era" -> {
        err.println("backend: ERA");
        return era(arguments, agent.or(this::agentOnPath), wrapper);
      }
      case "bubblewrap" -> {
        requireBubblewrap();
        err.println("backend: bubblewrap");
        return bubblewrap(policy);
      }
      case "smolvm" -> {
        err.println("backend: smolvm");
        return smolvm(arguments, arguments.path("--smolvm").or(() -> onPath("smolvm")));
      }
      case "auto" -> {
        return auto(arguments, named, policy);
      }
      default -> throw new UsageException("--backend must be era, bubblewrap, smolvm or auto, not " + backend);
    }
  }

  /** Whether the backend a request names (ERA or bubblewrap) is here: then it runs, not a substitute. */
  private boolean namedPresent(Backend requested, Arguments arguments) {
    return switch (requested) {
      case ERA -> arguments.path("--agent").or(this::agentOnPath).isPresent() || arguments.path("--era-wrapper").isPresent();
      case BUBBLEWRAP -> BubblewrapExecutor.probe().available();
      default -> false;
    };
  }

  private static BubblewrapExecutor bubblewrap(Policy policy) {
    return BubblewrapExecutor.builder().requireEnforcedLimits(policy.requireEnforcedLimits())
        // the policy's allowance of private destinations (test setups) reaches the egress proxy here
        .egress(Egress.builder().allowPrivateDestinations(policy.allowPrivateDestinations()).build())
        .build();
  }

  /**
   * The backend the request names, where it is installed; another only where the policy allows
   * the substitution. A request that cannot be read gets whichever sandbox is here: it is refused
   * before anything runs.
   */
  private Executor auto(Arguments arguments, Optional<Backend> named, Policy policy) {
    // smolvm where the request names it, or as a substitute the policy allows when the named backend is not here
    Optional<Path> smolvm = arguments.path("--smolvm").or(() -> onPath("smolvm").filter(p -> kvmUsable()));
    if (smolvm.isPresent()) {
      Backend requested = named.orElse(Backend.SMOLVM);
      if (requested == Backend.SMOLVM) {
        err.println("backend: smolvm (auto: " + (named.isPresent() ? "the request names smolvm" : "no readable request names a backend")
            + "; smolvm at " + smolvm.get() + ")");
        return smolvm(arguments, smolvm);
      }
      if (!namedPresent(requested, arguments) && policy.allowsBackend(requested, Backend.SMOLVM)) {
        err.println("backend: smolvm (auto: the request names " + requested.wireName() + ", which is not here, and the policy allows "
            + requested.wireName() + " -> smolvm; smolvm at " + smolvm.get() + ")");
        return smolvm(arguments, smolvm);
      }
    } else if (named.orElse(null) == Backend.SMOLVM) {
      Optional<Path> installed = onPath("smolvm");
      Optional<Executor> substitute = substituteForSmolvm(arguments, policy);
      if (substitute.isPresent()) {
        return substitute.get();
      }
      throw new IllegalStateException("the request names smolvm, but "
          + (installed.isPresent() ? "/dev/kvm cannot be opened for reading and writing (smolvm at " + installed.get()
              + " needs it; give --smolvm PATH to use it anyway)"
              : "smolvm is not on the PATH: install smolvm (docs/smolvm.md) or give --smolvm PATH")
          + "; a policy may allow smolvm -> ERA or bubblewrap (backend_substitutions)");
    }
    Optional<Path> agent = arguments.path("--agent").or(this::agentOnPath);
    Optional<Path> wrapper = arguments.path("--era-wrapper");
    boolean era = agent.isPresent() || wrapper.isPresent();
    String eraSource = wrapper.isPresent() ? "an era-wrapper was given" : agent.map(a -> "agent at " + a).orElse("");
    BubblewrapExecutor.Availability bubblewrap = BubblewrapExecutor.probe();
    Backend wanted = named.orElse(era ? Backend.ERA : Backend.BUBBLEWRAP);
    String why = named.isPresent() ? "the request names " + wanted.wireName() : "no readable request names a backend";
    if (wanted == Backend.ERA && era) {
      err.println("backend: ERA (auto: " + why + "; " + eraSource + ")");
      return era(arguments, agent, wrapper);
    }
    if (wanted == Backend.BUBBLEWRAP && bubblewrap.available()) {
      err.println("backend: bubblewrap (auto: " + why + ")");
      return bubblewrap(policy);
    }
    boolean unnamed = named.isEmpty();
    if (wanted == Backend.ERA && bubblewrap.available() && (unnamed || policy.allowsBackend(Backend.ERA, Backend.BUBBLEWRAP))) {
      err.println("backend: bubblewrap (auto: " + why + ", no ERA agent is here"
          + (unnamed ? "" : ", and the policy allows ERA -> bubblewrap") + ")");
      return bubblewrap(policy);
    }
    if (wanted == Backend.BUBBLEWRAP && era && (unnamed || policy.allowsBackend(Backend.BUBBLEWRAP, Backend.ERA))) {
      err.println("backend: ERA (auto: " + why + ", bubblewrap does not work here"
          + (unnamed ? "" : ", and the policy allows bubblewrap -> ERA") + "; " + eraSource + ")");
      return era(arguments, agent, wrapper);
    }
    if (wanted == Backend.ERA) {
      throw new IllegalStateException("the request names ERA, but no ERA agent is on the PATH: install ERA, or give --agent or "
          + "--era-wrapper" + (bubblewrap.available() ? "; a policy may allow ERA -> bubblewrap (backend_substitutions)" : "")
          + (unnamed ? "; and " + bubblewrap.message() : ""));
    }
    throw new IllegalStateException("the request names bubblewrap, but " + bubblewrap.message());
  }

  /** ERA, then bubblewrap, for a request naming smolvm where smolvm is not here, as the policy allows. */
  private Optional<Executor> substituteForSmolvm(Arguments arguments, Policy policy) {
    Optional<Path> agent = arguments.path("--agent").or(this::agentOnPath);
    Optional<Path> wrapper = arguments.path("--era-wrapper");
    if ((agent.isPresent() || wrapper.isPresent()) && policy.allowsBackend(Backend.SMOLVM, Backend.ERA)) {
      err.println("backend: ERA (auto: the request names smolvm, smolvm does not work here, and the policy allows smolvm -> ERA)");
      return Optional.of(era(arguments, agent, wrapper));
    }
    if (BubblewrapExecutor.probe().available() && policy.allowsBackend(Backend.SMOLVM, Backend.BUBBLEWRAP)) {
      err.println("backend: bubblewrap (auto: the request names smolvm, smolvm does not work here, and the policy allows "
          + "smolvm -> bubblewrap)");
      return Optional.of(bubblewrap(policy));
    }
    return Optional.empty();
  }

  private SmolvmExecutor smolvm(Arguments arguments, Optional<Path> smolvm) {
    SmolvmExecutor.Builder builder = SmolvmExecutor.builder();
    builder.smolvm(smolvm.orElseThrow(() -> new IllegalStateException(
        "smolvm is not on the PATH: install smolvm (docs/smolvm.md) or give --smolvm PATH")));
    Optional<String> image = arguments.option("--smolvm-image");
    if (image.isPresent()) {
      List<Language> languages = new ArrayList<>();
      for (String name : arguments.option("--smolvm-languages").orElse("python").split(",")) {
        languages.add(Language.fromWireName(name.strip()).orElseThrow(
            () -> new UsageException("--smolvm-languages takes python, node, ruby or go, not '" + name.strip() + "'")));
      }
      builder.image(image.get(), languages.toArray(Language[]::new));
    } else if (arguments.has("--smolvm-languages")) {
      throw new UsageException("--smolvm-languages goes with --smolvm-image");
    }
    Optional<Path> dataDir = arguments.path("--smolvm-data-dir").or(() -> arguments.path("--results-dir").map(Main::smolvmDataDir));
    dataDir.ifPresent(builder::dataDirectory);
    SmolvmExecutor built = builder.build();
    if (dataDir.isPresent()) {
      // one data directory belongs to one gate: what it holds at start was left by a killed run
      smolvmExecutor = built;
    }
    return built;
  }

  /** The gate's own smolvm data directory by default: beside its results directory, named after it. */
  private static Path smolvmDataDir(Path results) {
    Path absolute = results.toAbsolutePath().normalize();
    Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
    Path dir = parent.resolve("." + absolute.getFileName() + ".smolvm-data");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the smolvm data directory " + dir + ": " + Messages.plain(e), e);
    }
  }

  /** Whether smolvm can start a microVM here: {@code /dev/kvm} usable on Linux; macOS needs no device. */
  private static boolean kvmUsable() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return true;
    }
    Path kvm = Path.of("/dev/kvm");
    return Files.isReadable(kvm) && Files.isWritable(kvm);
  }

  private Optional<Path> onPath(String program) {
    for (String dir : environment.getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.of(Path.of(dir, program));
      }
    }
    return Optional.empty();
  }

  private Executor era(Arguments arguments, Optional<Path> agent, Optional<Path> wrapper) {
    if (wrapper.isPresent()) {
      if (arguments.has("--era-create-timeout") || arguments.has("--era-clean-timeout")) {
        throw new UsageException("--era-create-timeout and --era-clean-timeout apply to agent, not to --era-wrapper");
      }
      return EraWrapperExecutor.builder(wrapper.get()).build();
    }
    EraExecutor.Builder builder = EraExecutor.builder();
    builder.agent(agent.orElseThrow(() -> new IllegalStateException(
        "ERA's agent is not on the PATH: install ERA or give --agent PATH or --era-wrapper PATH")));
    arguments.path("--era-state-dir").ifPresent(builder::stateDirectory);
    arguments.option("--era-create-timeout").ifPresent(v -> builder.createTimeout(java.time.Duration.ofSeconds(positiveLong(v))));
    arguments.option("--era-clean-timeout").ifPresent(v -> builder.cleanTimeout(java.time.Duration.ofSeconds(positiveLong(v))));
    EraExecutor built = builder.build();
    era = built;
    return built;
  }

  private void requireBubblewrap() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    if (!availability.available()) {
      throw new IllegalStateException(availability.message());
    }
  }

  private Optional<Path> agentOnPath() {
    for (String dir : environment.getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "agent"))) {
        return Optional.of(Path.of(dir, "agent"));
      }
    }
    return Optional.empty();
  }

  /** Sweeps what a killed runner left, and makes the pipeline the one a shutdown stops. */
  private ToolExecPipeline start(ToolExecPipeline gate, Path results) throws IOException {
    List<Path> swept = gate.sweepStale(results);
    if (!swept.isEmpty()) {
      err.println("swept " + swept.size() + " file(s) or directories left by a runner that was killed");
    }
    if (era != null) {
      List<String> vms = era.sweepStale();
      if (!vms.isEmpty()) {
        err.println("cleaned " + vms.size() + " ERA VM(s) left by a runner that was killed: " + String.join(", ", vms));
      }
    }
    if (smolvmExecutor != null) {
      List<String> machines = smolvmExecutor.sweepStale();
      if (!machines.isEmpty()) {
        err.println("deleted " + machines.size() + " smolvm machine(s) left by a runner that was killed: " + String.join(", ", machines));
      }
    }
    active = gate;
    return gate;
  }

  /** A mistyped inputs directory is the operator's mistake, not the requests'. */
  private static void checkInputsDirectory(Optional<Path> inputs) {
    if (inputs.isPresent() && !Files.isDirectory(inputs.get())) {
      throw new UsageException("the inputs directory " + inputs.get() + " does not exist or is not a directory");
    }
  }

  private static void checkQuarantineDirectory(Path quarantine) throws IOException {
    try {
      Files.createDirectories(quarantine);
    } catch (java.nio.file.FileSystemException e) {
      throw new UsageException("cannot create the quarantine directory " + quarantine + ": " + Messages.plain(e));
    }
    if (!Files.isWritable(quarantine)) {
      throw new UsageException("the quarantine directory " + quarantine + " is not writable");
    }
  }

  private static void checkResultsDirectory(Path results) throws IOException {
    try {
      Files.createDirectories(results);
    } catch (java.nio.file.FileSystemException e) {
      throw new IOException("cannot create the results directory " + results + ": " + Messages.plain(e), e);
    }
    if (!Files.isWritable(results)) {
      throw new IOException("the results directory " + results + " is not writable");
    }
  }

  /** A policy file that cannot be read or is not valid; its problems are listed below its name. */
  private static final class PolicyFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final transient List<Violation> problems;

    PolicyFileException(Path file, String message, List<Violation> problems) {
      super(message);
      this.file = file;
      this.problems = List.copyOf(problems);
    }
  }

  private void report(Outcome outcome) {
    if (outcome instanceof Outcome.Accepted accepted) {
      err.println("ACCEPT: " + accepted.source() + " -> " + accepted.written().resultFile() + " ("
          + accepted.execution().status().wireName() + ", exit code " + accepted.execution().exitCode() + ")");
    } else if (outcome instanceof Outcome.Rejected rejected) {
      err.println("REJECT: " + rejected.source());
      rejected.violations().forEach(this::violation);
    } else if (outcome instanceof Outcome.Failed failed) {
      err.println("ERROR: " + failed.source() + ": " + Messages.plain(failed.message(), failed.cause()));
    }
  }

  private static String label(Outcome outcome) {
    return outcome instanceof Outcome.Accepted ? "ACCEPT" : outcome instanceof Outcome.Rejected ? "REJECT" : "ERROR";
  }

  private void violation(Violation v) {
    err.println(Messages.error(v));
  }

  private static String single(Arguments arguments, String usage) {
    List<String> positionals = arguments.positionals();
    if (positionals.size() != 1) {
      throw new UsageException("usage: threegate " + usage);
    }
    return positionals.get(0);
  }

  private static int positiveInt(String value) {
    long parsed = positiveLong(value);
    if (parsed > 1024) {
      throw new UsageException("--jobs must be at most 1024");
    }
    return (int) parsed;
  }

  private static long positiveLong(String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 1) {
        throw new UsageException("expected a positive number, not " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageException("expected a positive number, not " + value);
    }
  }

  private static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
