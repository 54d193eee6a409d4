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

/**
 * The files of one Tool Result, each with its role: the two captured streams, and the files from
 * {@code /out} each with the name it had there. What the document says of a file follows from its
 * role, never from its position in a list.
 *
 * @param stdout the whole captured standard output
 * @param stderr the whole captured standard error
 * @param outputs the files collected from {@code /out}, in the executor's order
 */
record ResultFiles(ResultFile stdout, ResultFile stderr, List<OutputFile> outputs) {
  ResultFiles {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    outputs = List.copyOf(outputs);
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

  /** Every file, the streams first, in the order the front matter lists them. */
  List<ResultFile> all() {
    List<ResultFile> all = new ArrayList<>(2 + outputs.size());
    all.add(stdout);
    all.add(stderr);
    outputs.forEach(o -> all.add(o.file()));
    return all;
  }
}
