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
package dev.threegate.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The violation codes the user documentation names ({@code docs/requests.md} for the parser and the
 * policy, {@code docs/results.md} for the result validator): a code a reader or validator emits
 * that is not there is a code a host cannot match on.
 */
final class DocumentedCodes {
  private static final Pattern CODE = Pattern.compile("`([a-z][a-z_]*\\.[a-z][a-z_0-9]*)`");

  private DocumentedCodes() {}

  /** The codes documented for requests: the parser's and the policy validator's. */
  static Set<String> requests() {
    return codesIn("requests.md");
  }

  /**
   * The codes documented for results: the result validator's own and those of form it shares with
   * the request format.
   */
  static Set<String> results() {
    Set<String> codes = new TreeSet<>(codesIn("results.md"));
    codes.addAll(codesIn("requests.md"));
    return codes;
  }

  private static Set<String> codesIn(String doc) {
    Path file = Path.of("..", "docs", doc);
    try {
      Set<String> codes = new TreeSet<>();
      Matcher m = CODE.matcher(Files.readString(file));
      while (m.find()) {
        codes.add(m.group(1));
      }
      return codes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
