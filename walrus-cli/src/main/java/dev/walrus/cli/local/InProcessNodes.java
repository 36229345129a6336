package dev.walrus.cli.local;

import dev.walrus.node.NodeSettings;
import dev.walrus.node.StorageNode;
import java.time.Duration;
import java.util.List;

/** Runs nodes inside the test JVM (fast to debug; the process launcher is what users get). */
final class InProcessNodes implements LocalNetwork.NodeLauncher {
  private final Duration blobSyncDelay;

  InProcessNodes(Duration blobSyncDelay) {
    this.blobSyncDelay = blobSyncDelay;
  }

  @Override
  public LocalNetwork.RunningNode launch(LocalNetwork.NodeSpec spec, String ledgerUrl) throws Exception {
    StorageNode node = StorageNode.start(new NodeSettings(spec.name(), "127.0.0.1", spec.port(), spec.directory(),
        spec.protocolKey(), spec.wallet(), List.of(ledgerUrl), false, 16, blobSyncDelay));
    return node::close;
  }
}
