package dev.walrus.bench;

import dev.walrus.local.LocalNetwork;
import dev.walrus.local.ProcessNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

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

  /**
   * The bytes of every file under the node's directory, and of its sliver segment files among them.
   * Files that vanish during the walk (RocksDB deletes compacted files) are skipped.
   */
  long[] diskBytes() {
    long[] sums = new long[2];
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            sums[0] += attrs.size();
            if (file.getFileName().toString().endsWith(".seg")) {
              sums[1] += attrs.size();
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + directory, e);
    }
    return sums;
  }
}
