/** The TOOL-EXEC runner: {@link dev.threegate.cli.Main}. */
module dev.threegate.cli {
  requires dev.threegate.core;
  requires dev.threegate.era;
  requires dev.threegate.bubblewrap;
  requires info.picocli;

  exports dev.threegate.cli;
}
