/**
 * ThreeGate testkit: what a host application needs to test its use of the gate without a sandbox,
 * starting with the conformance corpus of Tool Requests and their expected verdicts.
 */
module dev.threegate.testkit {
  requires transitive dev.threegate.core;

  exports dev.threegate.testkit;
}
