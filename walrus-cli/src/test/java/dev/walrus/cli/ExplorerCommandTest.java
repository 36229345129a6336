package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code walrus explorer}'s command line; serving is tested in ExplorerServerTest and ExplorerBrowserTest. */
class ExplorerCommandTest {
  private static final String LEDGER = "http://127.0.0.1:1";

  @Test
  void listsItsFlags() {
    CliRun help = CliRun.run("explorer", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--address", "--aggregator", "--ledger", "--node-timeout", "31416");
  }

  @Test
  void badFlagsAreOneLineErrorsBeforeAnythingStarts() {
    assertThat(CliRun.run("explorer", "--address", "nowhere", "--ledger", LEDGER).err())
        .isEqualTo("Error: 'nowhere' is not a HOST:PORT address\n");
    assertThat(CliRun.run("explorer", "--aggregator", "ftp://x", "--ledger", LEDGER).err())
        .isEqualTo("Error: 'ftp://x' is not an http(s) URL of an aggregator\n");
    assertThat(CliRun.run("explorer", "--node-timeout", "soon", "--ledger", LEDGER).err())
        .isEqualTo("Error: 'soon' is not a duration (e.g. 500ms, 90s, 10m, 1h, 14d)\n");
    assertThat(CliRun.run("explorer", "--node-timeout", "0s", "--ledger", LEDGER).err())
        .isEqualTo("Error: the node timeout must be positive\n");
    assertThat(CliRun.run("explorer", "--ledger", "ftp://x").err())
        .isEqualTo("Error: 'ftp://x' is not an http:// or https:// URL of a ledger replica\n");
  }
}
