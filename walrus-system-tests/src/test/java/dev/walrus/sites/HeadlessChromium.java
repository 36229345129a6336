package dev.walrus.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven through its command line: the DOM after the page's scripts ran, and a
 * screenshot. No WebDriver: the two flags are all the Sites tests need, and the Debian package is
 * all CI installs. {@code *.localhost} resolves to loopback inside Chromium itself.
 */
public final class HeadlessChromium {
  private static final long TIMEOUT_SECONDS = 60;

  private HeadlessChromium() {}

  /**
   * Fails the test when Chromium is missing in CI ({@code .ci/run} installs it); elsewhere the test
   * is skipped with the command that installs it.
   */
  public static void require() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/chromium"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("chromium is not installed; .ci/run installs it with apt-get");
    }
    Assumptions.assumeTrue(present, "headless Chromium is not installed (apt-get install chromium)");
  }

  /** The serialised DOM of {@code url} once its scripts have run for up to two seconds of page time. */
  public static String dumpDom(URI url, Path work) throws IOException, InterruptedException {
    return run(work, List.of("--virtual-time-budget=2000", "--dump-dom", url.toString()));
  }

  /** Saves a screenshot of {@code url} to {@code png} (a build artefact). */
  public static void screenshot(URI url, Path png, Path work) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(work, List.of("--virtual-time-budget=2000", "--window-size=1024,768",
        "--screenshot=" + png.toAbsolutePath(), url.toString()));
    assertThat(png).isNotEmptyFile();
  }

  private static String run(Path work, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(Files.createDirectories(work), "chromium-profile");
    List<String> command = new ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile));
    command.addAll(args);
    long id = System.nanoTime();
    Path err = work.resolve("chromium-" + id + ".err");
    // Output to a file, not a pipe: a page that never settles must fail the test at the timeout,
    // not block a read of Chromium's output forever.
    Path out = work.resolve("chromium-" + id + ".out");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
    }
    assertThat(p.exitValue()).as("chromium %s; stderr in %s", command, err).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
