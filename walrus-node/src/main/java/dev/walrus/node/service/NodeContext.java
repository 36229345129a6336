package dev.walrus.node.service;

import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.client.Blocklist;
import dev.walrus.node.committee.CommitteeService;
import dev.walrus.node.state.BlobStates;
import dev.walrus.node.store.NodeStore;

/** What the node's services share: its key, its store, its view of the committees and its blocklist. */
public record NodeContext(BlsKeyPair protocolKey, NodeStore store, BlobStates blobs, CommitteeService committees,
    Blocklist blocklist) {

  public Committees committee() {
    return committees.get();
  }

  /** The epoch blob lifetimes are judged against: the current committee's. */
  public int epoch() {
    return committee().epoch();
  }

  public EncodingConfig encoding() {
    return committee().encoding();
  }
}
