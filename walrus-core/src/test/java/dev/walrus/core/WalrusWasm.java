package dev.walrus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Walrus's own code compiled to WebAssembly ({@code @mysten/walrus-wasm} 0.3.0), run under Node
 * for the differential tests. Needs {@code -Dwalrus.wasm.dir=<dir with
 * node_modules/@mysten/walrus-wasm>} and {@code node} on the PATH (or {@code -Dwalrus.node});
 * {@link #locate} skips the calling test when the property is unset.
 */
public final class WalrusWasm {
  public static final String DIR_PROPERTY = "walrus.wasm.dir";

  private final Path dir;
  private final Path work;

  private WalrusWasm(Path dir, Path work) {
    this.dir = dir;
    this.work = work;
  }

  /** The installed package, with {@code work} for scripts and process I/O. */
  public static WalrusWasm locate(Path work) {
    String dir = System.getProperty(DIR_PROPERTY);
    assumeTrue(
        dir != null && !dir.isBlank(),
        "set -D" + DIR_PROPERTY + "=<dir containing node_modules/@mysten/walrus-wasm> to run");
    Path path = Path.of(dir).toAbsolutePath();
    assertThat(path.resolve("node_modules/@mysten/walrus-wasm/nodejs/walrus_wasm.js"))
        .as("@mysten/walrus-wasm under " + DIR_PROPERTY + "=" + dir)
        .exists();
    return new WalrusWasm(path, work);
  }

  /** The directory holding {@code node_modules}. */
  public Path dir() {
    return dir;
  }

  /** Copies the test resource {@code /differential/<name>} into the work directory. */
  public Path script(String name) throws IOException {
    Path script = work.resolve(name);
    try (InputStream in = WalrusWasm.class.getResourceAsStream("/differential/" + name)) {
      assertThat(in).as("differential/" + name + " on the test class path").isNotNull();
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    return script;
  }

  /**
   * Runs {@code node script args...} with {@code stdin} (or nothing) as input and {@code
   * WALRUS_WASM_FROM} set, and returns its standard output. Input and output go through files, so
   * a stuck process cannot block the test; it is killed after {@code timeoutSeconds}. Fails the
   * test, showing standard error, unless Node exits with 0.
   */
  public String run(Path script, List<String> args, Path stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "stdout", ".txt");
    Path err = Files.createTempFile(work, "stderr", ".txt");
    List<String> command = new ArrayList<>(List.of(System.getProperty("walrus.node", "node"), script.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    builder.environment().put("WALRUS_WASM_FROM", dir.toString());
    Process node = builder.start();
    if (!node.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new AssertionError(script.getFileName() + " did not finish within " + timeoutSeconds
          + " s; stderr:\n" + Files.readString(err));
    }
    assertThat(node.exitValue())
        .as("%s exit status; stderr:%n%s", script.getFileName(), Files.readString(err))
        .isZero();
    return Files.readString(out);
  }
}
