/**
 * ThreeGate core: the Tool Request model and parser, the policy validator, the execution model,
 * the Tool Result writer and validator, and the pipeline that composes them.
 */
module dev.threegate.core {
  requires org.snakeyaml.engine;
  requires org.commonmark;
  requires org.apache.commons.codec;

  exports dev.threegate;
  exports dev.threegate.request;
  exports dev.threegate.policy;
  exports dev.threegate.exec;
  exports dev.threegate.result;
  exports dev.threegate.quarantine;
}
