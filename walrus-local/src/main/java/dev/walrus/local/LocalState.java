package dev.walrus.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state file of a running {@code walrus local} ({@code state.json} in its directory): where
 * everything listens, which process is which, and where the keys are, so that scripts, tests and
 * people can stop, kill or inspect single nodes. Written atomically (temporary file, then rename).
 *
 * @param pid the {@code walrus local} process (it runs the ledger and the daemon); null once stopped
 * @param daemonUrl the publisher/aggregator, if started
 * @param portalUrl the Walrus Sites portal's landing page, if started; sites are at {@code
 *     <base36 site ID>.<its host>}
 * @param explorerUrl the explorer's network page, if started
 * @param clientConfig a {@code client_config.yaml} for the CLI ({@code walrus --config FILE ...})
 * @param wallet the funded wallet the daemon and the client configuration use
 */
public record LocalState(
    Long pid,
    String directory,
    String ledgerUrl,
    String ledgerConfig,
    String daemonUrl,
    String portalUrl,
    String explorerUrl,
    String clientConfig,
    String wallet,
    int nShards,
    long epochDurationMs,
    List<Node> nodes) {

  public static final String FILE = "state.json";

  /**
   * One storage node.
   *
   * @param pid its process; null when not running
   * @param nodeId its ID on the ledger (its staking pool)
   */
  public record Node(
      int index,
      String name,
      String address,
      Long pid,
      String nodeId,
      List<Integer> shards,
      String directory,
      String config,
      String protocolKey,
      String networkKey,
      String wallet,
      String log) {}

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public static Optional<LocalState> read(Path dir) throws IOException {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), LocalState.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JacksonException e) {
      throw new IOException(dir.resolve(FILE) + " is not a walrus local state file: " + e.getOriginalMessage(), e);
    }
  }

  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(this));
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The same state with every process marked stopped. */
  public LocalState stopped() {
    return new LocalState(null, directory, ledgerUrl, ledgerConfig, null, null, null, clientConfig, wallet, nShards,
        epochDurationMs, nodes.stream().map(n -> new Node(n.index, n.name, n.address, null, n.nodeId, n.shards,
            n.directory, n.config, n.protocolKey, n.networkKey, n.wallet, n.log)).toList());
  }
}
