package dev.walrus.local;

import dev.walrus.node.NodeSettings;
import dev.walrus.node.StorageNode;
import dev.walrus.node.TlsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs nodes inside this JVM (fast to start and debug; {@link ProcessNodes} is what users get).
 * Tests and the node benchmark use it.
 */
public final class InProcessNodes implements LocalNetwork.NodeLauncher {
  private final Duration blobSyncDelay;

  public InProcessNodes(Duration blobSyncDelay) {
    this.blobSyncDelay = blobSyncDelay;
  }

  @Override
  public LocalNetwork.RunningNode launch(LocalNetwork.NodeSpec spec, String ledgerUrl) throws Exception {
    StorageNode node = StorageNode.start(new NodeSettings(spec.name(), "127.0.0.1", spec.port(), spec.directory(),
        spec.protocolKey(), spec.wallet(), List.of(ledgerUrl), false, 16, blobSyncDelay,
        Optional.of(spec.directory().resolve("blocklist.yaml")), Duration.ofSeconds(1),
        TlsSettings.selfSigned(spec.networkKey(), "127.0.0.1")));
    return node::close;
  }
}
