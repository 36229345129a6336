package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The daemon verbs' command lines; serving is tested in {@code DaemonHttpTest}. */
class DaemonCommandsTest {
  @Test
  void eachModeHasWalrussFlags() {
    CliRun daemon = CliRun.run("daemon", "--help");
    assertThat(daemon.exitCode()).isZero();
    assertThat(daemon.out()).contains("--bind-address", "--metrics-address", "--blocklist", "--max-body-size",
        "--max-quilt-body-size", "--allow-quilt-patch-tags-in-response",
        "--publisher-max-concurrent-requests", "--publisher-max-buffer-size", "--jwt-decode-secret", "--jwt-algorithm",
        "--jwt-expiring-sec", "--jwt-verify-upload", "--allowed-headers", "--max-blob-size",
        "--aggregator-max-concurrent-requests", "--aggregator-max-buffer-size", "31415", "27182");
    CliRun aggregator = CliRun.run("aggregator", "--help");
    assertThat(aggregator.out()).contains("--allowed-headers").doesNotContain("--jwt-decode-secret");
    CliRun publisher = CliRun.run("publisher", "--help");
    assertThat(publisher.out()).contains("--jwt-decode-secret", "--max-quilt-body-size")
        .doesNotContain("--allowed-headers", "--allow-quilt-patch-tags-in-response");
  }

  @Test
  void badFlagsAreOneLineErrorsBeforeAnythingStarts() {
    CliRun address = CliRun.run("aggregator", "--bind-address", "nowhere", "--ledger", "http://127.0.0.1:1");
    assertThat(address.exitCode()).isEqualTo(1);
    assertThat(address.err()).isEqualTo("Error: 'nowhere' is not a HOST:PORT address\n");
    CliRun algorithm = CliRun.run("publisher", "--jwt-algorithm", "RS256", "--ledger", "http://127.0.0.1:1");
    assertThat(algorithm.exitCode()).isEqualTo(1);
    assertThat(algorithm.err()).contains("unsupported JWT algorithm 'RS256'");
    CliRun limits = CliRun.run("aggregator", "--aggregator-max-buffer-size", "0", "--ledger", "http://127.0.0.1:1");
    assertThat(limits.exitCode()).isEqualTo(1);
    CliRun quiltBody = CliRun.run("publisher", "--max-quilt-body-size", "-1", "--ledger", "http://127.0.0.1:1");
    assertThat(quiltBody.exitCode()).isEqualTo(1);
    assertThat(quiltBody.err()).isEqualTo("Error: --max-quilt-body-size must be a number of KiB\n");
  }
}
