package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code walrus portal}'s command line; serving is tested in PortalServerTest and PortalHttpTest. */
class PortalCommandTest {
  @TempDir Path dir;

  @Test
  void listsItsFlags() {
    CliRun help = CliRun.run("portal", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--address", "--aggregator", "--ledger", "--domain", "--landing-site",
        "--max-body", "--cache-size", "127.0.0.1:3000");
  }

  @Test
  void badFlagsAreOneLineErrorsBeforeAnythingStarts() throws Exception {
    String ledger = "http://127.0.0.1:1";
    assertThat(CliRun.run("portal", "--address", "nowhere", "--aggregator", ledger, "--ledger", ledger).err())
        .isEqualTo("Error: 'nowhere' is not a HOST:PORT address\n");
    assertThat(CliRun.run("portal", "--aggregator", "ftp://x", "--ledger", ledger).err())
        .isEqualTo("Error: 'ftp://x' is not an http(s) URL of an aggregator\n");
    assertThat(CliRun.run("portal", "--aggregator", ledger, "--ledger", ledger, "--landing-site", "my-site!").err())
        .isEqualTo("Error: 'my-site!' is neither a 0x… object ID nor a base36 site ID\n");
    assertThat(CliRun.run("portal", "--aggregator", ledger, "--ledger", ledger, "--max-body", "12x").err())
        .isEqualTo("Error: '12x' is not a size (e.g. 262144, 256k, 256m, 1g)\n");
    assertThat(CliRun.run("portal", "--aggregator", ledger, "--ledger", ledger, "--domain", "a/b").err())
        .isEqualTo("Error: 'a/b' is not a domain name\n");
    Path config = dir.resolve("client_config.yaml");
    Files.writeString(config, "ledgerUrls: [" + ledger + "]\n");
    CliRun noAggregator = CliRun.run("portal", "--config", config.toString());
    assertThat(noAggregator.exitCode()).isEqualTo(1);
    assertThat(noAggregator.err()).contains("no aggregator given");
  }

  @Test
  void readsTheAggregatorsOfTheConfigurationAndSizes() throws Exception {
    Path config = dir.resolve("client_config.yaml");
    Files.writeString(config, "ledgerUrls: [http://127.0.0.1:9101]\naggregatorUrls: [http://a:1, http://b:2]\n");
    assertThat(PortalCommand.fromConfig(config)).containsExactly("http://a:1", "http://b:2");
    Files.writeString(config, "aggregatorUrls: http://a:1\n");
    assertThat(PortalCommand.fromConfig(config)).containsExactly("http://a:1");
    assertThat(PortalCommand.fromConfig(dir.resolve("none.yaml"))).isEmpty();
    assertThat(PortalCommand.size("256m")).isEqualTo(256L << 20);
    assertThat(PortalCommand.size("1G")).isEqualTo(1L << 30);
    assertThat(PortalCommand.size("4096")).isEqualTo(4096);
  }
}
