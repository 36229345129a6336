package dev.walrus.node;

import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.http.tls.NodeTls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * How the node serves its API. By default HTTPS under its network key: a certificate chain from
 * {@code certificateChain} (CA-issued, re-read when the file changes) or a self-signed certificate
 * made at start as Walrus's nodes make it, naming {@code publicHost}. Clients and peers pin the
 * key registered on the ledger, so the certificate's issuer does not matter, its key does.
 * {@code disabled} serves plain HTTP, for a node behind a TLS terminator holding the same key.
 */
public record TlsSettings(NetworkKeyPair networkKey, String publicHost, Optional<Path> certificateChain, boolean disabled) {
  public TlsSettings {
    Objects.requireNonNull(networkKey, "networkKey");
    Objects.requireNonNull(publicHost, "publicHost");
    Objects.requireNonNull(certificateChain, "certificateChain");
  }

  /** HTTPS with a self-signed certificate for {@code key}, naming {@code publicHost}. */
  public static TlsSettings selfSigned(NetworkKeyPair key, String publicHost) {
    return new TlsSettings(key, publicHost, Optional.empty(), false);
  }

  /** The server's TLS context, or {@code null} when TLS is disabled. */
  SslContextFactory.Server serverContext() throws IOException {
    return disabled ? null : NodeTls.serverContext(networkKey, publicHost, certificateChain);
  }
}
