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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of one Tool Result, each with its role: the two captured streams, and the files from
 * {@code /out} each with the name it had there. What the document says of a file follows from its
 * role, never from its position in a list.
 *
 * @param stdout the whole captured standard output
 * @param stderr the whole captured standard error
 * @param outputs the files collected from {@code /out}, in the executor's order
 * @param approval the copy of the verified signed approval, when the approval was signed
 */
record ResultFiles(ResultFile stdout, ResultFile stderr, List<OutputFile> outputs, Optional<ResultFile> approval) {
  ResultFiles {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(approval, "approval");
  }

  /** The files of a result without a signed approval. */
  ResultFiles(ResultFile stdout, ResultFile stderr, List<OutputFile> outputs) {
    this(stdout, stderr, outputs, Optional.empty());
  }

  /**
   * A file collected from {@code /out}.
   *
   * @param name its path inside {@code /out}, as the executor reported it
   * @param file where it was published
   */
  record OutputFile(String name, ResultFile file) {
    OutputFile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(file, "file");
    }

    /** Its path in the sandbox, as a request declares expected outputs. */
    String sandboxPath() {
      return "/out/" + name;
    }
  }

  /** The run's own files, the streams then each output, in the order a {@code WrittenResult} lists them. */
  List<ResultFile> run() {
    List<ResultFile> run = new ArrayList<>(2 + outputs.size());
    run.add(stdout);
    run.add(stderr);
    outputs.forEach(o -> run.add(o.file()));
    return run;
  }

  /** Every file, the streams first, then the approval's copy, in the order the front matter lists them. */
  List<ResultFile> all() {
    List<ResultFile> all = new ArrayList<>(3 + outputs.size());
    all.add(stdout);
    all.add(stderr);
    approval.ifPresent(all::add);
    outputs.forEach(o -> all.add(o.file()));
    return all;
  }
}
