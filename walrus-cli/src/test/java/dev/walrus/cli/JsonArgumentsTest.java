package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Walrus's JSON invocations, mapped onto the picocli model of every verb by name. */
class JsonArgumentsTest {
  private static final CommandSpec ROOT =
      new CommandLine(new WalrusCli(new Terminal(null, null, false, false))).getCommandSpec();

  private static List<String> args(String json) {
    return JsonArguments.of(json, ROOT);
  }

  @Test
  void storeWithFilesEpochsAndFlags() {
    assertThat(args("{\"config\":\"c.yaml\",\"command\":{\"store\":{\"files\":[\"a.bin\",\"-b.bin\"],\"epochs\":5,"
        + "\"permanent\":true,\"force\":false,\"dryRun\":true}}}"))
        .containsExactly("--json", "store", "--epochs=5", "--permanent", "--dry-run", "--config=c.yaml", "--", "a.bin",
            "-b.bin");
    assertThat(args("{\"command\":{\"store\":{\"files\":\"a\",\"epochs\":\"max\"}}}"))
        .containsExactly("--json", "store", "--epochs=max", "--", "a");
  }

  @Test
  void readAndBlobStatusByCamelCaseNames() {
    assertThat(args("{\"wallet\":\"w.key\",\"command\":{\"read\":{\"blobId\":\"-xyz\",\"out\":\"o.bin\","
        + "\"strictConsistencyCheck\":true}}}"))
        .containsExactly("--json", "read", "--out=o.bin", "--strict-consistency-check", "--wallet=w.key", "--", "-xyz");
    assertThat(args("{\"command\":{\"blobStatus\":{\"blobId\":\"-xyz\",\"timeout\":\"5s\"}}}"))
        .containsExactly("--json", "blob-status", "--blob-id=-xyz", "--timeout=5s");
    assertThat(args("{\"command\":{\"convertBlobId\":{\"blobIdDecimal\":\"123\"}}}"))
        .containsExactly("--json", "convert-blob-id", "--", "123");
  }

  @Test
  void existingVerbsAndNestedSubcommands() {
    assertThat(args("{\"ledger\":\"http://x:1\",\"command\":{\"getWal\":{\"amount\":\"10WAL\"}}}"))
        .containsExactly("--json", "get-wal", "--amount=10WAL", "--ledger=http://x:1");
    assertThat(args("{\"command\":{\"stake\":{\"nodeId\":\"0x01\",\"amount\":5}}}"))
        .containsExactly("--json", "stake", "--node-id=0x01", "--amount=5");
    assertThat(args("{\"command\":{\"info\":null}}")).containsExactly("--json", "info");
    assertThat(args("{\"command\":{\"wallet\":{\"balance\":{\"address\":\"0x02\"}}}}"))
        .containsExactly("--json", "wallet", "balance", "--address=0x02");
    assertThat(args("{\"command\":{\"delete\":{\"blobIds\":[\"a\",\"b\"],\"yes\":true}}}"))
        .containsExactly("--json", "delete", "--blob-ids=a", "--blob-ids=b", "--yes");
  }

  @Test
  void globalsThatDoNotApplyAreSkipped() {
    assertThat(args("{\"config\":\"c.yaml\",\"wallet\":\"w\",\"json\":true,\"command\":{\"blobId\":{\"file\":\"f\"}}}"))
        .containsExactly("--json", "blob-id", "--", "f");
  }

  @Test
  void badInvocationsAreExplained() {
    assertThatThrownBy(() -> args("{not json")).isInstanceOf(CliException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> args("[]")).hasMessageContaining("must be an object");
    assertThatThrownBy(() -> args("{\"command\":{}}")).hasMessageContaining("exactly one key");
    assertThatThrownBy(() -> args("{\"command\":{\"fly\":{}}}")).hasMessageContaining("unknown command 'fly'");
    assertThatThrownBy(() -> args("{\"command\":{\"json\":{}}}")).hasMessageContaining("unknown command 'json'");
    assertThatThrownBy(() -> args("{\"command\":{\"read\":{\"blobId\":\"x\",\"colour\":1}}}"))
        .hasMessage("unknown option 'colour' for 'walrus read'");
    assertThatThrownBy(() -> args("{\"context\":\"testnet\",\"command\":{\"read\":{\"blobId\":\"x\"}}}"))
        .hasMessage("unknown option 'context' for 'walrus read'");
    assertThatThrownBy(() -> args("{\"command\":{\"store\":{\"force\":\"yes\"}}}"))
        .hasMessageContaining("'force' is a flag");
    assertThatThrownBy(() -> args("{\"command\":{\"read\":{\"blobId\":[\"a\",\"b\"]}}}"))
        .hasMessageContaining("takes one value");
    assertThatThrownBy(() -> args("{\"command\":{\"read\":{\"blobId\":{\"a\":1}}}}"))
        .hasMessageContaining("must be a string, number or boolean");
    assertThatThrownBy(() -> args("{\"command\":{\"read\":[1]}}")).hasMessageContaining("must be a JSON object");
  }

  @Test
  void namesConvert() {
    assertThat(JsonArguments.kebab("epochsExtended")).isEqualTo("epochs-extended");
    assertThat(JsonArguments.kebab("blob-status")).isEqualTo("blob-status");
    assertThat(JsonArguments.camel("BLOB_ID_DECIMAL")).isEqualTo("blobIdDecimal");
    assertThat(JsonArguments.camel("FILES")).isEqualTo("files");
    assertThat(JsonArguments.camel("<blobId>")).isEqualTo("blobId");
  }

  @Test
  void theJsonVerbRunsTheCommandWithJsonOutput() {
    CliRun run = CliRun.run("json", "{\"command\":{\"convertBlobId\":{\"blobIdDecimal\":\"77\"}}}");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("\"TQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"\n");
    CliRun bad = CliRun.run("json", "{\"command\":{\"convertBlobId\":{\"blobIdDecimal\":\"x7\"}}}");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("Error: 'x7' is not a decimal number\n");
    CliRun stdin = CliRun.withInput("{\"command\":{\"convertBlobId\":{\"blobIdDecimal\":\"77\"}}}", "json");
    assertThat(stdin.out()).isEqualTo(run.out());
  }
}
