/**
 * Running a host process for a sandbox executor: argv element by element, an exact environment, a
 * deadline that kills the whole process tree, and stdout and stderr streamed to files with their
 * SHA-256 under an output cap.
 */
module dev.threegate.process {
  requires transitive dev.threegate.core;
  requires org.apache.commons.exec;

  exports dev.threegate.process;
}
