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

import dev.threegate.exec.Executor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The fake keeps the executor contract, scripted to answer each contract command. */
class FakeExecutorContractTest extends ExecutorContractTest {
  private final FakeExecutor fake =
      FakeExecutor.builder()
          .respond(spec -> {
            String command = spec.request().command();
            if (command.contains("json.dumps(sys.argv")) {
              List<String> argv = spec.command().argv();
              return FakeExecutor.answer().stdout(json(argv.subList(3, argv.size())) + "\n");
            } else if (command.contains("SystemExit(3)")) {
              return FakeExecutor.answer().exitCode(3);
            } else if (command.contains("sleep")) {
              return FakeExecutor.answer().timedOut();
            } else if (command.contains("/out/result.txt")) {
              return FakeExecutor.answer().file("result.txt", "result\n");
            } else if (command.contains("stdout.write")) {
              return FakeExecutor.answer().overflowing(spec.limits());
            } else if (command.contains("'a'")) {
              return FakeExecutor.answer().exitCode(1).stderr("PermissionError: /in is read-only\n");
            } else if (command.contains("read()")) {
              try {
                return FakeExecutor.answer().stdout(Files.readAllBytes(spec.inputsDir().resolve("input.txt")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return FakeExecutor.answer().stdout("hello\n");
          })
          .build();

  @Override
  protected Executor executor() {
    return fake;
  }
}
