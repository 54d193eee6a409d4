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
package dev.threegate.inbox;

import dev.threegate.exec.BackendInfo;
import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.io.SafeFiles;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.pipeline.ParseStep;
import dev.threegate.internal.pipeline.RequestClaim;
import dev.threegate.internal.result.ResultIndex;
import dev.threegate.internal.text.Names;
import dev.threegate.internal.text.Text;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.Backend;
import dev.threegate.request.InputFile;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ResultVerifier;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.trust.Approval;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Review;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A directory where agents drop drafts, humans approve them and runners run them: the gate's
 * workflow for agents that must not hold the power to approve. Agents {@link #submit(Draft)
 * submit} drafts and read their {@link #status(String) status} and {@link #result(String)
 * result}; a human {@link #review(String) reviews} and {@link #approve approves} or {@link #reject
 * rejects} them; an {@link InboxRunner} runs what was approved.
 *
 * <pre>
 * inbox/
 *   drafts/      TR-*.md written by submit, never run from here
 *   approved/    TR-*.md and TR-*.md.approval.sigstore.json, written by approve
 *   inputs/      the files each draft attached: inputs/&lt;request id&gt;/&lt;name&gt;
 *   results/     Tool Results (and their attestations)
 *   quarantine/  rejected requests, each beside its .reject.txt
 *   failed/      requests the gate could not run, each beside its .reject.txt
 * </pre>
 *
 * <p>Every file appears whole under its final name, is never overwritten, and moves by rename;
 * several agents, reviewers and runners (in this process or others) may share an inbox. The
 * policy judges a draft before it is written, so that an agent gets every reason at once; it
 * judges it again when a human approves it and when it runs. An approval is a signature over the
 * exact bytes that run ({@link Approver}), made only from the bytes a reviewer saw (their SHA-256).
 *
 * <p>Immutable and thread-safe.
 */
public final class Inbox {
  /** The most bytes of attached files a draft may have unless configured otherwise: 16 MiB. */
  public static final long DEFAULT_MAX_INPUT_BYTES = 16L * 1024 * 1024;
  /** The most files a draft may attach. */
  public static final int MAX_INPUTS = 64;

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_REASON_BYTES = 64 * 1024;
  private static final String MD = ".md";
  private static final String REASONS = ".reject.txt";
  /** The most moves of one request into one directory that {@link #status} looks for. */
  private static final int MAX_MOVES = 100;
  /** The most bytes of an attached file a review shows. */
  static final int MAX_SHOWN_BYTES = 64 * 1024;
  /** The most characters of a one-line field of a draft. */
  static final int MAX_FIELD_CHARS = 4096;
  /** The most characters of a value quoted in a message. */
  private static final int MAX_QUOTED_CHARS = 200;

  private final Path root;
  private final Policy policy;
  private final PolicyValidator validator;
  private final Optional<BackendInfo> backend;
  private final Clock clock;
  private final long maxInputBytes;
  private final Optional<ResultVerifier> verifier;
  private final ToolRequestParser parser = ToolRequestParser.standard();
  /** The approved requests a runner's poll found done, with their result files. */
  private final Map<String, Path> done = new java.util.concurrent.ConcurrentHashMap<>();

  private Inbox(Builder builder) {
    this.root = builder.root;
    this.policy = builder.policy;
    this.clock = builder.clock;
    this.validator = builder.validator != null ? builder.validator : PolicyValidator.of(builder.policy, builder.clock);
    this.backend = Optional.ofNullable(builder.backend);
    this.maxInputBytes = builder.maxInputBytes;
    this.verifier = Optional.ofNullable(builder.verifier);
  }

  /**
   * A builder of an inbox in a directory; its subdirectories are created when it is built.
   *
   * @param directory the inbox directory
   * @return a new builder
   */
  public static Builder builder(Path directory) {
    return new Builder(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The inbox directory.
   *
   * @return the directory
   */
  public Path directory() {
    return root;
  }

  /**
   * Where drafts wait for a human.
   *
   * @return {@code drafts/}
   */
  public Path drafts() {
    return root.resolve("drafts");
  }

  /**
   * Where approved requests wait for a runner, each beside its signed approval.
   *
   * @return {@code approved/}
   */
  public Path approved() {
    return root.resolve("approved");
  }

  /**
   * Where a request's attached files are: the inputs directory a runner runs it with.
   *
   * @param requestId the request's id
   * @return {@code inputs/<requestId>}
   * @throws IllegalArgumentException if the id is not a safe request id
   */
  public Path inputs(String requestId) {
    return inputsRoot().resolve(safeId(requestId));
  }

  /**
   * Where Tool Results are written.
   *
   * @return {@code results/}
   */
  public Path results() {
    return root.resolve("results");
  }

  /**
   * Where rejected requests go.
   *
   * @return {@code quarantine/}
   */
  public Path quarantine() {
    return root.resolve("quarantine");
  }

  /**
   * Where requests the gate could not run go.
   *
   * @return {@code failed/}
   */
  public Path failed() {
    return root.resolve("failed");
  }

  /**
   * The most bytes of attached files a draft may have ({@link Builder#maxInputBytes(long)}).
   *
   * @return the limit, in bytes
   */
  public long maxInputBytes() {
    return maxInputBytes;
  }

  /**
   * The policy drafts are judged by.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  private Path inputsRoot() {
    return root.resolve("inputs");
  }

  /**
   * Writes a draft for review: its files under {@code inputs/<id>/}, then the request under {@code
   * drafts/}, with a new id, the current time, {@code requested_by: core_draft} and no approval.
   * The policy (and the backend's rules, when the inbox knows the backend) judge it first: a draft
   * they reject is refused with every violation and nothing is written, as is a draft whose fields
   * cannot be written as given (a line break in a one-line field, for instance: {@code
   * draft.unrepresentable}) or whose files exceed the inbox's limits ({@code draft.input_*}).
   *
   * @param draft the draft
   * @return the request written, or the refusal
   * @throws IOException if the inbox cannot be written; nothing of the draft is then visible
   */
  public Submission submit(Draft draft) throws IOException {
    Objects.requireNonNull(draft, "draft");
    List<Violation> problems = new ArrayList<>();
    checkLines(draft, problems);
    checkInputNames(draft, problems);
    if (!problems.isEmpty()) {
      return new Submission.Refused(problems);
    }
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String id = "TR-" + ID_TIME.format(created) + "-" + HexFormat.of().formatHex(randomBytes());
    Files.createDirectories(inputsRoot());
    Path staging = inputsRoot().resolve(".staging-" + UUID.randomUUID());
    boolean published = false;
    try {
      List<InputFile> inputs = draft.inputs().isEmpty() ? List.of() : stageInputs(draft, staging, problems);
      if (!problems.isEmpty()) {
        return new Submission.Refused(problems);
      }
      Backend kind = draft.backend().orElse(backend.map(BackendInfo::kind).orElse(Backend.ERA));
      byte[] bytes = DraftFiles.render(id, created, kind, draft, inputs).getBytes(StandardCharsets.UTF_8);
      Verdict verdict = judgeDraft(id + MD, bytes, Optional.of(draft));
      if (!verdict.passed()) {
        return new Submission.Refused(verdict.violations());
      }
      if (!inputs.isEmpty()) {
        SafeFiles.syncDirectory(staging);
        Files.move(staging, inputs(id), StandardCopyOption.ATOMIC_MOVE);
        SafeFiles.syncDirectory(inputsRoot());
      }
      publishNew(drafts().resolve(id + MD), bytes);
      published = true;
      return new Submission.Submitted(id, id + MD, Sha256.hex(bytes));
    } finally {
      SafeFiles.deleteTree(staging);
      if (!published && !draft.inputs().isEmpty()) {
        SafeFiles.deleteTree(inputsRoot().resolve(id));
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** The one-line fields hold one line each, in characters a request can carry. */
  private static void checkLines(Draft draft, List<Violation> problems) {
    oneLine("purpose", draft.purpose(), problems);
    oneLine("command", draft.command(), problems);
    oneLine("justification", draft.justification(), problems);
    oneLine("data_sensitivity", draft.dataSensitivity(), problems);
    for (int i = 0; i < draft.outputs().size(); i++) {
      oneLine("outputs[" + i + "].path", draft.outputs().get(i).path(), problems);
      oneLine("outputs[" + i + "].description", draft.outputs().get(i).description(), problems);
    }
    plainText("justification", draft.justification(), problems);
    plainText("data_sensitivity", draft.dataSensitivity(), problems);
    if (draft.outputs().size() > MAX_INPUTS || draft.networkAllowlist().size() > MAX_INPUTS) {
      problems.add(new Violation("draft.field_too_long", "outputs", "a draft declares at most " + MAX_INPUTS
          + " expected outputs and " + MAX_INPUTS + " network destinations"));
    }
    draft.networkAllowlist().forEach(d -> oneLine("network_allowlist", d, problems));
    if (draft.justification().isBlank()) {
      problems.add(new Violation("draft.justification_missing", "justification", "say in one line why the risk is what it is"));
    }
  }

  private static void oneLine(String field, String value, List<Violation> problems) {
    if (value.length() > MAX_FIELD_CHARS) {
      problems.add(new Violation("draft.field_too_long", field,
          field + " has " + value.length() + " characters; at most " + MAX_FIELD_CHARS + " are taken"));
    } else if (value.codePoints().anyMatch(cp -> cp < 0x20 || cp == 0x7f || cp == 0x85 || cp == 0x2028 || cp == 0x2029)) {
      problems.add(new Violation("draft.unrepresentable", field,
          field + " must be one line without control characters: " + quoted(value)));
    }
  }

  /** Markup in the Risk Assessment would hide lines from a Markdown view of the request. */
  private static void plainText(String field, String value, List<Violation> problems) {
    if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
      problems.add(new Violation("draft.unrepresentable", field, field + " must not hold '<' or '>': "
          + quoted(value)));
    }
  }

  /** A value cut for a message: what an agent sent comes back bounded. */
  private static String bounded(String value) {
    return value.length() <= MAX_QUOTED_CHARS ? value : value.substring(0, MAX_QUOTED_CHARS) + "…";
  }

  /** A value as a message quotes it ({@link Review#quote}), at most about 200 characters. */
  private static String quoted(String value) {
    String quoted = Review.quote(Text.oneLine(bounded(value)));
    return quoted.length() <= MAX_QUOTED_CHARS ? quoted : quoted.substring(0, MAX_QUOTED_CHARS) + "…";
  }

  private void checkInputNames(Draft draft, List<Violation> problems) {
    if (draft.inputs().size() > MAX_INPUTS) {
      problems.add(new Violation("draft.input_count", "inputs", "a draft attaches at most " + MAX_INPUTS + " files, not " + draft.inputs().size()));
    }
    Set<String> names = new HashSet<>();
    for (Draft.Input input : draft.inputs()) {
      // the name becomes a file name here: one plain component, whatever the policy says later
      if (!Names.REQUEST_ID.matcher(input.name()).matches() || input.name().contains("..")) {
        problems.add(new Violation("draft.input_name", "inputs", "input name " + quoted(input.name())
            + " must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} without '..'"));
      } else if (!names.add(input.name())) {
        problems.add(new Violation("draft.input_name", "inputs", "input " + quoted(input.name()) + " is attached twice"));
      }
    }
  }

  /** Writes the draft's files into a staging directory, hashing them; empty if a limit is passed. */
  private List<InputFile> stageInputs(Draft draft, Path staging, List<Violation> problems) throws IOException {
    Files.createDirectory(staging);
    List<InputFile> inputs = new ArrayList<>();
    long total = 0;
    for (Draft.Input input : draft.inputs()) {
      Path target = staging.resolve(input.name());
      Sha256 digest = new Sha256();
      long left = maxInputBytes - total;
      long written;
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        Optional<byte[]> given = input.content();
        if (given.isPresent()) {
          byte[] content = given.get();
          if (content.length > left) {
            tooLarge(problems);
            return List.of();
          }
          digest.update(content, 0, content.length);
          write(out, ByteBuffer.wrap(content));
          written = content.length;
        } else {
          try {
            written = RegularFileReader.read(input.file().get(), left, buffer -> {
              digest.update(buffer.duplicate());
              write(out, buffer);
            });
          } catch (RegularFileReader.NotRegularException e) {
            problems.add(new Violation("draft.input_file", "inputs", "input " + Review.quote(input.name()) + ": "
                + Text.printable(e.getMessage()) + " (at most " + left + " bytes are left of the draft's " + maxInputBytes + ")"));
            return List.of();
          } catch (NoSuchFileException e) {
            problems.add(new Violation("draft.input_file", "inputs", "input " + Review.quote(input.name()) + ": no file " + Text.printable(e.getMessage())));
            return List.of();
          }
        }
        out.force(true);
      }
      total += written;
      inputs.add(new InputFile(input.name(), digest.hex()));
    }
    return inputs;
  }

  private void tooLarge(List<Violation> problems) {
    problems.add(new Violation("draft.input_too_large", "inputs",
        "the attached files exceed the inbox's limit of " + maxInputBytes + " bytes per draft"));
  }

  private static void write(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /**
   * The policy's verdict on a draft as written: its own rules but the approval it cannot have yet,
   * and the backend's rules when the inbox knows the backend; a draft whose fields did not survive
   * the writing is {@code draft.unrepresentable}.
   */
  private Verdict judgeDraft(String name, byte[] bytes, Optional<Draft> meant) {
    ToolRequest request;
    try {
      request = parser.parse(name, bytes);
    } catch (RequestFormatException e) {
      return malformedDraft(e);
    }
    return judge(request, meant);
  }

  private Verdict malformedDraft(RequestFormatException e) {
    List<Violation> violations = new ArrayList<>();
    withoutApproval(validator.validateMalformed(e), violations);
    return Verdict.of(violations);
  }

  /** The verdict on a draft read back: {@link #judgeDraft} once it is parsed. */
  private Verdict judge(ToolRequest request, Optional<Draft> meant) {
    List<Violation> violations = new ArrayList<>();
    withoutApproval(validator.validate(request), violations);
    backend.ifPresent(b -> violations.addAll(PolicyValidator.checkBackend(request, policy, b).violations()));
    if (meant.isPresent() && !says(request, meant.get())) {
      violations.add(new Violation("draft.unrepresentable", "draft", "the draft does not read back as given; write its fields in plain text"));
    }
    return Verdict.of(violations);
  }

  /** A draft's verdict leaves out the approval it cannot have yet. */
  private static void withoutApproval(Verdict verdict, List<Violation> out) {
    for (Violation v : verdict.violations()) {
      if (!v.code().equals("approval.missing")) {
        out.add(v);
      }
    }
  }

  /** Whether the request read back says what the draft meant. */
  private static boolean says(ToolRequest request, Draft draft) {
    return request.purpose().equals(draft.purpose())
        && request.command().equals(draft.command().strip())
        && request.language() == draft.language()
        && request.network() == draft.network()
        && request.networkAllowlist().equals(draft.networkAllowlist())
        && request.limits().equals(draft.limits())
        && request.outputsExpected().equals(draft.outputs())
        && request.inputs().stream().map(InputFile::name).toList().equals(draft.inputs().stream().map(Draft.Input::name).toList())
        && request.approvedBy().isEmpty()
        && request.requestedBy().equals("core_draft");
  }

  /**
   * Every request of the inbox and its state, in id order (ids begin with their creation time).
   * The detail of a request that ran is its Tool Result's file name; {@link #status(String)} and
   * {@link #result(String)} say more.
   *
   * @return the requests
   * @throws IOException if a directory of the inbox cannot be listed
   */
  public List<RequestStatus> list() throws IOException {
    Map<String, RequestStatus> all = new TreeMap<>();
    Map<String, String> done = resultFiles();
    for (String id : ids(drafts())) {
      all.put(id, new RequestStatus(id, RequestState.PENDING, ""));
    }
    approvedStates(done).forEach(status -> all.put(status.requestId(), status));
    for (Map.Entry<String, String> failed : reasonFiles(failed()).entrySet()) {
      all.put(failed.getKey(), new RequestStatus(failed.getKey(), RequestState.FAILED, ""));
    }
    for (Map.Entry<String, String> rejected : reasonFiles(quarantine()).entrySet()) {
      all.put(rejected.getKey(), new RequestStatus(rejected.getKey(), RequestState.REJECTED, ""));
    }
    for (Map.Entry<String, String> result : done.entrySet()) {
      all.put(result.getKey(), new RequestStatus(result.getKey(), RequestState.DONE, result.getValue()));
    }
    return List.copyOf(all.values());
  }

  /**
   * The approved requests without a result, approved or running, in id order: what a runner looks
   * at on every poll, without listing the drafts, the quarantine, the failed requests or the
   * results: each approved request's result is looked up by name in the results index.
   */
  List<RequestStatus> approvedNotDone() throws IOException {
    List<RequestStatus> out = new ArrayList<>();
    for (String id : ids(approved())) {
      Path known = done.get(id);
      if (known != null && Files.exists(known, LinkOption.NOFOLLOW_LINKS)) {
        continue; // one stat, not the index entry read again
      }
      Optional<Path> file = resultFile(id);
      if (file.isEmpty()) {
        done.remove(id);
        out.add(new RequestStatus(id, running(id) ? RequestState.RUNNING : RequestState.APPROVED, ""));
      } else {
        done.put(id, file.get());
      }
    }
    return out;
  }

  private List<RequestStatus> approvedStates(Map<String, String> done) throws IOException {
    List<RequestStatus> out = new ArrayList<>();
    for (String id : ids(approved())) {
      if (!done.containsKey(id)) {
        out.add(new RequestStatus(id, running(id) ? RequestState.RUNNING : RequestState.APPROVED, ""));
      }
    }
    return out;
  }

  /**
   * The drafts waiting for a human, in id order.
   *
   * @return their ids
   * @throws IOException if the drafts cannot be listed
   */
  public List<String> pending() throws IOException {
    List<String> pending = new ArrayList<>(ids(drafts()));
    pending.removeIf(id -> isFile(approved().resolve(id + MD)));
    return List.copyOf(pending);
  }

  /**
   * Where a request stands.
   *
   * @param requestId the request's id
   * @return its status; empty if the inbox has no such request (or the id is not a request id)
   * @throws IOException if a directory of the inbox cannot be read
   */
  public Optional<RequestStatus> status(String requestId) throws IOException {
    Objects.requireNonNull(requestId, "requestId");
    if (!Names.isSafeRequestId(requestId)) {
      return Optional.empty();
    }
    // Terminal states first, then approved/ before drafts/: an approval links the request into
    // approved/ before its draft leaves drafts/ (a crash between leaves both: it is approved), and
    // a request leaves approved/ only by a rename into a terminal state. Each place is looked at
    // again after the one a request moves to from it, so that a move meanwhile is not missed.
    Optional<RequestStatus> terminal = terminal(requestId);
    if (terminal.isPresent()) {
      return terminal;
    }
    Optional<RequestStatus> approved = approvedState(requestId);
    if (approved.isPresent()) {
      return approved;
    }
    if (isFile(drafts().resolve(requestId + MD))) {
      approved = approvedState(requestId);
      return approved.isPresent() ? approved : Optional.of(new RequestStatus(requestId, RequestState.PENDING, ""));
    }
    approved = approvedState(requestId);
    return approved.isPresent() ? approved : terminal(requestId);
  }

  /** The state of a request in approved/: done once it has a result, running while claimed. */
  private Optional<RequestStatus> approvedState(String requestId) throws IOException {
    if (!isFile(approved().resolve(requestId + MD))) {
      return Optional.empty();
    }
    Optional<RequestStatus> done = terminal(requestId);
    return done.isPresent() ? done
        : Optional.of(new RequestStatus(requestId, running(requestId) ? RequestState.RUNNING : RequestState.APPROVED, ""));
  }

  private static boolean isFile(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  private Optional<RequestStatus> terminal(String requestId) throws IOException {
    Optional<Path> result = resultFile(requestId);
    if (result.isPresent()) {
      return Optional.of(new RequestStatus(requestId, RequestState.DONE, String.valueOf(result.get().getFileName())));
    }
    Optional<String> rejected = reasons(quarantine(), requestId);
    if (rejected.isPresent()) {
      return Optional.of(new RequestStatus(requestId, RequestState.REJECTED, rejected.get()));
    }
    return reasons(failed(), requestId).map(reasons -> new RequestStatus(requestId, RequestState.FAILED, reasons));
  }

  private boolean running(String requestId) {
    return RequestClaim.isHeld(results(), requestId);
  }

  /**
   * A pending draft as a reviewer sees it: read once, rendered for review, judged by the policy.
   *
   * @param requestId the draft's id
   * @return the review; empty if no such draft is pending
   * @throws IOException if the draft cannot be read
   * @throws dev.threegate.request.RequestFormatException if the draft is not a request (the
   *     drafts directory was written by something other than this inbox)
   */
  public Optional<PendingReview> review(String requestId) throws IOException {
    Optional<byte[]> bytes = readDraft(requestId);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    ToolRequest request = parser.parse(requestId + MD, bytes.get());
    Verdict verdict = judge(request, Optional.empty());
    String text = Review.render(request, verdict) + attachments(requestId, request);
    return Optional.of(new PendingReview(request, request.sourceSha256(), text, verdict));
  }

  /**
   * What the attached files say, for the reviewer: the command runs them, so the review shows
   * them, each line quoted as {@link Review#quote} quotes (printable ASCII), up to {@value
   * #MAX_SHOWN_BYTES} bytes of text per file; a larger or binary file is named by its path, and a
   * file whose bytes are not the ones the request pins is said to be so (the run would refuse it).
   */
  private String attachments(String requestId, ToolRequest request) throws IOException {
    if (request.inputs().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("attached files, as the command will read them:\n");
    for (InputFile input : request.inputs()) {
      Path file = inputs(requestId).resolve(input.name());
      out.append("  ").append(Review.quote("/in/" + input.name()));
      Sha256 digest = new Sha256();
      java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
      try {
        RegularFileReader.read(file, maxInputBytes, buffer -> {
          ByteBuffer copy = buffer.duplicate();
          digest.update(buffer.duplicate());
          int room = MAX_SHOWN_BYTES + 1 - shown.size();
          if (room > 0) {
            byte[] part = new byte[Math.min(room, copy.remaining())];
            copy.get(part);
            shown.write(part, 0, part.length);
          }
        });
      } catch (NoSuchFileException | RegularFileReader.NotRegularException e) {
        out.append(": MISSING or not a regular file at ").append(file).append("; the run would refuse it\n");
        continue;
      }
      if (!digest.hex().equals(input.sha256())) {
        out.append(": its bytes at ").append(file).append(" are NOT the ones the request pins; the run would refuse it\n");
        continue;
      }
      byte[] bytes = shown.toByteArray();
      Optional<String> text = bytes.length <= MAX_SHOWN_BYTES ? utf8Text(bytes) : Optional.empty();
      if (text.isEmpty()) {
        out.append(": ").append(bytes.length > MAX_SHOWN_BYTES ? "larger than " + MAX_SHOWN_BYTES + " bytes" : "not text")
            .append("; read it at ").append(file).append('\n');
        continue;
      }
      out.append(":\n");
      List<String> lines = text.get().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        out.append(String.format("    %4d ", i + 1)).append(Review.quote(lines.get(i))).append('\n');
      }
    }
    return out.toString();
  }

  private static Optional<String> utf8Text(byte[] bytes) {
    try {
      return Optional.of(Text.strictUtf8(bytes));
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private Optional<byte[]> readDraft(String requestId) throws IOException {
    Objects.requireNonNull(requestId, "requestId");
    if (!Names.isSafeRequestId(requestId)) {
      return Optional.empty();
    }
    if (isFile(approved().resolve(requestId + MD))) {
      return Optional.empty(); // approved: what is left in drafts/ is on its way out
    }
    try {
      byte[] bytes = RegularFileReader.readPrefix(drafts().resolve(requestId + MD), ParseStep.MAX_REQUEST_READ);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Approves a pending draft: its bytes must be those the reviewer saw (their SHA-256, from {@link
   * #review(String)}), and the policy must pass them. The approved request is the draft with {@code
   * approved_by} (the approver's name) and {@code approved_utc} (now) added and nothing else
   * changed; the approver signs its exact bytes ({@link Approver#approve(Approval)}, with the
   * policy's digest when it was read from a file), and the signed approval, then the request,
   * appear in {@code approved/} before the draft leaves {@code drafts/}.
   *
   * @param requestId the draft's id
   * @param reviewedSha256 the SHA-256 of the bytes the reviewer read
   * @param approver who approves
   * @return passed when approved; otherwise why not: {@code inbox.not_pending} (no such draft: run,
   *     rejected, approved by someone else meanwhile, or never submitted), {@code
   *     inbox.changed_since_review}, {@code inbox.approval_in_progress}, or the policy's violations
   * @throws IOException if the inbox cannot be read or written
   * @throws GeneralSecurityException if the approver's key cannot sign
   */
  public Verdict approve(String requestId, String reviewedSha256, Approver approver) throws IOException, GeneralSecurityException {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(reviewedSha256, "reviewedSha256");
    Objects.requireNonNull(approver, "approver");
    if (!Names.isSafeRequestId(requestId)) {
      return notPending(requestId);
    }
    Optional<RequestClaim> decision = RequestClaim.tryAcquire(drafts(), requestId);
    if (decision.isEmpty()) {
      return beingDecided(requestId);
    }
    try {
      return approveHeld(requestId, reviewedSha256.toLowerCase(java.util.Locale.ROOT), approver);
    } finally {
      decision.get().close();
    }
  }

  private Verdict beingDecided(String requestId) {
    return Verdict.of(List.of(new Violation("inbox.decision_in_progress", "request_id",
        "someone is approving or rejecting request " + requestId + " right now; look at its status")));
  }

  /** Approves while holding the request's decision lock: no other approval or rejection meanwhile. */
  private Verdict approveHeld(String requestId, String reviewedSha256, Approver approver) throws IOException, GeneralSecurityException {
    Optional<byte[]> draft = readDraft(requestId);
    if (draft.isEmpty()) {
      return notPending(requestId);
    }
    String sha256 = Sha256.hex(draft.get());
    if (!sha256.equals(reviewedSha256)) {
      return Verdict.of(List.of(new Violation("inbox.changed_since_review", "sha256", "request " + requestId
          + " is not the one reviewed: its SHA-256 is " + sha256 + ", not " + quoted(reviewedSha256) + "; review it again")));
    }
    ToolRequest reviewed;
    try {
      reviewed = parser.parse(requestId + MD, draft.get());
    } catch (RequestFormatException e) {
      return malformedDraft(e);
    }
    Verdict draftVerdict = judge(reviewed, Optional.empty());
    if (!draftVerdict.passed()) {
      return draftVerdict;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Optional<byte[]> approvedBytes = DraftFiles.withApproval(draft.get(), approver.name(), now);
    if (approvedBytes.isEmpty()) {
      return Verdict.of(List.of(new Violation("inbox.not_a_draft", "requested_by",
          "request " + requestId + " is not a draft this inbox wrote (one requested_by: core_draft line); it cannot be approved here")));
    }
    ToolRequest approved;
    try {
      approved = parser.parse(requestId + MD, approvedBytes.get());
    } catch (RequestFormatException e) {
      return validator.validateMalformed(e);
    }
    List<Violation> violations = new ArrayList<>(validator.validate(approved).violations());
    backend.ifPresent(b -> violations.addAll(PolicyValidator.checkBackend(approved, policy, b).violations()));
    if (!DraftFiles.sameButApproval(reviewed, approved) || !approved.approvedBy().equals(approver.name())) {
      violations.add(new Violation("inbox.not_a_draft", "approved_by",
          "the approved request would differ from the draft beyond its approval; not approved"));
    }
    if (!violations.isEmpty()) {
      return Verdict.of(violations);
    }
    Approval.Builder approval = Approval.builder()
        .requestName(requestId + MD)
        .requestSha256(approved.sourceSha256())
        .requestId(requestId)
        .approver(approver.name())
        .approvedAt(now);
    policy.sourceSha256().ifPresent(approval::policySha256);
    String bundle = approver.approve(approval.build());
    Files.createDirectories(approved());
    Path request = approved().resolve(requestId + MD);
    try {
      publishNew(Approver.bundleFile(request), bundle.getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      return Verdict.of(List.of(new Violation("inbox.approval_in_progress", "approved", "an approval of " + requestId
          + " exists or is being written: " + Approver.bundleFile(request) + "; if no one is approving it, a crash left it: remove it to approve again")));
    }
    try {
      publishNew(request, approvedBytes.get());
    } catch (IOException e) {
      Files.deleteIfExists(Approver.bundleFile(request));
      throw e;
    }
    Files.deleteIfExists(drafts().resolve(requestId + MD));
    SafeFiles.syncDirectory(drafts());
    return Verdict.of(List.of());
  }

  private Verdict notPending(String requestId) throws IOException {
    Optional<RequestStatus> status = status(requestId);
    return Verdict.of(List.of(new Violation("inbox.not_pending", "request_id", status
        .map(s -> "request " + requestId + " is " + s.state().wireName() + ", not pending")
        .orElse("the inbox has no request " + quoted(requestId)))));
  }

  /**
   * Rejects a pending draft: it moves into the quarantine beside its reason ({@code
   * inbox.rejected_by_reviewer}).
   *
   * @param requestId the draft's id
   * @param reason why, for the agent and the record
   * @return passed when rejected; {@code inbox.not_pending} when no such draft is pending
   * @throws IOException if the draft cannot be moved; it is then where it was
   */
  public Verdict reject(String requestId, String reason) throws IOException {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
    Objects.requireNonNull(requestId, "requestId");
    if (!Names.isSafeRequestId(requestId)) {
      return notPending(requestId);
    }
    Optional<RequestClaim> decision = RequestClaim.tryAcquire(drafts(), requestId);
    if (decision.isEmpty()) {
      return beingDecided(requestId);
    }
    try {
      if (readDraft(requestId).isEmpty()) {
        return notPending(requestId);
      }
      Quarantine.in(quarantine()).quarantine(drafts().resolve(requestId + MD), List.of(new Violation(
          "inbox.rejected_by_reviewer", "review", "rejected by the reviewer: " + Text.oneLine(reason.length() <= MAX_FIELD_CHARS ? reason : reason.substring(0, MAX_FIELD_CHARS)))));
    } catch (NoSuchFileException e) {
      return notPending(requestId);
    } finally {
      decision.get().close();
    }
    return Verdict.of(List.of());
  }

  /**
   * The Tool Result of a request that ran: parsed, judged by {@link ToolResultValidator#standard()}
   * and, when the inbox has a {@link ResultVerifier}, verified against the gate's keys.
   *
   * @param requestId the request's id
   * @return the result; empty if the request has not run (or there is no such request)
   * @throws IOException if the result cannot be read
   * @throws dev.threegate.result.ResultFormatException if the file is not a Tool Result
   */
  public Optional<InboxResult> result(String requestId) throws IOException {
    Objects.requireNonNull(requestId, "requestId");
    if (!Names.isSafeRequestId(requestId)) {
      return Optional.empty();
    }
    Optional<Path> file = resultFile(requestId);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    ToolResult result = ToolResultParser.standard().parse(file.get());
    Verdict verdict = ToolResultValidator.standard().validate(file.get());
    Optional<Verdict> attestation = verifier.map(v -> v.verify(file.get()));
    return Optional.of(new InboxResult(file.get(), result, verdict, attestation));
  }

  /** A request's Tool Result, by its entry in the results directory's index: no listing. */
  private Optional<Path> resultFile(String requestId) throws IOException {
    Path dir = results();
    Optional<String> name = ResultIndex.peek(dir, requestId);
    return name.map(dir::resolve).filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
  }

  private Map<String, String> resultFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path file : entries(results())) {
      String name = String.valueOf(file.getFileName());
      Names.requestIdOfResultFile(name).ifPresent(id -> out.put(id, name));
    }
    return out;
  }

  /** The ids of the {@code <id>.md} requests of a directory. */
  private static List<String> ids(Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    for (Path file : entries(dir)) {
      requestId(String.valueOf(file.getFileName())).ifPresent(ids::add);
    }
    ids.sort(null);
    return ids;
  }

  /** The id of a request file name {@code <id>.md}. */
  static Optional<String> requestId(String fileName) {
    if (!fileName.endsWith(MD)) {
      return Optional.empty();
    }
    String id = fileName.substring(0, fileName.length() - MD.length());
    return Names.isSafeRequestId(id) ? Optional.of(id) : Optional.empty();
  }

  /** The requests of a quarantine-like directory: {@code <id>.md[.N]} beside its reasons. */
  private static Map<String, String> reasonFiles(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path file : entries(dir)) {
      String name = String.valueOf(file.getFileName());
      if (name.endsWith(REASONS)) {
        String moved = name.substring(0, name.length() - REASONS.length());
        int md = moved.lastIndexOf(MD);
        if (md > 0) {
          requestId(moved.substring(0, md + MD.length())).ifPresent(id -> out.put(id, moved));
        }
      }
    }
    return out;
  }

  /**
   * The reasons of the latest move of a request into a quarantine-like directory: the quarantine
   * names a request moved there again {@code <id>.md.1}, {@code .2} …, the first free one.
   */
  private static Optional<String> reasons(Path dir, String requestId) throws IOException {
    Path reasons = null;
    for (int n = 0; n <= MAX_MOVES; n++) {
      String name = requestId + MD + (n == 0 ? "" : "." + n);
      Path candidate = dir.resolve(name + REASONS);
      if (isFile(candidate)) {
        reasons = candidate;
      } else if (!Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
    }
    if (reasons == null) {
      return Optional.empty();
    }
    try {
      byte[] bytes = RegularFileReader.readPrefix(reasons, MAX_REASON_BYTES);
      return Optional.of(new String(bytes, 0, Math.min(bytes.length, MAX_REASON_BYTES), StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static List<Path> entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (!String.valueOf(file.getFileName()).startsWith(".") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          out.add(file);
        }
      }
    }
    return out;
  }

  /**
   * Removes what a process killed while writing left, when older than an hour by the file
   * system's clock (a live write takes milliseconds): temporary files in the drafts and the
   * approved requests, staged inputs, the inputs of a request that was never written, and a draft
   * left beside its approved request. Runners call it when they start.
   *
   * @return the paths removed
   * @throws IOException if a directory cannot be listed
   */
  List<Path> sweepTemporary() throws IOException {
    Instant before = Instant.now().minus(java.time.Duration.ofHours(1));
    List<Path> removed = new ArrayList<>();
    for (Path dir : List.of(drafts(), approved(), inputsRoot())) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{.new-*.tmp,.staging-*}")) {
        for (Path file : files) {
          if (olderThan(file, before)) {
            SafeFiles.deleteTree(file);
            removed.add(file);
          }
        }
      }
    }
    for (String id : ids(drafts())) {
      Path draft = drafts().resolve(id + MD);
      if (isFile(approved().resolve(id + MD)) && olderThan(draft, before)) {
        Files.deleteIfExists(draft); // an approval that died before removing the draft
        removed.add(draft);
      }
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(inputsRoot(), entry -> Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
        && Names.isSafeRequestId(String.valueOf(entry.getFileName())))) {
      for (Path dir : dirs) {
        String id = String.valueOf(dir.getFileName());
        if (olderThan(dir, before) && status(id).isEmpty()) {
          SafeFiles.deleteTree(dir); // a submission that died between its inputs and its draft
          removed.add(dir);
        }
      }
    }
    return removed;
  }

  private static boolean olderThan(Path file, Instant before) throws IOException {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static String safeId(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    if (!Names.isSafeRequestId(requestId)) {
      throw new IllegalArgumentException("not a request id: " + Review.quote(requestId));
    }
    return requestId;
  }

  /**
   * Writes a new file whole under a temporary name in its directory, forced to the device, then
   * links it in place: it appears whole, once, and never over an existing file.
   *
   * @throws FileAlreadyExistsException if the target exists
   */
  static void publishNew(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temporary = dir.resolve(".new-" + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        write(channel, ByteBuffer.wrap(content));
        channel.force(true);
      }
      Files.createLink(target, temporary);
    } finally {
      Files.deleteIfExists(temporary);
    }
    SafeFiles.syncDirectory(dir);
  }

  @Override
  public String toString() {
    return "Inbox[" + root + "]";
  }

  /** Builds an {@link Inbox}; not thread-safe. */
  public static final class Builder {
    private final Path root;
    private Policy policy = Policy.defaults();
    private PolicyValidator validator;
    private BackendInfo backend;
    private Clock clock = Clock.systemUTC();
    private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
    private ResultVerifier verifier;

    private Builder(Path root) {
      this.root = root;
    }

    /**
     * Sets the policy drafts are judged by; use the runner's. Default: {@link Policy#defaults()}.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder policy(Policy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * Sets the validator; default: the policy's standard validator.
     *
     * @param value the validator
     * @return this builder
     */
    public Builder validator(PolicyValidator value) {
      this.validator = Objects.requireNonNull(value, "validator");
      return this;
    }

    /**
     * Sets the backend requests will run on: drafts then ask for it unless they name one, and are
     * judged by its rules before they are written. Default: none (drafts ask for {@code ERA} and
     * only the runner applies the backend's rules).
     *
     * @param value the runner's executor's backend
     * @return this builder
     */
    public Builder backend(BackendInfo value) {
      this.backend = Objects.requireNonNull(value, "backend");
      return this;
    }

    /**
     * Sets the clock of ids, creation and approval times.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the most bytes of attached files a draft may have.
     *
     * @param value at least 0; default {@link #DEFAULT_MAX_INPUT_BYTES}
     * @return this builder
     */
    public Builder maxInputBytes(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxInputBytes must not be negative: " + value);
      }
      this.maxInputBytes = value;
      return this;
    }

    /**
     * Sets the verifier of the results' attestations ({@link InboxResult#attestation()}).
     *
     * @param value the verifier, trusting the gate's keys
     * @return this builder
     */
    public Builder resultVerifier(ResultVerifier value) {
      this.verifier = Objects.requireNonNull(value, "verifier");
      return this;
    }

    /**
     * Builds the inbox, creating its directories when missing.
     *
     * @return the inbox
     * @throws IOException if a directory cannot be created
     */
    public Inbox build() throws IOException {
      Inbox inbox = new Inbox(this);
      for (Path dir : List.of(inbox.drafts(), inbox.approved(), inbox.inputsRoot(), inbox.results(), inbox.quarantine(), inbox.failed())) {
        Files.createDirectories(dir);
      }
      return inbox;
    }
  }
}
