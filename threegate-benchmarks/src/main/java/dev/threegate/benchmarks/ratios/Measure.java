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
package dev.threegate.benchmarks.ratios;

import java.nio.file.Path;
import java.util.List;

/** One group of measurements of the ratios command; each runs alone, in its own directory. */
public interface Measure {
  /**
   * The name that selects this measure on the command line.
   *
   * @return a short lower-case name
   */
  String name();

  /**
   * Measures, printing progress to standard error, and returns the lines of the table.
   *
   * @param work an empty directory of its own, on the file system under test; deleted afterwards
   * @param setup the jars and tools the measures share
   * @return at least one line
   * @throws Exception if it cannot measure; the command reports it and goes on with the others
   */
  List<Ratio> measure(Path work, Setup setup) throws Exception;
}
