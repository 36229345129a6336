package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.cli.WalrusCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code walrus local} as its own process, as a user runs it: its network under {@code dir/net},
 * its output in {@code dir/local.log} (kept for a post-mortem).
 */
public final class LocalProcess {
  private LocalProcess() {}

  /** Starts {@code walrus local --dir dir/net OPTIONS…} with this JVM's classpath. */
  public static Process start(Path dir, String... options) throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(java(), "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        WalrusCli.class.getName(), "local", "--dir", dir.resolve("net").toString()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("local.log").toFile())).start();
  }

  /** The state {@code local} wrote once its network is ready (at most five minutes). */
  public static LocalState awaitState(Process local, Path dir) {
    Path net = dir.resolve("net");
    return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> {
          assertThat(local.isAlive()).as("walrus local exited; see " + dir.resolve("local.log")).isTrue();
          Optional<LocalState> s = LocalState.read(net);
          return s.filter(x -> x.pid() != null && x.pid() == local.pid()).orElse(null);
        }, s -> s != null);
  }

  /** Kills {@code processes} and every process they started (a test's clean-up). */
  public static void destroyAll(List<Process> processes) {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** The java command of this JVM, for child processes. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
