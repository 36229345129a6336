package dev.walrus.cli;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.http.HttpServer;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The launcher's training run for the JVM's AOT cache (JEP 483/515): what a client verb loads and
 * runs, on this machine alone. The classes a run loads go into the cache already parsed and
 * linked, so a later {@code walrus info} or {@code walrus store} does not load them from the jar
 * (a {@code walrus info} loaded 3 176 classes from the jar when the cache was trained on {@code
 * blob-id} only: logging, Jetty, TLS, YAML). It computes a blob ID (the codec), reads a client
 * configuration, and talks to two servers of its own on loopback: the storage-node client over
 * pinned TLS and the ledger client over pinned HTTPS. The answers are not what a node or a ledger
 * would say; the requests fail, which is fine: the code paths up to their answers are what
 * counts. Hidden: it is not a user's verb.
 */
@Command(name = "aot-training", hidden = true, description = "Training run for the launcher's start-up cache.")
final class AotTrainingCommand extends Verb {
  private static final int REQUESTS = 64;

  @Parameters(paramLabel = "FILE", description = "A file to compute the blob ID of.")
  Path file;

  @Override
  public Integer call() throws Exception {
    WalrusCli.execute(quiet(), "blob-id", "--json", file.toString());

    // The network part is best effort: where loopback servers cannot run, the codec's part of the
    // cache is still worth having.
    try {
      trainClients();
    } catch (Exception | LinkageError e) {
      // a smaller cache
    }
    return 0;
  }

  private static Terminal quiet() {
    PrintWriter silent = new PrintWriter(Writer.nullWriter());
    return new Terminal(silent, silent, false, false);
  }

  private void trainClients() throws Exception {
    Terminal quiet = quiet();
    Path dir = Files.createTempDirectory("walrus-aot-training");
    try {
      NetworkKeyPair key = NetworkKeyPair.generate();
      try (HttpServer server = HttpServer.builder("aot-training").bind("127.0.0.1", 0)
          .tls(NodeTls.serverContext(key, "127.0.0.1", Optional.empty())).handler(new Drain()).build()) {
        server.start();
        String address = "127.0.0.1:" + server.port();
        Path config = dir.resolve("client_config.yaml");
        Files.writeString(config, "ledgerUrls: [https://" + address + "]\nledgerKeys: ["
            + java.util.Base64.getEncoder().encodeToString(key.publicKeyBytes()) + "]\nwallet: wallet.key\n");
        WalrusCli.execute(quiet, "info", "--config", config.toString());
        try (LedgerClient ledger = LedgerClient.builder(List.of(java.net.URI.create("https://" + address)))
            .replicaKeys(List.of(key.publicKeyBytes())).requestTimeout(Duration.ofSeconds(5)).build()) {
          ignoreFailure(ledger::status);
        }
        try (StorageNodeClients clients = StorageNodeClients.create()) {
          StorageNodeClient node = clients.forNode(address, key.publicKeyBytes());
          BlobId blob = BlobId.of(new byte[32]);
          SliverData sliver = SliverData.of(SliverType.PRIMARY, 0, 2, new byte[64]);
          try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
              int pair = i;
              calls.add(exec.submit(() -> ignoreFailure(() -> node.putSliver(blob, pair, sliver, false))));
              calls.add(exec.submit(() -> ignoreFailure(() -> node.sliver(blob, pair, SliverType.PRIMARY))));
            }
            for (Future<?> f : calls) {
              f.get();
            }
          }
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void ignoreFailure(java.util.concurrent.Callable<?> call) {
    try {
      call.call();
    } catch (Exception expected) {
      // the training servers do not answer as a node or a ledger would
    }
  }

  /** Reads each request's body whole, then answers 404 in Walrus's error format. */
  private static final class Drain extends Handler.Abstract {
    private static final byte[] NOT_FOUND = ("{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\","
        + "\"message\":\"training\"}}").getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      Content.Source.asByteBuffer(request); // the body, read as a node reads a sliver
      response.setStatus(404);
      response.getHeaders().put("Content-Type", "application/json");
      response.write(true, java.nio.ByteBuffer.wrap(NOT_FOUND), callback);
      return true;
    }
  }
}
