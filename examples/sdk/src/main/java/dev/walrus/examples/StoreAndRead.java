package dev.walrus.examples;

import dev.walrus.client.ClientConfigFile;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Stores a short text on a Walrus network for two epochs and reads it back, with the ledger and the
 * wallet of a client configuration ({@code walrus local} writes one in {@code
 * ~/.walrus/local/client_config.yaml}).
 */
public final class StoreAndRead {
  private StoreAndRead() {}

  public static void main(String[] args) throws IOException {
    Path config = args.length > 0 ? Path.of(args[0])
        : Path.of(System.getProperty("user.home"), ".walrus", "local", "client_config.yaml");
    ClientConfigFile network;
    try {
      network = ClientConfigFile.load(config);
    } catch (NoSuchFileException e) {
      System.err.println("No client configuration at " + config + ": start `./walrus local` first, or pass one.");
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    byte[] data = ("Hello from the walrus-java SDK, " + Instant.now()).getBytes(StandardCharsets.UTF_8);
    try (WalrusClient walrus = network.clientBuilder().build()) {
      StoreResult stored = walrus.store(data, StoreOptions.defaults().withEpochs(2));
      if (stored.outcome() != StoreResult.Outcome.NEWLY_CREATED
          && stored.outcome() != StoreResult.Outcome.ALREADY_CERTIFIED) {
        System.err.println("The blob was not stored: " + stored.outcome());
        System.exit(1);
      }
      System.out.println("Stored " + data.length + " bytes as blob " + stored.blobId() + " (" + stored.outcome()
          + "), available until epoch " + stored.endEpoch());
      byte[] back = walrus.read(stored.blobId());
      if (!Arrays.equals(back, data)) {
        System.err.println("Read back " + back.length + " bytes that differ from what was stored.");
        System.exit(1);
      }
      System.out.println("Read it back: " + new String(back, StandardCharsets.UTF_8));
    }
  }
}
