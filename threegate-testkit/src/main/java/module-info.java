/**
 * ThreeGate testkit: what a host application needs to unit-test its use of the gate without a
 * sandbox — {@link dev.threegate.testkit.FakeExecutor}, request fixtures and the conformance
 * corpus, AssertJ assertions, an executor contract test, and a simulator of ERA's agent CLI.
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
