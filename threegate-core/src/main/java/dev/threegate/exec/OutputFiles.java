package dev.threegate.exec;

import dev.threegate.internal.io.SafeFiles;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The files a tool left in {@code /out}, for anyone writing an {@link Executor}: every regular file
 * becomes an {@link Artifact} with its SHA-256; links and special files are not followed and not
 * collected but reported as anomalies, as is anything past the limits (10,000 files, 16 levels).
 *
 * @param artifacts the regular files, in name order
 * @param anomalies what was left out and why, for people
 */
public record OutputFiles(List<Artifact> artifacts, List<String> anomalies) {
  private static final int MAX_FILES = 10_000;
  private static final int MAX_DEPTH = 16;

  /**
   * Checks and copies the components.
   *
   * @param artifacts the regular files
   * @param anomalies what was left out
   */
  public OutputFiles {
    artifacts = List.copyOf(artifacts);
    anomalies = List.copyOf(anomalies);
  }

  /**
   * Walks an outputs directory without following links.
   *
   * @param outputsDir the directory that was {@code /out}
   * @return the artifacts and anomalies
   * @throws IOException if the directory cannot be read
   */
  public static OutputFiles collect(Path outputsDir) throws IOException {
    Objects.requireNonNull(outputsDir, "outputsDir");
    List<Artifact> artifacts = new ArrayList<>();
    List<String> anomalies = new ArrayList<>();
    Files.walkFileTree(
        outputsDir,
        EnumSet.noneOf(FileVisitOption.class),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            String name = outputsDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            if (attrs.isDirectory()) {
              anomalies.add("/out/" + name + ": nested deeper than " + MAX_DEPTH + " levels, not collected");
            } else if (attrs.isSymbolicLink()) {
              anomalies.add("/out/" + name + ": a symbolic link, not followed or collected");
            } else if (!attrs.isRegularFile()) {
              anomalies.add("/out/" + name + ": a special file, not collected");
            } else if (artifacts.size() >= MAX_FILES) {
              anomalies.add("/out/" + name + ": more than " + MAX_FILES + " files, not collected");
              return FileVisitResult.TERMINATE;
            } else {
              artifacts.add(new Artifact(name, file, attrs.size(), sha256(file)));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            anomalies.add("/out/" + outputsDir.relativize(file) + ": unreadable (" + e.getClass().getSimpleName() + ")");
            return FileVisitResult.CONTINUE;
          }
        });
    artifacts.sort(Comparator.comparing(Artifact::name));
    return new OutputFiles(artifacts, anomalies);
  }

  /**
   * The SHA-256 of a file's bytes, streamed, not following a link.
   *
   * @param file the file
   * @return 64 lowercase hex digits
   * @throws IOException if it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    return SafeFiles.sha256(file);
  }

}
