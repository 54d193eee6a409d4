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
package dev.threegate.benchmarks;

import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing and judging a request. Target: parse + validate of a typical request at most 50 µs
 * median; a hostile request at the size limit costs time linear in its size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestBenchmarks {
  private final ToolRequestParser parser = ToolRequestParser.standard();
  private final PolicyValidator validator = PolicyValidator.of(Policy.defaults());
  private byte[] typical;
  private byte[] large;
  private ToolRequest parsedTypical;

  /** Prepares the requests. */
  @Setup
  public void setUp() {
    typical = Fixtures.typical();
    large = Fixtures.large();
    parsedTypical = parser.parse("TR-typical.md", typical);
    if (!validator.validate(parsedTypical).passed()) {
      throw new IllegalStateException("the typical request must be approved: " + validator.validate(parsedTypical));
    }
  }

  /** Parses a typical request. */
  @Benchmark
  public ToolRequest parseTypical() {
    return parser.parse("TR-typical.md", typical);
  }

  /** Judges a parsed typical request. */
  @Benchmark
  public Verdict validateTypical() {
    return validator.validate(parsedTypical);
  }

  /** Parses and judges a typical request. */
  @Benchmark
  public Verdict parseAndValidateTypical() {
    return validator.validate(parser.parse("TR-typical.md", typical));
  }

  /** Parses and judges a 200 KiB request. */
  @Benchmark
  public Verdict parseAndValidateLarge() {
    return validator.validate(parser.parse("TR-large.md", large));
  }

  /** A hostile request at the size limit (see {@link Fixtures#hostile}). */
  @State(Scope.Benchmark)
  public static class Hostile {
    /** Where the hostile line goes and what it repeats. */
    @Param({"purpose/dots", "purpose/jwt", "risk/dots", "risk/jwt", "command/dots", "command/pip", "command/options",
        "risk/headings", "risk/emphasis", "risk/links"})
    public String hostileCase;

    byte[] request;

    /** Builds the request. */
    @Setup
    public void setUp() {
      request = Fixtures.hostile(hostileCase);
    }
  }

  /**
   * Parses and judges a hostile request of 256 KiB.
   *
   * @param hostile the request
   * @return the verdict
   */
  @Benchmark
  @Warmup(iterations = 2, time = 1)
  @Measurement(iterations = 3, time = 1)
  public Verdict parseAndValidateHostile(Hostile hostile) {
    return validator.validate(parser.parse("TR-hostile.md", hostile.request));
  }
}
