package dev.walrus.core.quilt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobGenerators;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case of the quilt vectors made by Walrus's TypeScript SDK (vectors/quilt.json, from
 * vectors/gen-quilt.mjs): the quilt's bytes, symbol size, index, patch ranges, blob ID and patch
 * IDs, or the same refusal; then each patch read back from the whole blob and from its secondary
 * slivers alone.
 */
class QuiltVectorTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> cases() throws Exception {
    try (InputStream in = QuiltVectorTest.class.getResourceAsStream("/vectors/quilt.json")) {
      JsonNode doc = JsonMapper.builder().build().readTree(in);
      List<Arguments> out = new ArrayList<>();
      doc.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asString(), c)));
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesWalrus(String name, JsonNode c) throws Exception {
    EncodingConfig config = EncodingConfig.forShards(c.get("n_shards").asInt());
    List<QuiltFile> files = files(c);
    QuiltEncoder encoder = new QuiltEncoder(config);
    if (c.has("error")) {
      QuiltException.Reason expected = switch (c.get("error").asString()) {
        case "duplicate_identifier" -> QuiltException.Reason.DUPLICATE_IDENTIFIER;
        case "too_many_patches" -> QuiltException.Reason.TOO_MANY_PATCHES;
        case "too_large" -> QuiltException.Reason.TOO_LARGE;
        default -> throw new AssertionError("unknown error kind " + c.get("error"));
      };
      assertThatThrownBy(() -> encoder.encode(files)).isInstanceOfSatisfying(QuiltException.class,
          e -> assertThat(e.reason()).isEqualTo(expected));
      return;
    }
    Quilt quilt = encoder.encode(files);
    byte[] bytes = quilt.bytes();
    assertThat(quilt.symbolSize()).isEqualTo(c.get("symbol_size").asInt());
    assertThat(bytes).hasSize(c.get("quilt_length").asInt());
    if (c.has("quilt_hex")) {
      assertThat(HEX.formatHex(bytes)).isEqualTo(c.get("quilt_hex").asString());
    }
    assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(c.get("quilt_sha256").asString());
    assertThat(HEX.formatHex(quilt.index().toBcs())).isEqualTo(c.get("index_bcs_hex").asString());

    EncodedBlob blob = new BlobEncoder(config).encode(bytes);
    BlobId blobId = blob.blobId();
    assertThat(blobId.toString()).isEqualTo(c.get("blob_id").asString());
    assertThat(blob.symbolSize()).isEqualTo(quilt.symbolSize());

    JsonNode patches = c.get("patches");
    assertThat(quilt.index().patches()).hasSize(patches.size());
    Quilt parsed = Quilt.fromBlob(config, bytes);
    assertThat(parsed.index()).isEqualTo(quilt.index());
    QuiltColumns columns = new QuiltColumns(config);
    for (int c0 = 0; c0 < c.get("index_columns").asInt(); c0++) {
      columns.add(blob.secondarySliver(c0));
    }
    assertThat(columns.indexColumns()).isEqualTo(c.get("index_columns").asInt());
    assertThat(columns.index()).isEqualTo(quilt.index());
    for (int i = 0; i < patches.size(); i++) {
      JsonNode expected = patches.get(i);
      QuiltPatch patch = quilt.index().patches().get(i);
      assertThat(patch.identifier()).isEqualTo(expected.get("identifier").asString());
      assertThat(patch.startIndex()).isEqualTo(expected.get("start_index").asInt());
      assertThat(patch.endIndex()).isEqualTo(expected.get("end_index").asInt());
      QuiltPatchId id = new QuiltPatchId(blobId, patch.internalId());
      assertThat(id.toString()).isEqualTo(expected.get("quilt_patch_id").asString());
      assertThat(QuiltPatchId.parse(id.toString())).isEqualTo(id);

      QuiltFile original = files.stream().filter(f -> f.identifier().equals(patch.identifier())).findFirst().orElseThrow();
      assertThat(parsed.patch(id.internal())).isEqualTo(original);
      QuiltColumns own = new QuiltColumns(config);
      for (int col = patch.startIndex(); col < patch.endIndex(); col++) {
        own.add(blob.secondarySliver(col));
      }
      assertThat(own.patch(id.internal())).isEqualTo(original);
    }
  }

  private static List<QuiltFile> files(JsonNode c) {
    List<QuiltFile> out = new ArrayList<>();
    for (JsonNode f : c.get("files")) {
      Map<String, String> tags = new LinkedHashMap<>();
      f.get("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
      out.add(QuiltFile.of(f.get("identifier").asString(), tags,
          BlobGenerators.make(f.get("generator").asString(), f.get("size").asInt())));
    }
    return out;
  }
}
