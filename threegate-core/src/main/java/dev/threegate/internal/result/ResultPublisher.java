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
package dev.threegate.internal.result;

import dev.threegate.exec.Artifact;
import dev.threegate.exec.CapturedStream;
import dev.threegate.internal.io.SafeFiles;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.text.Names;
import dev.threegate.internal.text.Text;
import dev.threegate.result.WrittenResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Stages the files of one Tool Result and publishes them (trusted computing base). Not
 * thread-safe: one instance per write.
 *
 * <p>Everything is first written under private names in {@code <resultsDir>/.threegate/staging/},
 * on the same file system, each file forced to disk and its hash checked against the one
 * recorded. {@link #publish} then makes them visible: the stream files by hard links and the
 * artifacts directory by a rename, the copy of a signed approval and the result's attestation by
 * hard links, all of which fail rather than replace, the directory forced, and the Markdown file
 * last, by a hard link. A reader who sees the Markdown file therefore sees
 * every artifact complete; if anything fails, what this publisher made visible is removed again.
 * Before any of them, the request's entry in the {@link ResultIndex} is linked, and the index is
 * forced with the first forcing of the results directory.
 * {@link #close} removes what is left of the staging.
 */
final class ResultPublisher implements AutoCloseable {
  private final Path resultsDir;
  private final String resultId;
  private final String requestId;
  private final Path stagingRoot;
  private final Layout staged;
  private final Layout target;
  private ResultFile stdout;
  private ResultFile stderr;
  private final List<ResultFiles.OutputFile> outputs = new ArrayList<>();
  private ResultFile approval;
  private boolean attestationStaged;
  private boolean markdownStaged;
  private Path stagedEntry;

  private ResultPublisher(Path resultsDir, String resultId, String requestId, Path stagingRoot) {
    this.resultsDir = resultsDir;
    this.resultId = resultId;
    this.requestId = requestId;
    this.stagingRoot = stagingRoot;
    this.staged = new Layout(stagingRoot, UUID.randomUUID().toString());
    this.target = new Layout(resultsDir, resultId);
  }

  /**
   * Opens the staging of one result, creating the results directory and its staging directory
   * when missing.
   */
  static ResultPublisher open(Path resultsDir, String resultId) throws IOException {
    Objects.requireNonNull(resultId, "resultId");
    String requestId = Names.requestIdOfResultFile(resultId + ".md")
        .orElseThrow(() -> new IllegalArgumentException("not a result id: " + Text.printable(resultId)));
    Files.createDirectories(resultsDir);
    Path stagingRoot = Files.createDirectories(resultsDir.resolve(".threegate").resolve("staging"));
    ResultIndex.ensure(resultsDir);
    return new ResultPublisher(resultsDir, resultId, requestId, stagingRoot);
  }

  /** Stages the standard output's whole file, checking its hash. */
  void stageStdout(CapturedStream stream) throws IOException {
    stdout = stageStream(stream, staged.stdout, target.stdout);
  }

  /** Stages the standard error's whole file, checking its hash. */
  void stageStderr(CapturedStream stream) throws IOException {
    stderr = stageStream(stream, staged.stderr, target.stderr);
  }

  private ResultFile stageStream(CapturedStream stream, Path file, Path published) throws IOException {
    return new ResultFile(published.getFileName().toString(), copyVerified(stream.file(), file, stream.sha256()), stream.bytes());
  }

  /**
   * Stages a file from {@code /out} under its name, checking its hash.
   *
   * @throws IOException if its name holds a control or invisible character or leaves the outputs
   *     directory, or the file changed after it was hashed
   */
  void stageOutput(Artifact artifact) throws IOException {
    if (!Text.oneLine(artifact.name()).equals(artifact.name())) {
      throw new IOException("artifact name holds a control or invisible character: " + Text.oneLine(artifact.name()));
    }
    if (!Files.isDirectory(staged.out, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(staged.out);
    }
    Path file = staged.out.resolve(artifact.name()).normalize();
    if (!file.startsWith(staged.out)) {
      throw new IOException("artifact name leaves the outputs directory: " + Text.printable(artifact.name()));
    }
    Files.createDirectories(file.getParent());
    outputs.add(new ResultFiles.OutputFile(artifact.name(),
        new ResultFile(resultId + ".out/" + artifact.name(), copyVerified(artifact.file(), file, artifact.sha256()), artifact.bytes())));
  }

  /**
   * Stages the copy of the signed approval the request ran under, as verified, forced to disk: the
   * result's chain then verifies from the results directory alone.
   */
  void stageApproval(String bundle) throws IOException {
    byte[] bytes = bundle.getBytes(StandardCharsets.UTF_8);
    writeForced(staged.approval, bytes);
    approval = new ResultFile(target.approval.getFileName().toString(), Sha256.hex(bytes), bytes.length);
  }

  /** The files staged so far: both streams must be. */
  ResultFiles files() {
    if (stdout == null || stderr == null) {
      throw new IllegalStateException("both streams are staged before the files are listed");
    }
    return new ResultFiles(stdout, stderr, outputs, Optional.ofNullable(approval));
  }

  /** Stages the signed attestation of the result, forced to disk; it is published before the Markdown. */
  void stageAttestation(byte[] bundle) throws IOException {
    writeForced(staged.attestation, bundle);
    attestationStaged = true;
  }

  /**
   * Stages the Markdown document, forced to disk.
   *
   * @throws IOException if it is larger than a reader accepts, or cannot be written
   */
  void stageMarkdown(byte[] document) throws IOException {
    if (document.length > ResultReader.MAX_BYTES) {
      throw new IOException("the Tool Result would be " + document.length + " bytes, more than a reader accepts ("
          + ResultReader.MAX_BYTES + "); lower the output file budget");
    }
    writeForced(staged.markdown, document);
    markdownStaged = true;
  }

  private static void writeForced(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Publishes the staged files, the Markdown last; never replaces an existing file.
   *
   * @throws FileAlreadyExistsException if a result with this id, or one of its files, exists
   */
  WrittenResult publish() throws IOException {
    if (!markdownStaged) {
      throw new IllegalStateException("the Markdown document is staged before it is published");
    }
    ResultFiles files = files();
    if (Files.isDirectory(staged.out, LinkOption.NOFOLLOW_LINKS)) {
      syncDirectories(staged.out);
    }
    if (Files.exists(target.markdown, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.markdown.toString(), null, "a Tool Result with this id exists");
    }
    stagedEntry = ResultIndex.stage(stagingRoot, resultId);
    List<Path> published = new ArrayList<>();
    Optional<Path> entry = Optional.empty();
    boolean done = false;
    try {
      // The index entry first: forced before the results directory, so that a durable result
      // always has a durable entry; an entry whose result never appears costs a listing.
      entry = ResultIndex.link(resultsDir, stagedEntry, requestId);
      Files.createLink(target.stdout, staged.stdout);
      published.add(target.stdout);
      Files.createLink(target.stderr, staged.stderr);
      published.add(target.stderr);
      if (approval != null) {
        Files.createLink(target.approval, staged.approval);
        published.add(target.approval);
      }
      if (Files.isDirectory(staged.out)) {
        if (Files.exists(target.out, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(target.out.toString());
        }
        try {
          Files.move(staged.out, target.out);
        } catch (DirectoryNotEmptyException e) {
          throw new FileAlreadyExistsException(target.out.toString());
        }
        published.add(target.out);
      }
      if (attestationStaged) {
        Files.createLink(target.attestation, staged.attestation);
        published.add(target.attestation);
      }
      // The syncs of a result, each needed (a small result with one /out file: four file and four
      // directory fsyncs; nothing else is forced, not the staging directory, whose names only
      // matter until the links below exist, nor the run directory, which is deleted):
      // - every staged file was forced as it was written (copyVerified, writeForced): a link
      //   published below names an inode whose bytes are on the device;
      // - each directory of the staged .out tree was forced above, before it moved: the names of
      //   the /out files inside it survive with it;
      // - this one: the names of stdout, stderr, the approval, the .out tree and the attestation,
      //   all made in this directory, forced together, so that no crash leaves the Markdown
      //   naming a file that is not there (a file system may otherwise persist the Markdown's
      //   link first);
      // - the index's directory just before: the request's entry, linked before any file of the
      //   result, is durable before the result can be, so a durable result always has its entry
      //   and its request never runs twice;
      SafeFiles.syncDirectory(ResultIndex.directory(resultsDir));
      SafeFiles.syncDirectory(resultsDir);
      Files.createLink(target.markdown, staged.markdown);
      published.add(target.markdown);
      // - and this one: the Markdown's name, before the result is reported as written.
      SafeFiles.syncDirectory(resultsDir);
      done = true;
    } finally {
      if (!done) {
        for (Path path : published) {
          SafeFiles.deleteTree(path);
        }
        if (entry.isPresent()) {
          ResultIndex.unlink(entry.get(), resultId);
        }
      }
    }
    return new WrittenResult(resultId, target.markdown, files.run().stream().map(f -> resultsDir.resolve(f.path())).toList());
  }

  /** Removes what is left of the staging: everything after a publish, or after a failure. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(staged.stdout);
    Files.deleteIfExists(staged.stderr);
    Files.deleteIfExists(staged.markdown);
    Files.deleteIfExists(staged.approval);
    Files.deleteIfExists(staged.attestation);
    if (stagedEntry != null) {
      Files.deleteIfExists(stagedEntry);
    }
    SafeFiles.deleteTree(staged.out);
  }

  /** The names of one result's files inside a directory: the published names, or staged ones. */
  private static final class Layout {
    final Path markdown;
    final Path stdout;
    final Path stderr;
    final Path out;
    final Path approval;
    final Path attestation;

    Layout(Path dir, String name) {
      markdown = dir.resolve(name + ".md");
      stdout = dir.resolve(name + ".stdout.txt");
      stderr = dir.resolve(name + ".stderr.txt");
      out = dir.resolve(name + ".out");
      approval = dir.resolve(name + ".approval.sigstore.json");
      attestation = dir.resolve(name + ".sigstore.json");
    }
  }

  /** Forces every directory of a staged tree, deepest first, so that each file's name is durable. */
  private static void syncDirectories(Path root) throws IOException {
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(root)) {
      dirs = walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path dir : dirs) {
      SafeFiles.syncDirectory(dir);
    }
  }

  /** Copies a file while hashing it, and refuses a copy whose hash differs from the one recorded. */
  private static String copyVerified(Path source, Path target, String expected) throws IOException {
    String actual = SafeFiles.copyHashedDurably(source, target);
    if (!actual.equals(expected)) {
      throw new IOException("file " + source + " changed after it was hashed: recorded " + expected + ", now " + actual);
    }
    return actual;
  }
}
