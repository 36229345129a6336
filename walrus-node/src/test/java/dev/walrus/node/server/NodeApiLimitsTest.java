package dev.walrus.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request body limits fit the largest valid request of each kind. */
class NodeApiLimitsTest {
  @ParameterizedTest
  @ValueSource(ints = {4, 10, 43, 300, 1000})
  void realMetadataFitsTheMetadataBodyLimit(int nShards) {
    EncodingConfig config = EncodingConfig.forShards(nShards);
    byte[] bcs = new BlobEncoder(config).encode(new byte[] {1, 2, 3}).metadata().metadata().toBcs();
    assertThat((long) bcs.length).isLessThanOrEqualTo(NodeApi.metadataLimit(config));
  }
}
