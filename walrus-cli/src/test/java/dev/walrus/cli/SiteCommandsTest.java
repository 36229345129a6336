package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.sites.SiteIds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site verbs' input handling, which needs no network. */
class SiteCommandsTest {
  private static final String HEX = "0x00000000000000000000000000000000000000000000000000000000000000ff";

  @Test
  void convertGoesBothWays() {
    String base36 = SiteIds.toBase36(ObjectId.parse(HEX));
    CliRun toBase36 = CliRun.run("site", "convert", HEX);
    assertThat(toBase36.exitCode()).isZero();
    assertThat(toBase36.out().strip()).isEqualTo(base36).isEqualTo("73");
    CliRun toHex = CliRun.run("site", "convert", base36);
    assertThat(toHex.out().strip()).isEqualTo(HEX);
    CliRun json = CliRun.run("--json", "site", "convert", HEX);
    assertThat(json.out()).contains("\"objectId\": \"" + HEX + "\"").contains("\"base36\": \"73\"")
        .contains("http://73.localhost:3000/");
    CliRun viaJson = CliRun.run("json", "{\"command\":{\"site\":{\"convert\":{\"siteId\":\"73\"}}}}");
    assertThat(viaJson.exitCode()).isZero();
    assertThat(viaJson.out()).contains(HEX);
  }

  @Test
  void badSiteIdsAreOneLineErrors() {
    CliRun bad = CliRun.run("site", "convert", "not-an-id!");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err().strip()).startsWith("Error: ").contains("not a site ID").doesNotContain("\n");
    CliRun shortHex = CliRun.run("site", "convert", "0x12");
    assertThat(shortHex.exitCode()).isNotZero();
  }

  @Test
  void deployRefusesAMissingFolderAndAMalformedConfigBeforeTheNetwork(@TempDir Path tmp) throws Exception {
    CliRun missing = CliRun.run("site", "deploy", tmp.resolve("nope").toString(), "--ledger", "http://127.0.0.1:1");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err().strip()).startsWith("Error: ").endsWith("no such directory");

    Files.writeString(tmp.resolve("index.html"), "<p>x</p>");
    Files.writeString(tmp.resolve("ws-resources.json"), "{\n  \"routes\": {\"/a\": \"/b\",}\n}");
    CliRun malformed = CliRun.run("site", "deploy", tmp.toString(), "--ledger", "http://127.0.0.1:1");
    assertThat(malformed.exitCode()).isNotZero();
    assertThat(malformed.err().strip()).contains("ws-resources.json:2:").doesNotContain("\n");

    Files.writeString(tmp.resolve("ws-resources.json"), "{\"site-name\": \"x\"}");
    CliRun unknown = CliRun.run("site", "deploy", tmp.toString(), "--ledger", "http://127.0.0.1:1");
    assertThat(unknown.err()).contains("unknown key 'site-name'");
  }

  @Test
  void quiltSizes() {
    assertThat(SiteCommands.size("512MiB")).isEqualTo(512L << 20);
    assertThat(SiteCommands.size("64 MB")).isEqualTo(64_000_000L);
    assertThat(SiteCommands.size("1000")).isEqualTo(1000);
    CliRun bad = CliRun.run("site", "deploy", ".", "--max-quilt-size", "lots");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("not a size");
  }

  @Test
  void helpListsTheVerbs() {
    CliRun help = CliRun.run("site", "--help");
    assertThat(help.out()).contains("deploy", "list", "sitemap", "destroy", "convert");
    CliRun none = CliRun.run("site");
    assertThat(none.exitCode()).isEqualTo(WalrusCli.EXIT_USAGE);
  }
}
