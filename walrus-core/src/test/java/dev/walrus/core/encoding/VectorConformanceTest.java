package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case of the vectors made by Walrus's own encoder (shared/vectors/public.json): blob ID,
 * root hash, metadata bytes, the SHA-256 of every primary and secondary BCS sliver, and
 * DataTooLarge where the blob does not fit.
 */
class VectorConformanceTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> cases() throws Exception {
    return load("/vectors/public.json").stream()
        .map(c -> Arguments.of(c.get("n_shards").asInt() + "/" + c.get("generator").asString() + "/" + c.get("size").asInt(), c));
  }

  static List<JsonNode> load(String resource) throws Exception {
    try (InputStream in = VectorConformanceTest.class.getResourceAsStream(resource)) {
      JsonNode doc = JsonMapper.builder().build().readTree(in);
      List<JsonNode> out = new ArrayList<>();
      doc.get("cases").forEach(out::add);
      return out;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesWalrus(String name, JsonNode c) throws Exception {
    check(c);
  }

  /**
   * Checks walrus-core's encoder against one vector case made by Walrus's encoder (gen.mjs):
   * parameters, blob ID, root hash, metadata, every sliver, or DataTooLarge. Shared with {@link
   * EncoderWasmDifferentialTest}, which makes its cases at random.
   */
  static void check(JsonNode c) throws Exception {
    int n = c.get("n_shards").asInt();
    byte[] blob = BlobGenerators.make(c.get("generator").asString(), c.get("size").asInt());
    EncodingConfig config = EncodingConfig.forShards(n);
    assertThat(config.f()).isEqualTo(c.get("f").asInt());
    assertThat(config.primarySymbols()).isEqualTo(c.get("n_primary_source_symbols").asInt());
    assertThat(config.secondarySymbols()).isEqualTo(c.get("n_secondary_source_symbols").asInt());
    assertThat(config.maxBlobSize()).isEqualTo(c.get("max_blob_size").asLong());
    BlobEncoder encoder = new BlobEncoder(config);

    if (c.has("error")) {
      assertThat(c.get("error").asString()).isEqualTo("DataTooLarge");
      assertThatThrownBy(() -> encoder.computeMetadata(blob)).isInstanceOf(DataTooLargeException.class);
      assertThatThrownBy(() -> encoder.encode(blob)).isInstanceOf(DataTooLargeException.class);
      return;
    }
    assertThat(sha256(blob)).isEqualTo(c.get("blob_sha256").asString());
    assertThat(config.symbolSize(blob.length)).isEqualTo(c.get("symbol_size").asInt());

    BlobMetadataWithId metadataOnly = encoder.computeMetadata(blob);
    EncodedBlob encoded = encoder.encode(blob);
    for (BlobMetadataWithId m : List.of(metadataOnly, encoded.metadata())) {
      assertThat(m.blobId().toString()).isEqualTo(c.get("blob_id").asString());
      assertThat(m.blobId().toHex()).isEqualTo(c.get("blob_id_hex").asString());
      assertThat(m.rootHash().toHex()).isEqualTo(c.get("root_hash_hex").asString());
      byte[] bcs = m.toBcs();
      assertThat(bcs.length).isEqualTo(c.get("metadata_bcs_len").asInt());
      assertThat(sha256(bcs)).isEqualTo(c.get("metadata_bcs_sha256").asString());
      if (c.has("metadata_bcs_hex")) {
        assertThat(HEX.formatHex(bcs)).isEqualTo(c.get("metadata_bcs_hex").asString());
      }
      m.verify(config);
    }
    assertThat(metadataOnly).isEqualTo(encoded.metadata());
    assertThat(BlobId.parse(c.get("blob_id").asString()).rotationOffset(n)).isEqualTo(c.get("rotation_offset").asInt());
    if (c.has("sliver_pair_hashes")) {
      for (int i = 0; i < n; i++) {
        SliverPairMetadata pair = encoded.metadata().metadata().hashes().get(i);
        assertThat(pair.primaryHash().toHex()).isEqualTo(c.get("sliver_pair_hashes").get(i).get("primary").asString());
        assertThat(pair.secondaryHash().toHex()).isEqualTo(c.get("sliver_pair_hashes").get(i).get("secondary").asString());
      }
    }

    MessageDigest primaryConcat = MessageDigest.getInstance("SHA-256");
    MessageDigest secondaryConcat = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < n; i++) {
      byte[] primary = encoded.sliver(SliverType.PRIMARY, i).toBcs();
      byte[] secondary = encoded.sliver(SliverType.SECONDARY, i).toBcs();
      assertThat(sha256(primary)).as("primary sliver %d", i).isEqualTo(c.get("primary_sliver_bcs_sha256").get(i).asString());
      assertThat(sha256(secondary)).as("secondary in pair %d", i).isEqualTo(c.get("secondary_sliver_bcs_sha256").get(i).asString());
      primaryConcat.update(primary);
      secondaryConcat.update(secondary);
    }
    assertThat(HEX.formatHex(primaryConcat.digest())).isEqualTo(c.get("primary_slivers_bcs_concat_sha256").asString());
    assertThat(HEX.formatHex(secondaryConcat.digest())).isEqualTo(c.get("secondary_slivers_bcs_concat_sha256").asString());

    assertThat(encoded.metadata().unencodedLength()).isEqualTo(c.get("unencoded_length").asLong());
    assertThat(encoded.metadata().metadata().encodingType().value()).isEqualTo(c.get("encoding_type").asInt());
    assertThat(config.primarySliverSize(encoded.symbolSize())).isEqualTo(c.get("primary_sliver_len").asInt());
    assertThat(config.secondarySliverSize(encoded.symbolSize())).isEqualTo(c.get("secondary_sliver_len").asInt());
    if (c.has("primary_sliver_bcs_hex")) {
      for (int i = 0; i < n; i++) {
        assertThat(HEX.formatHex(encoded.sliver(SliverType.PRIMARY, i).toBcs()))
            .as("primary sliver %d", i)
            .isEqualTo(c.get("primary_sliver_bcs_hex").get(i).asString());
        assertThat(HEX.formatHex(encoded.sliver(SliverType.SECONDARY, i).toBcs()))
            .as("secondary in pair %d", i)
            .isEqualTo(c.get("secondary_sliver_bcs_hex").get(i).asString());
      }
    }
    if (c.has("selected_slivers")) {
      for (JsonNode s : c.get("selected_slivers")) {
        int i = s.get("pair_index").asInt();
        assertThat(HEX.formatHex(encoded.sliver(SliverType.PRIMARY, i).toBcs()))
            .as("primary sliver %d", i)
            .isEqualTo(s.get("primary_bcs_hex").asString());
        assertThat(HEX.formatHex(encoded.sliver(SliverType.SECONDARY, i).toBcs()))
            .as("secondary in pair %d", i)
            .isEqualTo(s.get("secondary_bcs_hex").asString());
      }
    }
  }

  static String sha256(byte[] b) throws Exception {
    return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
