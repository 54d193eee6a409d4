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
package dev.threegate.exec;

/**
 * Runs one approved command in a sandbox.
 *
 * <p>Contract: the command runs with {@link ExecutionSpec#inputsDir()} as read-only {@code /in}
 * and {@link ExecutionSpec#outputsDir()} as {@code /out}, within {@link ExecutionSpec#limits()};
 * stdout and stderr are streamed to files (never held whole in memory) with their SHA-256; a
 * non-zero exit, a timeout or an output overflow is returned as data; when {@code execute} returns
 * or throws, nothing it started is still running. Implementations are immutable and safe to call
 * from several threads unless their documentation says otherwise.
 */
public interface Executor {

  /**
   * Runs the request's command.
   *
   * @param spec what to run and where
   * @return how the run ended and what it produced
   * @throws ExecutionException if the sandbox itself failed, or the calling thread was
   *     interrupted (the run is then stopped, its processes killed, and the thread's interrupt
   *     status set again)
   */
  ExecutionResult execute(ExecutionSpec spec);

  /**
   * The backend's name, version and capabilities.
   *
   * @return the backend info
   */
  BackendInfo backend();
}
