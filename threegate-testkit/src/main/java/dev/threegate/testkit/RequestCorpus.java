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
package dev.threegate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The request conformance corpus: Tool Requests, well-formed and hostile, each with the verdict
 * that {@code ToolRequestParser.standard()} followed by {@code PolicyValidator.of(Policy.defaults())}
 * must give. Host applications run it against their own parser, policy or validator to see where
 * they differ from the defaults.
 *
 * <p>The cases live as plain files under {@code dev/threegate/testkit/corpus/requests/}; the index
 * {@code corpus/verdicts.txt} gives each file's expected verdict, one line per case: the file name,
 * then {@code accept} or the expected violation codes separated by commas, then {@code #} and a
 * description. A few cases too large to ship as files (a 10 MB request) are built in code.
 */
public final class RequestCorpus {
  private static final String ROOT = "corpus/";

  private RequestCorpus() {}

  /**
   * Every case, files first in index order, then the generated ones.
   *
   * @return the cases
   */
  public static List<CorpusCase> cases() {
    List<CorpusCase> cases = new ArrayList<>();
    String index = new String(resource(ROOT + "verdicts.txt"), StandardCharsets.UTF_8);
    for (String line : index.split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int hash = entry.indexOf('#');
      String description = hash < 0 ? "" : entry.substring(hash + 1).strip();
      String[] parts = (hash < 0 ? entry : entry.substring(0, hash)).strip().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalStateException("malformed corpus index line: " + line);
      }
      cases.add(new CorpusCase(parts[0], description, resource(ROOT + "requests/" + parts[0]), codes(parts[1])));
    }
    cases.addAll(generated());
    return List.copyOf(cases);
  }

  /**
   * The cases whose request must be accepted.
   *
   * @return the accepted cases
   */
  public static List<CorpusCase> accepted() {
    return cases().stream().filter(CorpusCase::expectsAccept).toList();
  }

  /**
   * The cases whose request must be rejected: the catalogue of hostile and malformed requests.
   *
   * @return the rejected cases
   */
  public static List<CorpusCase> hostile() {
    return cases().stream().filter(c -> !c.expectsAccept()).toList();
  }

  private static Set<String> codes(String verdict) {
    if (verdict.equals("accept")) {
      return Set.of();
    }
    Set<String> codes = new LinkedHashSet<>(List.of(verdict.split(",")));
    codes.remove("");
    return codes;
  }

  private static List<CorpusCase> generated() {
    byte[] valid = resource(ROOT + "requests/accept-typical.md");
    ByteArrayOutputStream huge = new ByteArrayOutputStream(10 * 1024 * 1024 + valid.length);
    huge.writeBytes(valid);
    byte[] filler = "Padding line that makes the request far larger than the format allows.\n".getBytes(StandardCharsets.UTF_8);
    while (huge.size() < 10 * 1024 * 1024) {
      huge.writeBytes(filler);
    }
    return List.of(
        new CorpusCase(
            "generated:ten-megabytes.md",
            "a valid request padded to 10 MB is refused for its size, without being parsed",
            huge.toByteArray(),
            Set.of("format.too_large")));
  }

  private static byte[] resource(String path) {
    try (InputStream in = RequestCorpus.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing corpus resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
