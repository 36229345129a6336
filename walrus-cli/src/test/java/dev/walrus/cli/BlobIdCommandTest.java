package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BlobIdCommandTest {
  /** Walrus's regression blob and its ID at n = 10 (shared/vectors/public.json). */
  private static final String REGRESSION_TEXT = "walrus blob id v1 regression test";
  private static final String REGRESSION_ID = "RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY";
  /** The empty blob at n = 1000 (public.json, case 1000/lin31/0). */
  private static final String EMPTY_ID_1000 = "3GPQL3HZNnFhN_F7l5Aa-X1VOtAKwIsg9zuWk8R81v4";
  private static final String EMPTY_ROOT_1000 =
      "e3fb10a9d88c9e7157c5e112dd6916e44011f5a9d6460bced51ebacf9308e1da";

  @TempDir Path dir;

  private String write(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p.toString();
  }

  @Test
  void printsWhatWalrusPrints() throws Exception {
    String file = write("regression.txt", REGRESSION_TEXT.getBytes(StandardCharsets.UTF_8));
    CliRun r = CliRun.run("blob-id", file, "--n-shards", "10");
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Success: Blob from file '" + file + "' encoded successfully.\n"
                + "Unencoded size: 33\n"
                + "Blob ID: " + REGRESSION_ID + "\n"
                + "Encoding type: RS2\n");
  }

  @Test
  void showsThePathAsGiven() throws Exception {
    write("regression.txt", REGRESSION_TEXT.getBytes(StandardCharsets.UTF_8));
    String given = dir + "/./regression.txt";
    CliRun r = CliRun.run("blob-id", "--n-shards=10", given);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Success: Blob from file '" + given + "' encoded");
    assertThat(r.out()).contains("Blob ID: " + REGRESSION_ID + "\n");
  }

  @Test
  void successIsBoldTealOnATerminal() throws Exception {
    String file = write("regression.txt", REGRESSION_TEXT.getBytes(StandardCharsets.UTF_8));
    CliRun r = CliRun.run(true, "blob-id", file, "--n-shards", "10");
    assertThat(r.out()).startsWith("\u001b[1;38;2;135;255;215mSuccess:\u001b[0m Blob from file '");
    assertThat(r.out()).contains("Blob ID: " + REGRESSION_ID + "\n");
  }

  @Test
  void emptyFileIsAnEmptyBlobWithDefaultShards() throws Exception {
    String file = write("empty", new byte[0]);
    CliRun r = CliRun.run("blob-id", file);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Unencoded size: 0\n").contains("Blob ID: " + EMPTY_ID_1000 + "\n");
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    String file = write("empty", new byte[0]);
    for (String[] args :
        new String[][] {{"blob-id", file, "--json"}, {"--json", "blob-id", file}}) {
      CliRun r = CliRun.run(args);
      assertThat(r.exitCode()).isZero();
      assertThat(r.err()).isEmpty();
      JsonNode json = JsonMapper.builder().build().readTree(r.out());
      assertThat(json.propertyNames())
          .containsExactly(
              "blobId", "file", "unencodedLength", "encodingType", "rootHash", "nShards", "symbolSize");
      assertThat(json.get("blobId").asString()).isEqualTo(EMPTY_ID_1000);
      assertThat(json.get("file").asString()).isEqualTo(file);
      assertThat(json.get("unencodedLength").asLong()).isZero();
      assertThat(json.get("encodingType").asString()).isEqualTo("RS2");
      assertThat(json.get("rootHash").asString()).isEqualTo(EMPTY_ROOT_1000);
      assertThat(json.get("nShards").asInt()).isEqualTo(1000);
      assertThat(json.get("symbolSize").asInt()).isEqualTo(2);
      assertThat(r.out()).startsWith("{\n  \"blobId\": \"").endsWith("}\n");
    }
  }

  @Test
  void missingFile() {
    String file = dir.resolve("nope.bin").toString();
    assertOneErrorLine(CliRun.run("blob-id", file), 1, "Error: no such file: " + file);
  }

  @Test
  void directory() {
    assertOneErrorLine(
        CliRun.run("blob-id", dir.toString()), 1, "Error: '" + dir + "' is a directory, not a file");
  }

  @Test
  void unreadableFile() throws Exception {
    Path p = dir.resolve("secret");
    Files.write(p, new byte[] {1, 2, 3});
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(p), "running as a user who can read any file (root)");
    assertOneErrorLine(CliRun.run("blob-id", p.toString()), 1, "Error: permission denied: " + p);
  }

  @Test
  void tooFewAndTooManyShards() throws Exception {
    String file = write("a", new byte[] {1});
    assertOneErrorLine(
        CliRun.run("blob-id", file, "--n-shards", "3"),
        1,
        "Error: invalid number of shards 3: RS2 needs 4 to 65535 shards");
    assertOneErrorLine(
        CliRun.run("blob-id", file, "--n-shards", "65536"),
        1,
        "Error: invalid number of shards 65536: RS2 needs 4 to 65535 shards");
  }

  @Test
  void blobTooLarge() throws Exception {
    // n = 4: p = 2, s = 3, at most 2 · 3 · 65534 = 393204 bytes.
    String file = write("big", new byte[393_205]);
    assertOneErrorLine(
        CliRun.run("blob-id", file, "--n-shards", "4"),
        1,
        "Error: blob of 393205 bytes is too large: at most 393204 bytes fit 4 shards");
    assertThat(CliRun.run("blob-id", write("fits", new byte[393_204]), "--n-shards", "4").exitCode())
        .isZero();
  }

  @Test
  void usageErrorsAreOneLineToo() {
    assertOneErrorLine(
        CliRun.run("blob-id"),
        2,
        "Error: Missing required parameter: 'FILE' (see 'walrus blob-id --help')");
    assertOneErrorLine(
        CliRun.run("blob-id", "x", "--n-shards", "many"),
        2,
        "Error: Invalid value for option '--n-shards': 'many' is not an int (see 'walrus blob-id --help')");
    assertOneErrorLine(CliRun.run(), 2, "Error: missing command (see 'walrus --help')");
    assertOneErrorLine(
        CliRun.run("no-such-verb"), 2, "Error: Unmatched argument at index 0: 'no-such-verb' (see 'walrus --help')");
  }

  private static void assertOneErrorLine(CliRun r, int exitCode, String line) {
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(line + "\n");
    assertThat(r.exitCode()).isEqualTo(exitCode);
  }
}
