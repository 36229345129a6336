package dev.walrus.cli;

import dev.walrus.daemon.DaemonServer;
import dev.walrus.daemon.DaemonSettings;
import dev.walrus.daemon.JwtSettings;
import dev.walrus.daemon.RenewalSettings;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.config.HostPort;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walrus publisher}, {@code walrus aggregator} and {@code walrus daemon} (both): the
 * Walrus-compatible HTTP API (protocol.md §7) with Walrus's flags and defaults. The publisher pays
 * with the wallet of the client configuration.
 */
final class DaemonCommands {
  private DaemonCommands() {}

  /** Flags of every mode. */
  static final class CommonArgs {
    @Option(names = "--bind-address", defaultValue = "127.0.0.1:31415", paramLabel = "HOST:PORT",
        description = "Where the HTTP API listens (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = {"-a", "--metrics-address"}, defaultValue = "127.0.0.1:27182", paramLabel = "HOST:PORT",
        description = "Where Prometheus metrics are served at /metrics (default: ${DEFAULT-VALUE}).")
    String metricsAddress;

    @Option(names = "--blocklist", paramLabel = "FILE",
        description = "Blob IDs to refuse (451): a YAML list ('- <blob ID>' per line, '#' comments), re-read when it changes.")
    Path blocklist;
  }

  /** Flags of the publisher. */
  static final class PublisherArgs {
    @Option(names = "--max-body-size", paramLabel = "KIB",
        description = "The largest PUT body, in KiB (default: the network's maximum blob size).")
    Long maxBodySizeKib;

    @Option(names = "--max-quilt-body-size", defaultValue = "102400", paramLabel = "KIB",
        description = "The largest PUT /v1/quilts body (the whole multipart form), in KiB (default: ${DEFAULT-VALUE}).")
    long maxQuiltBodySizeKib;

    @Option(names = {"--publisher-max-buffer-size", "--max-buffer-size"}, defaultValue = "8", paramLabel = "N",
        description = "Store requests admitted at once, running or waiting; more get 429 (default: ${DEFAULT-VALUE}).")
    int maxBuffer;

    @Option(names = {"--publisher-max-concurrent-requests", "--max-concurrent-requests"}, defaultValue = "8",
        paramLabel = "N", description = "Stores running at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--jwt-decode-secret", paramLabel = "SECRET",
        description = "Require JWTs signed with this secret (0x-prefixed hex for raw bytes; for EdDSA the public key).")
    String jwtSecret;

    @Option(names = "--jwt-algorithm", paramLabel = "ALG",
        description = "The tokens' algorithm: HS256 (default), HS384, HS512 or EdDSA.")
    String jwtAlgorithm;

    @Option(names = "--jwt-expiring-sec", defaultValue = "0", paramLabel = "SECONDS",
        description = "If positive, tokens must say exp - iat equal to this.")
    long jwtExpiringSec;

    @Option(names = "--jwt-verify-upload",
        description = "Check uploads against the token's epochs, size and send_object_to claims.")
    boolean jwtVerifyUpload;

    @Option(names = "--auto-extend-within", paramLabel = "N",
        description = "Renew the wallet's certified blobs that expire within N epochs (off unless given; "
            + "needs --auto-extend-epochs and --auto-extend-budget).")
    Integer autoExtendWithin;

    @Option(names = "--auto-extend-epochs", paramLabel = "M", description = "Epochs each renewal adds.")
    Integer autoExtendEpochs;

    @Option(names = "--auto-extend-budget", paramLabel = "AMOUNT",
        description = "The most renewal may spend (storage and fees), e.g. 50WAL or FROST; it stops when spent.")
    String autoExtendBudget;

    @Option(names = "--auto-extend-interval", defaultValue = "10m", paramLabel = "DURATION",
        description = "How often the wallet's blobs are checked, e.g. 30s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    String autoExtendInterval;

    RenewalSettings renewal() {
      if (autoExtendWithin == null && autoExtendEpochs == null && autoExtendBudget == null) {
        return null;
      }
      if (autoExtendWithin == null || autoExtendEpochs == null || autoExtendBudget == null) {
        throw new CliException("renewal needs all of --auto-extend-within, --auto-extend-epochs and --auto-extend-budget");
      }
      try {
        return new RenewalSettings(autoExtendWithin, autoExtendEpochs, Amounts.parse(autoExtendBudget),
            Duration.ofMillis(LedgerCommand.durationMs(autoExtendInterval)));
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), e);
      }
    }

    JwtSettings jwt() {
      if (jwtSecret == null && jwtAlgorithm == null && jwtExpiringSec == 0 && !jwtVerifyUpload) {
        return null;
      }
      try {
        return new JwtSettings(jwtSecret == null ? null : JwtSettings.parseSecret(jwtSecret),
            jwtAlgorithm == null ? null : JwtSettings.Algorithm.parse(jwtAlgorithm), jwtExpiringSec, jwtVerifyUpload);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), e);
      }
    }
  }

  /** Flags of the aggregator. */
  static final class AggregatorArgs {
    @Option(names = "--allowed-headers", arity = "1..*", paramLabel = "NAME",
        description = "Blob attributes returned as headers by reads by object ID (default: content-type, "
            + "authorization, content-disposition, content-encoding, content-language, content-location, link).")
    List<String> allowedHeaders;

    @Option(names = "--allow-quilt-patch-tags-in-response",
        description = "Return every tag of a quilt patch as a header, not only those in --allowed-headers.")
    boolean allowQuiltPatchTagsInResponse;

    @Option(names = "--max-blob-size", paramLabel = "BYTES", description = "Refuse to serve larger blobs (403).")
    Long maxBlobSize;

    @Option(names = "--aggregator-max-buffer-size", defaultValue = "320", paramLabel = "N",
        description = "Reads admitted at once, running or waiting; more get 429 (default: ${DEFAULT-VALUE}).")
    int maxBuffer;

    @Option(names = "--aggregator-max-concurrent-requests", defaultValue = "256", paramLabel = "N",
        description = "Reads running at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;
  }

  /** Runs the daemon until the JVM is asked to stop (or the thread is interrupted). */
  abstract static class Serve extends Verb {
    @Mixin LedgerOptions ledger;
    @Mixin CommonArgs common;

    abstract DaemonSettings.Builder settings();

    boolean publishes() {
      return false;
    }

    @Override
    public Integer call() throws Exception {
      DaemonSettings settings;
      try {
        settings = settings()
            .bindAddress(address(common.bindAddress))
            .metricsAddress(address(common.metricsAddress))
            .blocklist(common.blocklist)
            .build();
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), e);
      }
      Ed25519KeyPair wallet = publishes() ? ledger.key() : null;
      LedgerClient client = ledger.client();
      WalrusClient walrus = WalrusClient.builder().ledgerClient(client).wallet(wallet).build();
      DaemonServer daemon;
      try {
        daemon = DaemonServer.start(settings, walrus, client, wallet);
      } catch (Exception e) {
        walrus.close();
        client.close();
        throw e;
      }
      out().println(terminal().success() + " " + spec.name() + " serving " + daemon.uri()
          + (daemon.metricsPort() > 0 ? " (metrics on port " + daemon.metricsPort() + ")" : "")
          + (wallet != null ? ", paying with " + wallet.publicKey().toAddress() : ""));
      out().flush();
      UntilStopped.await("daemon", () -> {
        daemon.close();
        walrus.close();
        client.close();
      });
      return 0;
    }

    /** {@code HOST:PORT} or {@code [IPv6]:PORT}; port 0 picks a free port. */
    static InetSocketAddress address(String text) {
      try {
        // HostPort checks the host and brackets; it wants a real port, which :0 is not.
        boolean anyPort = text.endsWith(":0");
        HostPort hp = HostPort.parse(anyPort ? text.substring(0, text.length() - 1) + "1" : text);
        return new InetSocketAddress(hp.host(), anyPort ? 0 : hp.port());
      } catch (RuntimeException e) {
        throw new CliException("'" + text + "' is not a HOST:PORT address", e);
      }
    }

    static DaemonSettings.Builder aggregator(DaemonSettings.Builder b, AggregatorArgs a) {
      return b.allowedHeaders(Set.copyOf(a.allowedHeaders != null ? a.allowedHeaders : DaemonSettings.DEFAULT_ALLOWED_HEADERS))
          .allowQuiltPatchTagsInResponse(a.allowQuiltPatchTagsInResponse)
          .maxBlobSize(a.maxBlobSize)
          .aggregatorLimits(a.maxConcurrent, a.maxBuffer);
    }

    private static long kib(String option, long kib) {
      if (kib < 0 || kib > Long.MAX_VALUE >> 10) {
        throw new CliException(option + " must be a number of KiB");
      }
      return kib << 10;
    }

    static DaemonSettings.Builder publisher(DaemonSettings.Builder b, PublisherArgs p) {
      return b.maxBodyBytes(p.maxBodySizeKib == null ? null : kib("--max-body-size", p.maxBodySizeKib))
          .maxQuiltBodyBytes(kib("--max-quilt-body-size", p.maxQuiltBodySizeKib))
          .publisherLimits(p.maxConcurrent, p.maxBuffer).jwt(p.jwt()).renewal(p.renewal());
    }
  }

  @Command(name = "publisher", description = "Run a publisher: PUT /v1/blobs stores blobs paid by the wallet.")
  static final class Publisher extends Serve {
    @Mixin PublisherArgs publisher;

    @Override
    DaemonSettings.Builder settings() {
      return publisher(DaemonSettings.builder().services(false, true), publisher);
    }

    @Override
    boolean publishes() {
      return true;
    }
  }

  @Command(name = "aggregator", description = "Run an aggregator: GET /v1/blobs/… reads blobs.")
  static final class Aggregator extends Serve {
    @Mixin AggregatorArgs aggregator;

    @Override
    DaemonSettings.Builder settings() {
      return aggregator(DaemonSettings.builder().services(true, false), aggregator);
    }
  }

  @Command(name = "daemon", description = "Run a publisher and an aggregator on one address.")
  static final class Daemon extends Serve {
    @Mixin PublisherArgs publisher;
    @Mixin AggregatorArgs aggregator;

    @Override
    DaemonSettings.Builder settings() {
      return publisher(aggregator(DaemonSettings.builder().services(true, true), aggregator), publisher);
    }

    @Override
    boolean publishes() {
      return true;
    }
  }
}
