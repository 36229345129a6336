package dev.walrus.local;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedKeyTrustManager;
import java.net.http.HttpClient;

/**
 * Raw HTTPS requests to storage nodes for tests that send what the SDK never would (bad input,
 * metrics scrapes): a JDK client that trusts each node by its registered network key, as the SDK
 * and peers do. {@code url} pins the node it names.
 */
public final class NodeHttps {
  private static final PinnedKeyTrustManager PINS = new PinnedKeyTrustManager();

  /** Shared by every test; pins only ever add the keys of nodes the tests created. */
  public static final HttpClient CLIENT = NodeTls.jdkHttpClient(PINS);

  private NodeHttps() {}

  /** {@code https://host:port} of a committee member, trusted by its registered key. */
  public static String url(CommitteeView.Member member) {
    return url(member.networkAddress(), member.networkPublicKey());
  }

  /** {@code https://host:port} of a node of a local network, trusted by its key. */
  public static String url(LocalNetwork.NodeSpec node) {
    return url(node.address(), node.networkKey().publicKeyBytes());
  }

  public static String url(String networkAddress, byte[] networkPublicKey) {
    PINS.pin(networkAddress, networkPublicKey);
    return "https://" + networkAddress;
  }
}
