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

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Failures in plain words: what happened to which file, never a Java class name. */
public final class Messages {
  /** {@code java.nio.file.NoSuchFileException: }, {@code IOException: } and the like. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)*(?:[A-Z][A-Za-z0-9_$]*)(?:Exception|Error)\\b:? ?");
  /** {@code writer dev.threegate.internal.result.StandardToolResultWriter failed}. */
  private static final Pattern COMPONENT =
      Pattern.compile("\\b(writer|parser|validator|executor) (?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]* (failed|threw)");

  private Messages() {}

  /**
   * A failure in plain words.
   *
   * @param failure the failure
   * @return one sentence naming the file it concerns, where it concerns one
   */
  public static String plain(Throwable failure) {
    if (failure instanceof FileSystemException fs) {
      return fileSystem(fs);
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getCause() != null && failure.getCause() != failure ? plain(failure.getCause()) : "an unexpected failure";
    }
    return plain(message);
  }

  /**
   * A pipeline's failure message in plain words: where it quotes its cause, the cause is put in
   * words.
   *
   * @param message the message
   * @param cause its cause, if known
   * @return the message without Java class names
   */
  public static String plain(String message, Optional<Throwable> cause) {
    String text = message;
    if (cause.isPresent()) {
      Throwable c = cause.get();
      text = text.replace(c.toString(), plain(c));
    }
    return plain(text);
  }

  /**
   * Removes Java class names from a message.
   *
   * @param message the message
   * @return the message in words
   */
  public static String plain(String message) {
    String text = COMPONENT.matcher(message).replaceAll(m -> switch (m.group(1)) {
      case "writer" -> "writing the Tool Result " + m.group(2);
      case "parser" -> "reading the request " + m.group(2);
      case "validator" -> "checking the request " + m.group(2);
      default -> "the sandbox " + m.group(2);
    });
    text = text.replace("writing the Tool Result threw", "writing the Tool Result failed")
        .replace("reading the request threw", "reading the request failed")
        .replace("checking the request threw", "checking the request failed")
        .replace("the sandbox threw", "the sandbox failed");
    return CLASS_NAME.matcher(text).replaceAll("").replaceAll("\\s+", " ").strip();
  }

  private static String fileSystem(FileSystemException e) {
    String file = e.getFile() == null ? "a file" : e.getFile();
    String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
    String what;
    if (e instanceof NoSuchFileException) {
      what = file + " does not exist";
    } else if (e instanceof FileAlreadyExistsException) {
      what = file + " already exists";
    } else if (e instanceof AccessDeniedException) {
      what = "permission denied: " + file;
    } else if (e instanceof NotDirectoryException) {
      what = file + " is not a directory";
    } else if (e instanceof DirectoryNotEmptyException) {
      what = "the directory " + file + " is not empty";
    } else if (e instanceof NotLinkException) {
      what = file + " is not a symbolic link";
    } else if (e instanceof FileSystemLoopException) {
      what = file + " is part of a loop of links";
    } else {
      what = file + ": " + Optional.ofNullable(e.getReason()).orElse("cannot be read or written");
    }
    return what + other;
  }

  /**
   * A violation as the runner reports it: {@code ERROR: <code>: <message> (<where>)}.
   *
   * @param violation the violation
   * @return one line
   */
  public static String error(dev.threegate.problem.Violation violation) {
    return "ERROR: " + violation.code() + ": " + violation.message()
        + (violation.where().isEmpty() ? "" : " (" + violation.where() + ")");
  }
}
