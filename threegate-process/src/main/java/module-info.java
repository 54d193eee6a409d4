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
/**
 * Running a host process for a sandbox executor: argv element by element, an exact environment, a
 * deadline that kills the whole process tree, and stdout and stderr streamed to files with their
 * SHA-256 under an output cap. Not an API: exported only to the sandbox executors that share it.
 */
// the executors' modules are compiled after this one: javac cannot see them yet
@SuppressWarnings("module")
module dev.threegate.process {
  requires transitive dev.threegate.core;
  requires org.apache.commons.exec;

  exports dev.threegate.process to
      dev.threegate.era,
      dev.threegate.smolvm,
      dev.threegate.bubblewrap;
}
