package dev.walrus.ledger.replication;

import dev.walrus.ledger.LedgerReplica;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica in its own JVM ({@code java -cp <test class path> dev.walrus.ledger.LedgerReplica
 * --config FILE}), its output appended to a log file, killable with SIGKILL to simulate a crash.
 */
public final class ReplicaProcess implements AutoCloseable {
  private final String id;
  private final Path config;
  private final Path log;
  private Process process;

  public ReplicaProcess(String id, Path config, Path log) {
    this.id = id;
    this.config = config;
    this.log = log;
  }

  public ReplicaProcess start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx160m", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-cp", System.getProperty("java.class.path"), LedgerReplica.class.getName(), "--config", config.toString()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return this;
  }

  public String id() {
    return id;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no final snapshot, like a crash. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
