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
 * ThreeGate testkit: what a host application needs to unit-test its use of the gate without a
 * sandbox — {@link dev.threegate.testkit.FakeExecutor}, request fixtures and the conformance
 * corpus, AssertJ assertions, an executor contract test, a simulator of ERA's agent CLI and one of smolvm's CLI.
 */
module dev.threegate.testkit {
  requires transitive dev.threegate.core;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;

  exports dev.threegate.testkit;

  // JUnit reflects on the contract test and injects its @TempDir.
  opens dev.threegate.testkit to org.junit.platform.commons;
}
