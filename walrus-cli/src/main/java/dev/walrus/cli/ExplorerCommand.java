package dev.walrus.cli;

import dev.walrus.explorer.ExplorerServer;
import dev.walrus.explorer.ExplorerSettings;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walrus explorer}: a web UI over the ledger API and the storage nodes — the network, the
 * nodes and their shards, blobs with a live check of their slivers, accounts and the live event
 * feed — each page also as JSON under {@code /api}. The ledger and the aggregator the blob pages
 * link to default to the client configuration's. Runs until Ctrl-C.
 */
@Command(name = "explorer", description = "Serve the explorer: web pages (and JSON under /api) about the network,"
    + " its nodes, blobs, accounts and live events, read from the ledger and the storage nodes. Runs until Ctrl-C.")
final class ExplorerCommand extends Verb {
  @Mixin LedgerOptions ledger;

  @Option(names = "--address", defaultValue = "127.0.0.1:31416", paramLabel = "HOST:PORT",
      description = "Where the explorer listens (default: ${DEFAULT-VALUE}; port 0 for any free port).")
  String address;

  @Option(names = "--aggregator", paramLabel = "URL",
      description = "The aggregator blob pages link to for reading (default: the first aggregatorUrls of the client"
          + " configuration, if any).")
  String aggregator;

  @Option(names = "--node-timeout", defaultValue = "3s", paramLabel = "DURATION",
      description = "How long a storage node may take to answer a health or sliver check (default: ${DEFAULT-VALUE}).")
  String nodeTimeout;

  @Override
  public Integer call() throws Exception {
    ExplorerSettings settings;
    try {
      settings = ExplorerSettings.defaults(DaemonCommands.Serve.address(address), aggregatorUrl())
          .withNodeTimeout(Duration.ofMillis(LedgerCommand.durationMs(nodeTimeout)));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    LedgerClient client = ledger.clientBuilder().requestTimeout(Duration.ofSeconds(7)).build();
    ExplorerServer explorer;
    try {
      explorer = ExplorerServer.start(settings, client);
    } catch (IOException e) {
      client.close();
      throw new CliException("the explorer cannot listen on " + address + " (" + e.getMessage()
          + "); is another explorer running? Use --address HOST:PORT", e);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    out().println(terminal().success() + " explorer serving " + explorer.uri() + "   (JSON under " + explorer.uri()
        + "api/)");
    out().flush();
    UntilStopped.await("explorer", () -> {
      explorer.close();
      client.close();
    });
    return 0;
  }

  private Optional<URI> aggregatorUrl() throws IOException {
    String url = aggregator;
    if (url == null) {
      List<String> configured = PortalCommand.fromConfig(ledger.configFile());
      url = configured.isEmpty() ? null : configured.getFirst();
    }
    if (url == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(url.trim()));
    } catch (IllegalArgumentException e) {
      throw new CliException("'" + url + "' is not a URL");
    }
  }
}
