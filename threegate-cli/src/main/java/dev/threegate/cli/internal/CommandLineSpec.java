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
package dev.threegate.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, declared with picocli's programmatic API (no reflection, so no package needs
 * opening): per-command help, {@code -h/--help}, {@code -V/--version}, a {@code help} command,
 * suggestions for typos, bash completion. Every option value is read as text and checked here, so
 * that every mistake of a command line is reported at once, each naming its option.
 */
public final class CommandLineSpec {
  /** Accepted, or valid. */
  public static final int OK = 0;
  /** Rejected, or invalid. */
  public static final int REJECTED = 2;
  /** A runtime error: a file that cannot be read or written, a sandbox that is missing. */
  public static final int RUNTIME_ERROR = 3;
  /** With {@code --fail-on-tool-failure}: the request ran, but the tool failed. */
  public static final int TOOL_FAILED = 4;
  /** A usage error (sysexits.h's EX_USAGE): the command line is wrong; nothing ran. */
  public static final int USAGE = 64;

  private static final Map<String, String> EXIT_CODES = exitCodes();
  private static final Set<String> ERA_OPTIONS =
      Set.of("--agent", "--era-wrapper", "--era-state-dir", "--era-create-timeout", "--era-clean-timeout");
  private static final Set<String> SMOLVM_OPTIONS = Set.of("--smolvm", "--smolvm-image", "--smolvm-languages", "--smolvm-data-dir");
  private static final Set<String> POSITIVE =
      Set.of("--jobs", "--max-output-bytes", "--era-create-timeout", "--era-clean-timeout", "--parallelism", "--poll-ms");
  private static final Set<String> STATES = Set.of("pending", "approved", "running", "done", "rejected", "failed");

  private final CommandLine top;

  private CommandLineSpec(String version, PrintStream out, boolean helpCommand) {
    CommandSpec spec = helpAndVersion(CommandSpec.create().name("threegate").version("threegate " + version));
    spec.usageMessage()
        .description("The ThreeGate TOOL-EXEC runner: runs Tool Requests in a sandbox and writes verifiable Tool Results.")
        .commandListHeading("%nCommands:%n")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(EXIT_CODES)
        .footer("%nSee 'threegate help COMMAND' for a command's options.");
    top = new CommandLine(spec);
    top.addSubcommand("run", new CommandLine(run()));
    top.addSubcommand("run-dir", new CommandLine(runDir()));
    top.addSubcommand("validate-request", new CommandLine(validateRequest()));
    top.addSubcommand("validate-result", new CommandLine(validateResult()));
    top.addSubcommand("review", new CommandLine(review()));
    top.addSubcommand("approve", new CommandLine(approve()));
    top.addSubcommand("keygen", new CommandLine(keygen()));
    top.addSubcommand("verify", new CommandLine(verify()));
    top.addSubcommand("inbox", inbox());
    top.addSubcommand("watch", new CommandLine(watch()));
    top.addSubcommand("mcp", new CommandLine(mcp()));
    top.addSubcommand("completion", new CommandLine(completion()));
    top.addSubcommand("help", helpCommand ? new CommandLine(new CommandLine.HelpCommand()) : helpListing());
    top.setUnmatchedArgumentsAllowed(true);
    top.setOverwrittenOptionsAllowed(false);
    top.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
  }

  /**
   * The command line of this runner.
   *
   * @param version the version {@code --version} prints
   * @param out where help goes
   * @return the command line
   */
  public static CommandLineSpec create(String version, PrintStream out) {
    return new CommandLineSpec(version, out, true);
  }

  /**
   * Parses a command line and checks it, as {@code create(version, out).parse(args)} does; the
   * {@code help} command is built (by reflection on picocli's own, which costs more than the rest
   * of a short run's start) only for a command line that may use it.
   *
   * @param version the version {@code --version} prints
   * @param out where help goes
   * @param args the command line
   * @return what to do
   */
  public static Parsed parse(String version, PrintStream out, String[] args) {
    boolean helpCommand = Arrays.asList(args).contains("help") || Arrays.asList(args).contains("completion");
    return new CommandLineSpec(version, out, helpCommand).parse(args);
  }

  /** picocli's standard {@code -h, --help} and {@code -V, --version}, declared here rather than by reflection on its mixin. */
  private static CommandSpec helpAndVersion(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
    return spec;
  }

  /** The {@code help} command as the list of commands shows it, for a command line that does not use it. */
  private static CommandLine helpListing() {
    CommandSpec spec = CommandSpec.create().name("help").helpCommand(true);
    spec.usageMessage().description("Display help information about the specified command.");
    return new CommandLine(spec);
  }

  /**
   * The top-level help, as {@code threegate --help} prints it.
   *
   * @param ansi with ANSI styles (as at a terminal), or plain text
   * @return the help
   */
  String topUsage(boolean ansi) {
    return top.getUsageMessage(ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF);
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(" 0", "accepted, or valid");
    codes.put(" 2", "rejected, or invalid");
    codes.put(" 3", "runtime error (a file that cannot be read or written, a missing sandbox)");
    codes.put(" 4", "with --fail-on-tool-failure: the tool failed (non-zero exit, timed out, output limit, killed)");
    codes.put("64", "usage error: the command line is wrong; nothing ran");
    return codes;
  }

  private static CommandSpec command(String name, String synopsis, String... description) {
    CommandSpec spec = helpAndVersion(CommandSpec.create().name(name));
    spec.usageMessage().sortOptions(false).customSynopsis("threegate " + synopsis).description(description)
        .exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    return spec;
  }

  private static OptionSpec valued(String name, String label, String... description) {
    return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description).build();
  }

  private static OptionSpec flag(String name, String... description) {
    return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
  }

  private static void sandboxOptions(CommandSpec spec) {
    spec.addOption(valued("--backend", "era|bubblewrap|smolvm|auto",
        "the sandbox (default auto: the backend the request names, another only where the policy allows the substitution; "
            + "smolvm first, then ERA, then bubblewrap)"));
    spec.addOption(valued("--smolvm", "PATH", "smolvm's executable (default: smolvm on the PATH, where /dev/kvm is usable)"));
    spec.addOption(valued("--smolvm-image", "IMAGE",
        "the image smolvm machines boot (default python:3.12-slim, pulled in the guest: give a local tar or rootfs for network: none)"));
    spec.addOption(valued("--smolvm-languages", "LIST", "the languages --smolvm-image runs, comma-separated (default python)"));
    spec.addOption(valued("--smolvm-data-dir", "DIR", "smolvm's data directory (SMOLVM_DATA_DIR; default: .<results-dir name>.smolvm-data beside the results directory, one per gate)"));
    spec.addOption(valued("--agent", "PATH", "ERA's agent executable (default: agent on the PATH)"));
    spec.addOption(valued("--era-wrapper", "PATH", "a ThreeGate era-wrapper (--language L --cmd C --network none)"));
    spec.addOption(valued("--era-state-dir", "DIR", "ERA's state directory"));
    spec.addOption(valued("--era-create-timeout", "SECONDS",
        "how long agent vm create may take (default 300); a create that runs out is killed and the VM it made is cleaned"));
    spec.addOption(valued("--era-clean-timeout", "SECONDS", "how long agent vm clean may take (default 60)"));
    spec.addOption(valued("--policy", "FILE", "policy knobs in YAML (docs/policy.md); default: the defaults"));
    spec.addOption(valued("--max-output-bytes", "N", "output cap per stream (default 67108864)"));
    spec.addOption(flag("--require-enforced-limits", "refuse a request (backend.limits_unenforceable) where the sandbox "
        + "cannot enforce every limit on this host (policy knob require_enforced_limits)"));
    spec.addOption(valued("--approvers", "DIR",
        "the trust store of approvers (NAME.pub files); signed approvals beside requests are verified against it, "
            + "and a policy with approval: signed requires it (docs/approvals.md)"));
    spec.addOption(valued("--gate-key", "KEY",
        "the gate's private key: each Tool Result is attested, <result_id>.sigstore.json, signed with it"));
    spec.addOption(valued("--gate-pub", "PUB", "the gate key's public half (default: KEY with .key replaced by .pub)"));
    spec.addOption(valued("--builder-id", "ID", "the gate's identity in its attestations (default: threegate)"));
  }

  private static void failOnToolFailure(CommandSpec spec) {
    spec.addOption(flag("--fail-on-tool-failure", "exit 4 when a request ran but its tool failed (non-zero exit, timed out, "
        + "output limit, killed); by default such a run is accepted, exit 0, its status in the Tool Result"));
  }

  private static CommandSpec run() {
    CommandSpec spec = command("run", "run --request FILE --results-dir DIR [--inputs-dir DIR] [options]",
        "Runs one Tool Request and writes its Tool Result. A rejected request leaves DIR/<request file>.reject.txt "
            + "listing every violation.");
    spec.addOption(valued("--request", "FILE", "the Tool Request (required)"));
    spec.addOption(valued("--results-dir", "DIR", "where the Tool Result goes (required; created if missing)"));
    spec.addOption(valued("--inputs-dir", "DIR", "where the request's inputs are"));
    sandboxOptions(spec);
    failOnToolFailure(spec);
    return spec;
  }

  private static CommandSpec runDir() {
    CommandSpec spec = command("run-dir",
        "run-dir --requests-dir DIR --results-dir DIR --quarantine-dir DIR [--inputs-dir DIR] [--jobs N] [options]",
        "Runs every TR-*.md of a directory; rejected requests go to quarantine beside a .reject.txt; requests that "
            + "already have a result are skipped.");
    spec.addOption(valued("--requests-dir", "DIR", "the directory of Tool Requests (required)"));
    spec.addOption(valued("--results-dir", "DIR", "where the Tool Results go (required; created if missing)"));
    spec.addOption(valued("--quarantine-dir", "DIR", "where rejected requests go (required; created if missing)"));
    spec.addOption(valued("--inputs-dir", "DIR", "where the requests' inputs are"));
    spec.addOption(valued("--jobs", "N", "how many requests run at a time (default: twice the number of CPUs, at most 1024)"));
    sandboxOptions(spec);
    failOnToolFailure(spec);
    return spec;
  }

  private static CommandSpec validateRequest() {
    CommandSpec spec = command("validate-request", "validate-request FILE [--policy FILE] [--backend era|bubblewrap|smolvm] [options]",
        "Checks a Tool Request against the policy without running it; with --backend, also against what that "
            + "sandbox can enforce, as run would.");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .description("the Tool Request").build());
    spec.addOption(valued("--policy", "FILE", "policy knobs in YAML (docs/policy.md); default: the defaults"));
    spec.addOption(valued("--backend", "era|bubblewrap|smolvm", "judge the request as this backend's run would (its capabilities)"));
    spec.addOption(valued("--smolvm", "PATH", "with --backend smolvm: smolvm's executable, probed for its version "
        + "(default: smolvm on the PATH)"));
    spec.addOption(flag("--require-enforced-limits", "with --backend: refuse where the sandbox cannot enforce every limit"));
    return spec;
  }

  private static CommandSpec validateResult() {
    CommandSpec spec = command("validate-result", "validate-result FILE...",
        "Checks Tool Results (and their artifacts' hashes) before trusting them; the exit code is the worst of them.");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .description("the Tool Results").build());
    return spec;
  }

  private static void judgeOptions(CommandSpec spec) {
    spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .description("the Tool Request").build());
    judgeOnly(spec);
  }

  private static CommandSpec review() {
    CommandSpec spec = command("review", "review FILE [--policy FILE] [--backend era|bubblewrap|smolvm] [options]",
        "Shows what a Tool Request will run, as a human must read it before approving: the policy's verdict, the argv "
            + "word by word, backend, limits, network, inputs with hashes, expected outputs (docs/approvals.md).");
    judgeOptions(spec);
    return spec;
  }

  private static CommandSpec approve() {
    CommandSpec spec = command("approve", "approve FILE --key KEY --as NAME [--sha256 DIGEST] [--pub PUB] [--policy FILE] [options]",
        "Reviews a Tool Request as review does and, if the policy passes it, NAME is its approved_by and the bytes are those "
            + "you reviewed (--sha256, or confirmed at the terminal), signs them: writes FILE.approval.sigstore.json "
            + "(a Sigstore bundle; docs/approvals.md).");
    judgeOptions(spec);
    approverOptions(spec, "the request's approved_by");
    return spec;
  }

  /** The options of a person approving: their key, their name, the digest of the review they read. */
  private static void approverOptions(CommandSpec spec, String name) {
    spec.addOption(valued("--key", "KEY", "the approver's private key, PKCS#8 PEM (required)"));
    spec.addOption(valued("--as", "NAME", "the name you approve as, " + name + " (required)"));
    spec.addOption(valued("--pub", "PUB", "the public key (default: KEY with .key replaced by .pub)"));
    spec.addOption(valued("--sha256", "DIGEST", "the sha256 the review you read showed: approve only those bytes "
        + "(required unless approve can ask at a terminal)"));
  }

  private static CommandSpec verify() {
    CommandSpec spec = command("verify", "verify RESULT... --gate-key PUB [--approvers DIR] [--request FILE]",
        "Verifies Tool Results' chains offline: the attestation under the gate's key, every file's SHA-256, the "
            + "statement against the result, the signed approval against the approvers, the request file's bytes; "
            + "the exit code is the worst of them (docs/approvals.md).");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("RESULT").arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .description("the Tool Results (.md)").build());
    spec.addOption(valued("--gate-key", "PUB", "the gate's public key (required)"));
    spec.addOption(valued("--approvers", "DIR", "the trust store of approvers: also verify signed approvals"));
    spec.addOption(valued("--request", "FILE", "the request file the result must have run (with one RESULT)"));
    return spec;
  }

  private static CommandSpec keygen() {
    CommandSpec spec = command("keygen", "keygen --out PREFIX [--algorithm ecdsa-p256|ed25519]",
        "Writes a new signing key pair: PREFIX.key (private, PKCS#8 PEM, readable by you alone) and PREFIX.pub "
            + "(public, for trust stores); never over existing files.");
    spec.addOption(valued("--out", "PREFIX", "where the key files go (required)"));
    spec.addOption(valued("--algorithm", "ecdsa-p256|ed25519", "the key's algorithm (default ecdsa-p256)"));
    return spec;
  }

  private static CommandLine inbox() {
    CommandSpec spec = command("inbox", "inbox init|list|review|approve|reject|status DIR …",
        "The inbox, where agents drop drafts and a human approves them (docs/cli.md): create it, list its requests, "
            + "review, approve or reject a draft, read a request's state and result. Approving is a human's: no agent "
            + "tool can do it.");
    spec.usageMessage().commandListHeading("%nCommands:%n");
    CommandLine inbox = new CommandLine(spec);
    inbox.addSubcommand("init", new CommandLine(inboxCommand("init", "inbox init DIR",
        "Creates an inbox in DIR (drafts/, approved/, inputs/, results/, quarantine/, failed/); an existing one is left as it is.")));
    CommandSpec list = inboxCommand("list", "inbox list DIR [--state STATE]",
        "Lists the inbox's requests, oldest first: one line each, its id, its state and, once it ran, its Tool Result.");
    list.addOption(valued("--state", "STATE", "only the requests in this state: pending, approved, running, done, rejected or failed"));
    inbox.addSubcommand("list", new CommandLine(list));
    CommandSpec review = inboxCommand("review", "inbox review DIR ID [--policy FILE] [--backend era|bubblewrap|smolvm]",
        "Shows a pending draft as a human must read it before approving: the policy's verdict, the argv word by word, "
            + "backend, limits, network, inputs with hashes and what each file says, expected outputs, and the sha256 of "
            + "its bytes.");
    judgeOnly(review);
    inbox.addSubcommand("review", new CommandLine(review));
    CommandSpec approve = inboxCommand("approve",
        "inbox approve DIR ID --key KEY --as NAME [--sha256 DIGEST] [--pub PUB] [--policy FILE] [--backend era|bubblewrap|smolvm]",
        "Reviews a pending draft as inbox review does and, if the policy passes it and its bytes are those you reviewed "
            + "(--sha256, or confirmed at the terminal), approves it as NAME: signs it and moves it to approved/, where "
            + "threegate watch runs it.");
    judgeOnly(approve);
    approverOptions(approve, "written as approved_by");
    inbox.addSubcommand("approve", new CommandLine(approve));
    CommandSpec reject = inboxCommand("reject", "inbox reject DIR ID --reason TEXT",
        "Rejects a pending draft: it moves to quarantine/ beside the reason, which the agent reads in its status.");
    reject.addOption(valued("--reason", "TEXT", "why, for the agent and the record (required)"));
    inbox.addSubcommand("reject", new CommandLine(reject));
    CommandSpec status = inboxCommand("status", "inbox status DIR ID [--gate-pub PUB [--approvers DIR]]",
        "Shows where a request stands and why; once it ran, its Tool Result: status, exit code, the validator's "
            + "verdict, with --gate-pub whether it verifies against the gate's key, and the excerpts of stdout and stderr.");
    status.addOption(valued("--gate-pub", "PUB", "the gate's public key: the result is verified against it"));
    status.addOption(valued("--approvers", "DIR", "with --gate-pub: also verify the result's signed approval"));
    inbox.addSubcommand("status", new CommandLine(status));
    return inbox;
  }

  private static CommandSpec inboxCommand(String name, String synopsis, String description) {
    CommandSpec spec = command(name, synopsis, description);
    spec.addPositional(PositionalParamSpec.builder().paramLabel("DIR ID").arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .description("the inbox directory, then the request's id").build());
    return spec;
  }

  private static void judgeOnly(CommandSpec spec) {
    spec.addOption(valued("--policy", "FILE", "policy knobs in YAML (docs/policy.md); default: the defaults"));
    spec.addOption(valued("--backend", "era|bubblewrap|smolvm", "judge the request as this backend's run would (its capabilities)"));
    spec.addOption(valued("--smolvm", "PATH", "with --backend smolvm: smolvm's executable, probed for its version "
        + "(default: smolvm on the PATH)"));
    spec.addOption(flag("--require-enforced-limits", "with --backend: refuse where the sandbox cannot enforce every limit"));
  }

  private static CommandSpec watch() {
    CommandSpec spec = command("watch", "watch DIR [--parallelism N] [--poll-ms MS] [options]",
        "Runs the approved requests of the inbox DIR as they arrive, N at a time, until SIGTERM or SIGINT: results go "
            + "to results/, what the gate rejects to quarantine/, what it cannot run to failed/; a request a stop "
            + "interrupts stays approved and runs at the next start. One line per request on stderr.");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("DIR").arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .description("the inbox directory").build());
    spec.addOption(valued("--parallelism", "N", "how many requests run at a time (default 1, at most 1024)"));
    spec.addOption(valued("--poll-ms", "MS", "how often approved/ is listed, in milliseconds (default 1000)"));
    sandboxOptions(spec);
    return spec;
  }

  private static CommandSpec mcp() {
    CommandSpec spec = command("mcp", "mcp --inbox DIR [--policy FILE] [--backend era|bubblewrap|smolvm] [--gate-pub PUB]",
        "Serves the inbox DIR to an agent over MCP on stdin and stdout (what MCP hosts start): tools to submit "
            + "drafts, read their state and results, and list them; never to approve (docs/mcp.md). Ends when the "
            + "host closes stdin. Nothing but MCP is written to stdout.");
    spec.addOption(valued("--inbox", "DIR", "the inbox directory (threegate inbox init DIR makes one; required)"));
    judgeOnly(spec); // drafts are judged as the runner will judge them: give it the runner's policy and backend
    spec.addOption(valued("--gate-pub", "PUB", "the gate's public key: results read back are verified against it"));
    spec.addOption(valued("--approvers", "DIR", "with --gate-pub: also verify the signed approvals of results"));
    return spec;
  }

  private static CommandSpec completion() {
    return command("completion", "completion",
        "Prints a bash completion script; load it with: source <(threegate completion)");
  }

  /** What the command line asks for. */
  public sealed interface Parsed {
    /** Help or the version was printed; exit with this code. */
    record Done(int exitCode) implements Parsed {}

    /** The command line is wrong: every mistake, and the command whose help explains it. */
    record Errors(List<String> errors, String helpCommand) implements Parsed {}

    /** A command to run. */
    record Command(Arguments arguments) implements Parsed {}
  }

  /**
   * Parses a command line and checks it.
   *
   * @param args the command line
   * @return what to do
   */
  public Parsed parse(String[] args) {
    ParseResult result;
    try {
      result = top.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      String command = e.getCommandLine() == top ? "threegate" : "threegate " + qualified(e.getCommandLine());
      return new Parsed.Errors(List.of(plain(e.getMessage())), command + " --help");
    }
    if (CommandLine.printHelpIfRequested(result)) {
      return new Parsed.Done(OK);
    }
    List<String> errors = new ArrayList<>();
    unmatched(top, result.unmatched(), errors);
    if (!result.hasSubcommand()) {
      if (errors.isEmpty()) {
        errors.add("no command given: " + String.join(", ", top.getSubcommands().keySet()));
      }
      return new Parsed.Errors(errors, "threegate --help");
    }
    ParseResult sub = result.subcommand();
    String name = sub.commandSpec().name();
    while (sub.hasSubcommand()) { // inbox init, inbox list, …
      unmatched(sub.commandSpec().commandLine(), sub.unmatched(), errors);
      sub = sub.subcommand();
      name = name + " " + sub.commandSpec().name();
    }
    if (!sub.commandSpec().subcommands().isEmpty()) {
      unmatched(sub.commandSpec().commandLine(), sub.unmatched(), errors);
      if (errors.isEmpty()) {
        errors.add(name + " needs a command: " + String.join(", ", sub.commandSpec().subcommands().keySet()));
      }
      return new Parsed.Errors(errors, "threegate " + name + " --help");
    }
    unmatched(sub.commandSpec().commandLine(), sub.unmatched(), errors);
    Map<String, String> options = new LinkedHashMap<>();
    for (OptionSpec option : sub.matchedOptions()) {
      Object value = option.getValue();
      options.put(option.longestName(), value instanceof Boolean ? "true" : String.valueOf(value));
    }
    List<String> positionals = new ArrayList<>();
    sub.matchedPositionals().forEach(p -> positionals.addAll(p.<List<String>>getValue()));
    check(name, options, positionals, errors);
    if (!errors.isEmpty()) {
      return new Parsed.Errors(errors, "threegate " + name + " --help");
    }
    if (name.equals("completion")) {
      top.getOut().print(AutoComplete.bash("threegate", top));
      top.getOut().flush();
      return new Parsed.Done(OK);
    }
    return new Parsed.Command(Arguments.of(name, options, positionals));
  }

  private void unmatched(CommandLine command, List<String> unmatched, List<String> errors) {
    boolean afterUnknownOption = false;
    boolean unknownCommand = false;
    for (String arg : unmatched) {
      if (afterUnknownOption && !arg.startsWith("-")) {
        afterUnknownOption = false; // the unknown option's value
        continue;
      }
      afterUnknownOption = arg.startsWith("-") && !arg.contains("=");
      String name = arg.contains("=") && arg.startsWith("-") ? arg.substring(0, arg.indexOf('=')) : arg;
      List<String> candidates = name.startsWith("-")
          ? command.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList()
          : List.copyOf(command.getSubcommands().keySet());
      List<String> suggestions = Suggestions.closest(name, candidates);
      String hint = suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?";
      if (!name.startsWith("-")) {
        if (!unknownCommand) {
          errors.add(command == top || !command.getSubcommands().isEmpty() ? "unknown command " + name + hint
              : "unexpected argument " + name + hint);
        }
        unknownCommand |= command == top || !command.getSubcommands().isEmpty(); // what follows it are its arguments
        continue;
      }
      List<String> elsewhere = top.getSubcommands().entrySet().stream()
          .filter(e -> e.getValue().getCommandSpec().findOption(name) != null && !name.startsWith("-h") && !name.equals("-V"))
          .map(Map.Entry::getKey).distinct().toList();
      if (command == top && !elsewhere.isEmpty()) {
        errors.add(name + " goes after the command (such as threegate " + elsewhere.get(0) + " " + name + " …)");
      } else if (!elsewhere.isEmpty()) {
        errors.add(name + " does not apply to " + qualified(command) + " (only to " + String.join(", ", elsewhere) + ")");
      } else {
        errors.add("unknown option " + name + hint);
      }
    }
  }

  private static void check(String command, Map<String, String> options, List<String> positionals, List<String> errors) {
    List<String> required = switch (command) {
      case "run" -> List.of("--request", "--results-dir");
      case "run-dir" -> List.of("--requests-dir", "--results-dir", "--quarantine-dir");
      case "approve" -> List.of("--key", "--as");
      case "keygen" -> List.of("--out");
      case "verify" -> List.of("--gate-key");
      case "inbox approve" -> List.of("--key", "--as");
      case "inbox reject" -> List.of("--reason");
      default -> List.of();
    };
    boolean runs = command.startsWith("run") || command.equals("watch");
    required.stream().filter(o -> !options.containsKey(o)).forEach(o -> errors.add(command + " needs " + o));
    if (command.equals("validate-result") && positionals.isEmpty()) {
      errors.add("validate-result takes one FILE or more, none was given");
    }
    if (command.equals("verify") && positionals.isEmpty()) {
      errors.add("verify takes one RESULT or more, none was given");
    }
    if (command.equals("verify") && options.containsKey("--request") && positionals.size() > 1) {
      errors.add("--request applies to one RESULT, not " + positionals.size());
    }
    if (runs && !options.containsKey("--gate-key")) {
      for (String o : List.of("--gate-pub", "--builder-id")) {
        if (options.containsKey(o)) {
          errors.add(o + " needs --gate-key");
        }
      }
    }
    if (Set.of("validate-request", "review", "approve").contains(command) && positionals.size() != 1) {
      errors.add(command + " takes one FILE" + (positionals.isEmpty() ? ", none was given" : ", not " + positionals.size()));
    }
    int wanted = switch (command) {
      case "inbox init", "inbox list", "watch" -> 1;
      case "inbox review", "inbox approve", "inbox reject", "inbox status" -> 2;
      default -> -1;
    };
    if (wanted > 0 && positionals.size() != wanted) {
      String usage = wanted == 1 ? "DIR" : "DIR ID";
      errors.add(command + " takes " + usage + (positionals.isEmpty() ? ", none was given" : ", not " + String.join(" ", positionals)));
    }
    Optional.ofNullable(options.get("--state")).filter(s -> !STATES.contains(s)).ifPresent(s ->
        errors.add("--state takes pending, approved, running, done, rejected or failed, not '" + s + "'"));
    Optional.ofNullable(options.get("--reason")).filter(String::isBlank).ifPresent(s ->
        errors.add("--reason must say why; it is blank"));
    for (String option : POSITIVE) {
      Optional.ofNullable(options.get(option)).ifPresent(v -> {
        long parsed;
        try {
          parsed = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
          parsed = 0;
        }
        if (parsed < 1) {
          errors.add(option + " takes a positive whole number, not '" + v + "'");
        } else if ((option.equals("--jobs") || option.equals("--parallelism")) && parsed > 1024) {
          errors.add(option + " must be at most 1024, not " + v);
        }
      });
    }
    String backend = options.get("--backend");
    Set<String> backends = runs ? Set.of("era", "bubblewrap", "smolvm", "auto") : Set.of("era", "bubblewrap", "smolvm");
    if (backend != null && !backends.contains(backend)) {
      errors.add("--backend takes " + (runs ? "era, bubblewrap, smolvm or auto" : "era, bubblewrap or smolvm") + ", not '" + backend + "'");
    }
    if ("bubblewrap".equals(backend) || "smolvm".equals(backend)) {
      ERA_OPTIONS.stream().sorted().filter(options::containsKey)
          .forEach(o -> errors.add(o + " is an ERA option; it does not apply with --backend " + backend));
    }
    if ("bubblewrap".equals(backend) || "era".equals(backend)) {
      SMOLVM_OPTIONS.stream().sorted().filter(options::containsKey)
          .forEach(o -> errors.add(o + " is a smolvm option; it does not apply with --backend " + backend));
    }
    if (options.containsKey("--era-wrapper")) {
      for (String o : List.of("--agent", "--era-state-dir", "--era-create-timeout", "--era-clean-timeout")) {
        if (options.containsKey(o)) {
          errors.add(o + " applies to ERA's agent, not to --era-wrapper");
        }
      }
    }
    if (!runs && options.containsKey("--require-enforced-limits") && backend == null) {
      errors.add("--require-enforced-limits needs --backend era|bubblewrap|smolvm with " + command);
    }
    String algorithm = options.get("--algorithm");
    if (algorithm != null && !Set.of("ecdsa-p256", "ed25519").contains(algorithm)) {
      errors.add("--algorithm takes ecdsa-p256 or ed25519, not '" + algorithm + "'");
    }
  }

  /** A command's name after {@code threegate}: {@code run}, {@code inbox approve}. */
  private String qualified(CommandLine command) {
    String name = command.getCommandName();
    for (CommandLine parent = command.getParent(); parent != null && parent != top; parent = parent.getParent()) {
      name = parent.getCommandName() + " " + name;
    }
    return name;
  }

  /** A picocli message in this runner's words: no quotes around option names, no stack of types. */
  private static String plain(String message) {
    return message.replace("'", "").replaceAll("\\s+", " ").strip();
  }
}
