package dev.walrus.local;

import dev.walrus.node.NodeSettings;
import dev.walrus.node.config.HostPort;
import dev.walrus.node.config.KeyFiles;
import dev.walrus.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each storage node as its own OS process ({@code java … dev.walrus.node.NodeMain --config
 * node.yaml}) with the class path of this JVM, so a node can be killed, restarted or inspected on
 * its own. Each node's directory holds its configuration, keys, store and {@code node.log}.
 */
public final class ProcessNodes implements LocalNetwork.NodeLauncher {
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(180);
  private final Duration blobSyncDelay;
  private final String maxHeap;
  private final Duration gcMaxDelay;
  /** Every node process this launcher started, so that an interrupted start-up can stop them all. */
  private final List<Process> launched = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Extra JVM options per node (tests inject faults this way); none by default. */
  private volatile java.util.function.Function<LocalNetwork.NodeSpec, List<String>> extraJvmOptions = spec -> List.of();

  public ProcessNodes(Duration blobSyncDelay, String maxHeap) {
    this(blobSyncDelay, maxHeap, NodeSettings.DEFAULT_GC_MAX_DELAY);
  }

  /** @param gcMaxDelay how long garbage collection may wait after an epoch starts (short epochs want less) */
  public ProcessNodes(Duration blobSyncDelay, String maxHeap, Duration gcMaxDelay) {
    this.blobSyncDelay = blobSyncDelay;
    this.maxHeap = maxHeap;
    this.gcMaxDelay = gcMaxDelay;
  }

  /** Adds JVM options to node processes launched from now on, chosen per node. */
  public ProcessNodes withJvmOptions(java.util.function.Function<LocalNetwork.NodeSpec, List<String>> options) {
    this.extraJvmOptions = options;
    return this;
  }

  /** Writes the node's configuration and key files (idempotent) and returns the config path. */
  public static Path writeConfig(LocalNetwork.NodeSpec spec, String ledgerUrl) throws IOException {
    return writeConfig(spec, List.of(ledgerUrl), List.of(), new HostPort("127.0.0.1", spec.port()));
  }

  /**
   * As above, listening on {@code listen} (a testbed host's own address) with these ledger replicas,
   * whose keys (base64) it pins when their URLs are {@code https://}.
   */
  public static Path writeConfig(LocalNetwork.NodeSpec spec, List<String> ledgerUrls, List<String> ledgerKeys,
      HostPort listen) throws IOException {
    Path dir = spec.directory();
    Files.createDirectories(dir);
    Path configFile = dir.resolve("node.yaml");
    // Small store budgets: many nodes share one machine.
    NodeConfig config = NodeConfig.defaults(spec.name(), dir, ledgerUrls)
        .withListenAddress(listen)
        .withStoreMemory(32L << 20, 32L << 20)
        .withLedgerKeys(ledgerKeys);
    if (!Files.exists(config.protocolKeyFile())) {
      KeyFiles.writeProtocolKey(config.protocolKeyFile(), spec.protocolKey());
      KeyFiles.writeNetworkKey(config.networkKeyFile(), spec.networkKey());
      KeyFiles.writeWallet(config.walletFile(), spec.wallet());
    }
    config.write(configFile);
    return configFile;
  }

  /** Reads back a node's spec from the configuration and keys {@link #writeConfig} left in {@code dir}. */
  public static LocalNetwork.NodeSpec readSpec(int index, Path dir) throws IOException {
    NodeConfig config = NodeConfig.load(dir.resolve("node.yaml"));
    return new LocalNetwork.NodeSpec(index, config.name(), config.listenAddress().port(),
        KeyFiles.readProtocolKey(config.protocolKeyFile()), KeyFiles.readNetworkKey(config.networkKeyFile()),
        KeyFiles.readWallet(config.walletFile()), dir);
  }

  @Override
  public LocalNetwork.RunningNode launch(LocalNetwork.NodeSpec spec, String ledgerUrl) throws Exception {
    Path configFile = writeConfig(spec, ledgerUrl);
    List<String> command = nodeCommand(configFile, extraJvmOptions.apply(spec));
    Path log = spec.directory().resolve("node.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    launched.add(process);
    awaitListening(spec, process, log);
    return new Running(process);
  }

  /** The command that runs a node with {@code configFile}: this JVM's java and class path, the node's JVM options. */
  public List<String> nodeCommand(Path configFile, List<String> extraJvmOptions) {
    List<String> command = javaCommand("-Xmx" + maxHeap, "-Dwalrus.node.blobSyncDelayMs=" + blobSyncDelay.toMillis(),
        "-Dwalrus.node.gcMaxDelayMs=" + gcMaxDelay.toMillis());
    command.addAll(extraJvmOptions);
    // Where the launcher unpacked BLS's native library once (see ./walrus): the nodes load it from
    // there too, instead of each copying it into a temporary directory.
    for (String property : List.of("java.library.path", "supranational.blst.jniResource")) {
      String value = System.getProperty(property);
      if (value != null && System.getProperty("supranational.blst.jniResource") != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    // Extra JVM options for the node processes only (a profiler, say): WALRUS_NODE_JAVA_OPTS="-XX:…".
    String extra = System.getenv("WALRUS_NODE_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.walrus.node.NodeMain", "--config",
        configFile.toString()));
    return command;
  }

  /**
   * {@code java} with the options every walrus-java child process gets (the codec's Vector API and
   * native access, the serial collector) and {@code options}; the class path and main class follow.
   */
  public static List<String> javaCommand(String... options) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC"));
    command.addAll(List.of(options));
    return command;
  }

  private static void awaitListening(LocalNetwork.NodeSpec spec, Process process, Path log) throws Exception {
    // Generous: ten JVMs starting at once on a busy 2-core machine took over a minute.
    long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + "; see " + log);
      }
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", spec.port())) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(spec.name() + " did not start listening within " + LISTEN_TIMEOUT.toSeconds() + " s; see " + log);
  }

  /** Stops every node process this launcher started that still runs (SIGTERM, then SIGKILL after 20 s). */
  public void stopAll() {
    for (Process p : launched) {
      new Running(p).close();
    }
  }

  /** A node process; {@code pid()} for the state file. */
  public record Running(Process process) implements LocalNetwork.RunningNode {
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    public long pid() {
      return process.pid();
    }
  }
}
