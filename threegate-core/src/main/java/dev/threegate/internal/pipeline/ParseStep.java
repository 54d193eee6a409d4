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
package dev.threegate.internal.pipeline;

import dev.threegate.Outcome;
import dev.threegate.Outcome.Stage;
import dev.threegate.Step;
import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the request file (without following links or blocking, at most {@link #MAX_REQUEST_READ}
 * bytes) and parses it. A format error is a rejection with every problem, the validator's on what
 * could be read included.
 */
public final class ParseStep implements Step {
  /** Request files are read up to this many bytes (one more tells the parser a file is longer). */
  public static final int MAX_REQUEST_READ = 4 * 1024 * 1024;

  private final ToolRequestParser parser;
  private final PolicyValidator judge;

  /**
   * Creates the step.
   *
   * @param parser the parser
   * @param judge what the validate step applies, for the problems of what could be read of a
   *     malformed request
   */
  public ParseStep(ToolRequestParser parser, PolicyValidator judge) {
    this.parser = parser;
    this.judge = judge;
  }

  /**
   * Reads and parses a request file as this step does, for a look ahead (a batch's scan).
   *
   * @param parser the parser
   * @param file the request file
   * @return the request
   * @throws IOException if the file cannot be read as a regular file
   * @throws RequestFormatException if it is not a valid request
   */
  public static ToolRequest read(ToolRequestParser parser, Path file) throws IOException {
    return parser.parse(String.valueOf(file.getFileName()), RegularFileReader.readPrefix(file, MAX_REQUEST_READ));
  }

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    String source = state.source();
    ToolRequest request;
    try {
      request = read(parser, state.requestFile());
    } catch (RequestFormatException e) {
      List<Violation> problems;
      try {
        problems = judge.validateMalformed(e).violations();
      } catch (RuntimeException validatorFailure) {
        problems = e.problems(); // the parser's problems alone still refuse the request
      }
      return new Outcome.Rejected(source, Optional.empty(), problems);
    } catch (IOException e) {
      return RealChain.failed(source, Stage.READ, "cannot read the request file: " + e, e);
    } catch (RuntimeException e) {
      return RealChain.failed(source, Stage.PARSE, "parser " + parser.getClass().getName() + " threw " + e, e);
    }
    if (request == null) {
      return RealChain.failed(source, Stage.PARSE, "parser " + parser.getClass().getName() + " returned null", null);
    }
    state.request(request);
    state.events().parsed(request);
    return chain.proceed();
  }

  @Override
  public String name() {
    return "parse";
  }
}
