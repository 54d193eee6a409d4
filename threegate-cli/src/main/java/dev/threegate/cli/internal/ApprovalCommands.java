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

import dev.threegate.cli.internal.Arguments.UsageException;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ResultVerifier;
import dev.threegate.result.ToolResultParser;
import dev.threegate.trust.Approval;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Review;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Optional;

/**
 * The commands of signed approvals: {@code keygen}, {@code review} and {@code approve}. A review
 * is printed on standard output; verdicts and errors go to standard error as the other commands'
 * do ({@code ACCEPT:}, {@code REJECT:}, {@code ERROR:}).
 */
public final class ApprovalCommands {
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final Confirmation confirmation;

  /** Asks the person at the terminal, if there is one. */
  public interface Confirmation {
    /** No terminal: nothing can be confirmed. */
    Confirmation NONE = new Confirmation() {
      @Override
      public boolean available() {
        return false;
      }

      @Override
      public boolean confirm(String question) {
        return false;
      }
    };

    /**
     * Whether a person can be asked.
     *
     * @return true at a terminal
     */
    boolean available();

    /**
     * Asks a yes-or-no question.
     *
     * @param question the question
     * @return true only if the answer is {@code yes}
     */
    boolean confirm(String question);

    /**
     * The console of this process, if it has one.
     *
     * @return a confirmation at the console, or {@link #NONE}
     */
    static Confirmation console() {
      java.io.Console console = System.console();
      if (console == null) {
        return NONE;
      }
      return new Confirmation() {
        @Override
        public boolean available() {
          return true;
        }

        @Override
        public boolean confirm(String question) {
          String answer = console.readLine("%s", question);
          return answer != null && answer.strip().equals("yes");
        }
      };
    }
  }

  /**
   * The commands, printing to these streams.
   *
   * @param out where reviews go
   * @param err where verdicts and errors go
   * @param clock the approvals' clock
   * @param confirmation who approve asks before signing when no {@code --sha256} is given
   */
  public ApprovalCommands(PrintStream out, PrintStream err, Clock clock, Confirmation confirmation) {
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.confirmation = confirmation;
  }

  /**
   * {@code keygen --out PREFIX [--algorithm ecdsa-p256|ed25519]}: writes {@code PREFIX.key}
   * (PKCS#8 PEM, owner-only) and {@code PREFIX.pub} (SubjectPublicKeyInfo PEM); neither may exist.
   *
   * @param arguments the command line
   * @return the exit code
   * @throws IOException if a file cannot be written
   */
  public int keygen(Arguments arguments) throws IOException {
    String prefix = arguments.option("--out").orElseThrow(() -> new UsageException("keygen needs --out PREFIX"));
    KeyAlgorithm algorithm = switch (arguments.option("--algorithm").orElse("ecdsa-p256")) {
      case "ecdsa-p256" -> KeyAlgorithm.ECDSA_P256;
      case "ed25519" -> KeyAlgorithm.ED25519;
      default -> throw new UsageException("--algorithm takes ecdsa-p256 or ed25519");
    };
    Path privateFile = Path.of(prefix + ".key");
    Path publicFile = Path.of(prefix + ".pub");
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        err.println("ERROR: " + file + " exists; a key is never overwritten");
        return CommandLineSpec.RUNTIME_ERROR;
      }
    }
    Path parent = privateFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    KeyPair pair = Keys.generate(algorithm);
    Files.writeString(
        Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        Keys.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    Files.writeString(publicFile, Keys.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    out.println("key id " + Keys.keyId(pair.getPublic()));
    err.println("ACCEPT: wrote " + privateFile + " (keep it private) and " + publicFile + " (give it to the gate's trust store)");
    return CommandLineSpec.OK;
  }

  /**
   * {@code review FILE}: prints what the request will run and the policy's verdict.
   *
   * @param file the request file
   * @param judge the policy (and backend) the request is judged by
   * @return 0 if the policy passes it, 2 if not, 3 if it cannot be read
   */
  public int review(Path file, PolicyValidator judge) {
    Optional<Reviewed> reviewed = read(file, judge);
    if (reviewed.isEmpty()) {
      return CommandLineSpec.RUNTIME_ERROR;
    }
    return verdict(file, reviewed.get());
  }

  /**
   * {@code approve FILE --key K [--pub P] --as NAME}: reviews the request, refuses one the policy
   * rejects or that names another approver, and writes the signed approval beside it ({@code
   * FILE.approval.sigstore.json}, never over an existing one).
   *
   * @param file the request file
   * @param judge the policy (and backend) the request is judged by
   * @param arguments the command line
   * @return 0 if approved, 2 if refused, 3 on a runtime error
   * @throws IOException if a key or the approval cannot be read or written
   */
  public int approve(Path file, PolicyValidator judge, Optional<String> policySha256, Arguments arguments) throws IOException {
    Path keyFile = arguments.requiredPath("--key");
    String name = arguments.option("--as").orElseThrow(() -> new UsageException("approve needs --as NAME"));
    Optional<String> reviewedSha256 = arguments.option("--sha256");
    if (reviewedSha256.isEmpty() && !confirmation.available()) {
      throw new UsageException("approve needs --sha256 DIGEST, the sha256 line of the review you read, when it cannot ask at a terminal");
    }
    Optional<Reviewed> reviewed = read(file, judge);
    if (reviewed.isEmpty()) {
      return CommandLineSpec.RUNTIME_ERROR;
    }
    if (verdict(file, reviewed.get()) != CommandLineSpec.OK) {
      err.println("REJECT: not signed: the policy rejects " + file);
      return CommandLineSpec.REJECTED;
    }
    ToolRequest request = reviewed.get().request.orElseThrow();
    if (!request.approvedBy().equals(name)) {
      err.println("REJECT: not signed: " + file + " is to be approved by " + Review.quote(request.approvedBy())
          + " (approved_by), not by " + Review.quote(name));
      return CommandLineSpec.REJECTED;
    }
    // the bytes signed are the bytes the human read: named by the digest their review showed, or
    // confirmed at the terminal after the review above (the file may change between two commands)
    if (reviewedSha256.isPresent() && !reviewedSha256.get().equals(request.sourceSha256())) {
      err.println("REJECT: not signed: " + file + " has changed since the review you read (sha256 "
          + request.sourceSha256() + ", not " + Review.quote(reviewedSha256.get()) + "); review it again");
      return CommandLineSpec.REJECTED;
    }
    if (reviewedSha256.isEmpty() && !confirmation.confirm("Sign these bytes (sha256 " + request.sourceSha256() + ") as "
        + name + "? Type yes to sign: ")) {
      err.println("REJECT: not signed: not confirmed");
      return CommandLineSpec.REJECTED;
    }
    Path bundleFile = Approver.bundleFile(file);
    if (Files.exists(bundleFile, LinkOption.NOFOLLOW_LINKS)) {
      err.println("ERROR: " + bundleFile + " exists; remove it to approve again");
      return CommandLineSpec.RUNTIME_ERROR;
    }
    Signer signer = signer(keyFile, arguments.path("--pub"));
    String bundle;
    try {
      Approval.Builder approval = Approval.builder()
          .requestName(request.sourceName())
          .requestSha256(request.sourceSha256())
          .requestId(request.requestId())
          .approver(request.approvedBy())
          .approvedAt(clock.instant().truncatedTo(ChronoUnit.SECONDS));
      policySha256.ifPresent(approval::policySha256); // the policy file the request was judged by, as parsed
      bundle = Approver.of(name, signer).approve(approval.build());
    } catch (GeneralSecurityException e) {
      err.println("ERROR: the key cannot sign: " + Messages.plain(e));
      return CommandLineSpec.RUNTIME_ERROR;
    }
    publish(bundleFile, bundle);
    err.println("ACCEPT: " + file + " approved by " + name + " with key " + signer.keyId() + "; wrote " + bundleFile);
    return CommandLineSpec.OK;
  }

  /**
   * The signer of a private key file and its public key: {@code pub}, or beside the private key
   * ({@code .key} replaced by {@code .pub}).
   *
   * @param keyFile the private key, PKCS#8 PEM
   * @param pub the public key, if named
   * @return the signer, its halves checked to be a pair
   * @throws IOException if a key cannot be read, or the public key is missing (saying how to make it)
   */
  public static Signer signer(Path keyFile, Optional<Path> pub) throws IOException {
    Path publicFile = pub.orElse(defaultPublicKey(keyFile));
    if (!Files.isRegularFile(publicFile)) {
      throw new IOException("no public key " + publicFile + " beside the private key; make it with: openssl pkey -in "
          + keyFile + " -pubout -out " + publicFile + " (or name it with --pub)");
    }
    return Signer.of(Keys.readPrivateKey(keyFile), Keys.readPublicKey(publicFile));
  }

  /**
   * {@code verify RESULT... --gate-key PUB [--approvers DIR] [--request FILE]}: verifies each Tool
   * Result's chain.
   *
   * @param arguments the command line
   * @return 0 if every result verifies, 2 if one does not
   * @throws IOException if a key or the trust store cannot be read
   */
  public int verify(Arguments arguments) throws IOException {
    ResultVerifier.Builder builder = ResultVerifier.builder(List.of(Keys.readPublicKey(arguments.requiredPath("--gate-key"))));
    Optional<Path> approvers = arguments.path("--approvers");
    if (approvers.isPresent()) {
      builder.approvers(Approvers.read(approvers.get()));
    }
    ResultVerifier verifier = builder.build();
    Optional<Path> request = arguments.path("--request");
    int worst = CommandLineSpec.OK;
    for (String name : arguments.positionals()) {
      Path result = Path.of(name);
      Verdict verdict = request.isPresent() ? verifier.verify(result, request.get()) : verifier.verify(result);
      if (verdict.passed()) {
        err.println("ACCEPT: " + result + " verifies: signed by the gate, every file as signed"
            + (approvers.isPresent() && signedApproval(result) ? ", its signed approval verified" : "")
            + request.map(r -> ", ran " + r).orElse(""));
      } else {
        err.println("REJECT: " + result);
        verdict.violations().forEach(v ->
            err.println(Messages.error(v)));
        worst = CommandLineSpec.REJECTED;
      }
    }
    return worst;
  }

  private static boolean signedApproval(Path result) {
    try {
      return ToolResultParser.standard().parse(result).approval().filter("signed"::equals).isPresent();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Path defaultPublicKey(Path keyFile) {
    String name = keyFile.getFileName().toString();
    String base = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
    return keyFile.resolveSibling(base + ".pub");
  }

  /**
   * Writes the whole file under a new random name (created, never opened again by name, so no link
   * planted in the directory is followed), then links it in place: it appears whole, once.
   */
  private static void publish(Path target, String content) throws IOException {
    Path temporary = target.resolveSibling(".approval-" + UUID.randomUUID() + ".tmp");
    try {
      try (SeekableByteChannel channel = Files.newByteChannel(temporary,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC, LinkOption.NOFOLLOW_LINKS))) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
      try {
        Files.createLink(target, temporary);
      } catch (FileAlreadyExistsException e) {
        throw new IOException(target + " appeared meanwhile; not overwritten", e);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private record Reviewed(Optional<ToolRequest> request, Verdict verdict) {}

  private Optional<Reviewed> read(Path file, PolicyValidator judge) {
    try {
      // read once, without following links or blocking on a FIFO; what is shown and signed is what was parsed
      ToolRequest request = ToolRequestParser.standard().parse(file);
      Verdict verdict = judge.validate(request);
      out.print(Review.render(request, verdict));
      return Optional.of(new Reviewed(Optional.of(request), verdict));
    } catch (RequestFormatException e) {
      return Optional.of(new Reviewed(Optional.empty(), judge.validateMalformed(e)));
    } catch (IOException e) {
      err.println("ERROR: cannot read request file " + file + ": " + Messages.plain(e));
      return Optional.empty();
    }
  }

  private int verdict(Path file, Reviewed reviewed) {
    if (reviewed.verdict.passed() && reviewed.request.isPresent()) {
      err.println("ACCEPT: " + file + " passes the policy; the review above is what will run");
      return CommandLineSpec.OK;
    }
    err.println("REJECT: " + file);
    reviewed.verdict.violations().forEach(v ->
        err.println(Messages.error(v)));
    return CommandLineSpec.REJECTED;
  }
}
