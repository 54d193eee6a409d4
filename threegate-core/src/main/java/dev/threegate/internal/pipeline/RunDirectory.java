package dev.threegate.internal.pipeline;

import dev.threegate.internal.io.SafeFiles;
import dev.threegate.policy.Violation;
import dev.threegate.request.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The private working directory of one run: {@code in/} (the staged, verified, read-only inputs),
 * {@code out/} (empty, for the tool) and {@code scratch/} (the executor's own files). Created with
 * owner-only permissions and removed on {@link #close()}.
 */
public final class RunDirectory implements AutoCloseable {
  private final Path root;
  private final Path in;
  private final Path out;
  private final Path scratch;

  private RunDirectory(Path root) throws IOException {
    this.root = root;
    this.in = Files.createDirectory(root.resolve("in"));
    this.out = Files.createDirectory(root.resolve("out"));
    this.scratch = Files.createDirectory(root.resolve("scratch"));
  }

  /**
   * Creates a run directory.
   *
   * @param parent where to create it
   * @return the run directory
   * @throws IOException if it cannot be created
   */
  public static RunDirectory create(Path parent) throws IOException {
    Files.createDirectories(parent);
    return new RunDirectory(Files.createTempDirectory(parent, "threegate-run-"));
  }

  /** @return the staged inputs, {@code /in} */
  public Path in() {
    return in;
  }

  /** @return the outputs, {@code /out} */
  public Path out() {
    return out;
  }

  /** @return the executor's scratch directory */
  public Path scratch() {
    return scratch;
  }

  /**
   * Copies each declared input from the inputs directory into {@code in/}, hashes the copy (so the
   * source cannot change after the check) and compares it with the declared SHA-256. The copies
   * and {@code in/} are then made read-only.
   *
   * @param inputs the declared inputs
   * @param inputsDir where they are, if an inputs directory was given
   * @return every problem ({@code input.missing}, {@code input.not_regular}, {@code
   *     input.sha256_mismatch}); empty when all inputs are staged
   * @throws IOException if copying fails for another reason
   */
  public List<Violation> stage(List<InputFile> inputs, Optional<Path> inputsDir) throws IOException {
    List<Violation> problems = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      InputFile input = inputs.get(i);
      String where = "inputs[" + i + "]";
      String name = input.name();
      if (inputsDir.isEmpty()) {
        problems.add(new Violation("input.missing", where, "input '" + name + "' is declared but no inputs directory was given"));
        continue;
      }
      Path source = inputsDir.get().resolve(name);
      if (name.isEmpty() || name.equals(".") || name.equals("..") || !inputsDir.get().equals(source.getParent())) {
        problems.add(new Violation("input.name_invalid", where, "input name '" + name + "' is not a plain file name"));
        continue;
      }
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new Violation("input.missing", where, "input '" + name + "' is not in the inputs directory"));
        continue;
      }
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new Violation("input.not_regular", where, "input '" + name + "' is a link or not a regular file"));
        continue;
      }
      Path copy = in.resolve(name);
      String actual = SafeFiles.copyHashed(source, copy);
      if (!actual.equals(input.sha256())) {
        problems.add(new Violation("input.sha256_mismatch", where,
            "input '" + name + "' has SHA-256 " + actual + ", the request declares " + input.sha256()));
      }
      setPermissions(copy, "r--r--r--");
    }
    setPermissions(in, "r-xr-xr-x");
    return problems;
  }

  private static void setPermissions(Path path, String permissions) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } else {
      path.toFile().setWritable(false, false);
    }
  }

  @Override
  public void close() throws IOException {
    SafeFiles.deleteTree(root);
  }
}
