package dev.walrus.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.TlsTestServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDK's and peers' node client over TLS: it reaches a node by its registered key and nothing else. */
class StorageNodeClientsTlsTest {
  private final NetworkKeyPair nodeKey = NetworkKeyPair.generate();

  @Test
  void aNodeWithItsRegisteredKeyIsReachedOverHttpsAndAnImpostorIsRefusedWithTheReason() throws Exception {
    try (TlsTestServer node = new TlsTestServer(NodeTls.serverContext(nodeKey, "127.0.0.1", Optional.empty()));
        StorageNodeClients clients = StorageNodeClients.create()) {
      // The test server answers every request with the HTTP version it served, which is no health
      // document: the request went through TLS and was answered, and only the body is refused.
      assertThatThrownBy(() -> clients.forNode(node.address(), nodeKey.publicKeyBytes()).health(false))
          .isInstanceOfSatisfying(StorageNodeException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.isInvalidResponse()).isTrue();
          });

      byte[] registered = NetworkKeyPair.generate().publicKeyBytes();
      try (StorageNodeClients other = StorageNodeClients.create()) {
        assertThatThrownBy(() -> other.forNode(node.address(), registered).health(false))
            .isInstanceOfSatisfying(StorageNodeException.class, e -> {
              assertThat(e.isTransport()).isTrue();
              assertThat(e.reason()).isEqualTo(StorageNodeException.TLS_FAILED);
              assertThat(e.getMessage()).contains("node at " + node.address() + " presented TLS key")
                  .contains("registered network key is");
            });
      }
    }
  }

  @Test
  void anAddressOrKeyThatCannotBePinnedIsRefusedBeforeAnyRequest() {
    try (StorageNodeClients clients = StorageNodeClients.create()) {
      assertThatThrownBy(() -> clients.forNode("127.0.0.1:9185", new byte[33]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> clients.forNode("no-port", nodeKey.publicKeyBytes()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
