package dev.walrus.bench;

import dev.walrus.cli.local.LocalNetwork;
import dev.walrus.cli.local.ProcessNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time and disk use of one node of a benchmark network: the figures that say what ingest
 * costs the node itself, whatever else shares the machine. CPU time is only known for nodes run as
 * processes ({@code --launcher process}).
 */
final class NodeProcessStats {
  private final Optional<ProcessHandle> process;
  private final Path directory;

  NodeProcessStats(LocalNetwork network, int index) {
    this.process = network.runningNode(index)
        .filter(ProcessNodes.Running.class::isInstance)
        .flatMap(r -> ProcessHandle.of(((ProcessNodes.Running) r).pid()));
    this.directory = network.nodes().get(index).directory();
  }

  /** The node process's CPU time so far (user + system), empty when it is not a process of its own. */
  Optional<Duration> cpu() {
    return process.flatMap(p -> p.info().totalCpuDuration());
  }

  /** The bytes of every file under the node's directory, and of its sliver segment files among them. */
  long[] diskBytes() {
    long all = 0;
    long segments = 0;
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        long size = sizeOrZero(f);
        all += size;
        if (f.getFileName().toString().endsWith(".seg")) {
          segments += size;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a file vanished while walking (RocksDB compaction): the next call is accurate again
    }
    return new long[] {all, segments};
  }

  private static long sizeOrZero(Path f) {
    try {
      return Files.size(f);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
