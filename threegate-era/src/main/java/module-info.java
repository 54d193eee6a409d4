/** The ERA microVM backend: {@link dev.threegate.era.EraExecutor}. */
module dev.threegate.era {
  requires transitive dev.threegate.core;
  requires dev.threegate.process;

  exports dev.threegate.era;
}
