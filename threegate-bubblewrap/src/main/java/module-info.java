/** A namespace sandbox for Linux hosts without a microVM: {@link dev.threegate.bubblewrap.BubblewrapExecutor}. */
module dev.threegate.bubblewrap {
  requires transitive dev.threegate.core;
  requires dev.threegate.process;

  exports dev.threegate.bubblewrap;
}
