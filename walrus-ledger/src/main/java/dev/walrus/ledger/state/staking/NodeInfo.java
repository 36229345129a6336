package dev.walrus.ledger.state.staking;

import dev.walrus.core.crypto.BlsPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Move's {@code StorageNodeInfo}: how clients and other nodes find and authenticate a node. The
 * BLS key signs certificates; a rotated key waits in {@code nextPublicKey} until the pool next
 * advances an epoch, so a committee's keys never change within its epoch. The network key (33
 * bytes, compressed P-256) is what clients pin for TLS.
 */
public record NodeInfo(
    String name,
    String networkAddress,
    BlsPublicKey publicKey,
    Optional<BlsPublicKey> nextPublicKey,
    byte[] networkPublicKey) {

  public NodeInfo {
    networkPublicKey = networkPublicKey.clone();
  }

  @Override
  public byte[] networkPublicKey() {
    return networkPublicKey.clone();
  }

  /** The key the node will sign with in the next epoch it is selected for. */
  public BlsPublicKey nextEpochPublicKey() {
    return nextPublicKey.orElse(publicKey);
  }

  /** {@code rotate_public_key}: the pending key, if any, becomes the key. */
  public NodeInfo rotated() {
    return nextPublicKey.map(k -> new NodeInfo(name, networkAddress, k, Optional.empty(), networkPublicKey))
        .orElse(this);
  }

  public NodeInfo withName(String newName) {
    return new NodeInfo(newName, networkAddress, publicKey, nextPublicKey, networkPublicKey);
  }

  public NodeInfo withNetworkAddress(String address) {
    return new NodeInfo(name, address, publicKey, nextPublicKey, networkPublicKey);
  }

  public NodeInfo withNetworkPublicKey(byte[] key) {
    return new NodeInfo(name, networkAddress, publicKey, nextPublicKey, key);
  }

  public NodeInfo withNextPublicKey(BlsPublicKey key) {
    return new NodeInfo(name, networkAddress, publicKey, Optional.of(key), networkPublicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeInfo n
        && name.equals(n.name)
        && networkAddress.equals(n.networkAddress)
        && publicKey.equals(n.publicKey)
        && nextPublicKey.equals(n.nextPublicKey)
        && Arrays.equals(networkPublicKey, n.networkPublicKey);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + publicKey.hashCode()) + Arrays.hashCode(networkPublicKey);
  }

  @Override
  public String toString() {
    return "NodeInfo[name=" + name + ", networkAddress=" + networkAddress + ", publicKey=" + publicKey
        + ", nextPublicKey=" + nextPublicKey + ", networkPublicKey=" + HexFormat.of().formatHex(networkPublicKey) + "]";
  }
}
