package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.walrus.local.LocalState;
import dev.walrus.client.BlobObject;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobSource;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SpillSpace;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blobs four times larger than the heap of the process that stores or reads them — the SDK, the
 * {@code walrus} CLI and the HTTP daemon, each a JVM of {@value #HEAP} — store and read back
 * identical on a {@code walrus local} network; a store killed or interrupted part-way leaves no
 * temporary file and its retry reuses the registration already paid for; a full disk is one clear
 * line; a node killed during a store does not stop it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeBlobTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HEAP = "-Xmx64m";
  private static final long LARGE = 256L << 20;
  private static final Duration LONG = Duration.ofMinutes(10);

  private final Path dir = Path.of("target", "large-blob-test-" + ProcessHandle.current().pid()).toAbsolutePath();
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalState state;
  private Path large;
  private String largeDigest;

  /** BLS's native library, unpacked once as the launcher does, so no process copies it to its temporary directory. */
  private Path nativeDir;

  @BeforeAll
  void startNetwork() throws Exception {
    Files.createDirectories(dir);
    nativeDir = unpackBlst(dir.resolve("native"));
    large = dir.resolve("large.bin");
    largeDigest = write(large, LARGE, 1);
    Process local = start(dir.resolve("local.log"), List.of("-Xmx384m"), WalrusCli.class.getName(), "local", "--dir",
        dir.resolve("net").toString(), "--nodes", "4", "--shards", "300", "--epoch-duration", "10m",
        "--daemon-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--portal-address", "127.0.0.1:0",
        "--explorer-address", "127.0.0.1:0",
        "--node-heap", "384m");
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
        .until(() -> !local.isAlive() || running(local).isPresent());
    assertThat(local.isAlive()).as("walrus local exited; see " + dir.resolve("local.log")).isTrue();
    state = running(local).orElseThrow();
  }

  private Optional<LocalState> running(Process local) {
    try {
      return LocalState.read(dir.resolve("net")).filter(x -> x.pid() != null && x.pid() == local.pid());
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // being written
    }
  }

  @AfterAll
  void stopEverything() throws IOException {
    dev.walrus.local.LocalProcess.destroyAll(processes);
    // The blobs and their slivers are large (gigabytes); the logs stay for a post-mortem.
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
        Files.deleteIfExists(f);
      }
    }
    List<Path> stores;
    try (Stream<Path> all = Files.walk(dir)) {
      stores = all.filter(Files::isDirectory).filter(d -> d.getFileName().toString().equals("data")
          && d.getParent().getFileName().toString().startsWith("node-")).toList();
    }
    for (Path store : stores) {
      try (Stream<Path> inside = Files.walk(store)) {
        for (Path f : inside.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  @Test
  @Order(1)
  void theCliStoresAndReadsABlobLargerThanItsHeap() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("cli-tmp"));
    Run store = cli(tmp, "store", large.toString(), "--epochs", "5", "--json");
    assertThat(store.code).as(store.output).isZero();
    String blobId = JSON.readTree(store.stdout()).get(0).path("blobStoreResult").path("newlyCreated")
        .path("blobObject").path("blobId").asString();
    Path back = dir.resolve("cli-back.bin");
    Run read = cli(tmp, "read", blobId, "--out", back.toString());
    assertThat(read.code).as(read.output).isZero();
    assertThat(sha256(back)).isEqualTo(largeDigest);
    assertThat(listing(tmp)).isEmpty();
    Files.delete(back);
  }

  @Test
  @Order(2)
  void theSdkStoresAndReadsABlobLargerThanItsHeap() throws Exception {
    Path blob = dir.resolve("sdk.bin");
    String digest = write(blob, LARGE, 2);
    Path back = dir.resolve("sdk-back.bin");
    Path tmp = Files.createDirectories(dir.resolve("sdk-tmp"));
    Run run = run(tmp, List.of(HEAP), LargeBlobSdkMain.class.getName(), state.ledgerUrl(), state.wallet(),
        blob.toString(), back.toString());
    assertThat(run.code).as(run.output).isZero();
    assertThat(sha256(back)).isEqualTo(digest);
    assertThat(listing(tmp)).isEmpty();
    Files.delete(back);
    Files.delete(blob);
  }

  @Test
  @Order(3)
  void theDaemonStoresAndServesABlobLargerThanItsHeap() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("daemon-tmp"));
    int port = freePort();
    Process daemon = start(dir.resolve("daemon.log"), List.of(HEAP, "-Djava.io.tmpdir=" + tmp),
        WalrusCli.class.getName(), "daemon", "--bind-address", "127.0.0.1:" + port, "--metrics-address",
        "127.0.0.1:" + freePort(), "--ledger", state.ledgerUrl(), "--wallet", state.wallet());
    String url = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> {
      assertThat(daemon.isAlive()).as("the daemon exited; see daemon.log").isTrue();
      return http.send(HttpRequest.newBuilder(URI.create(url + "/status")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    });
    Path blob = dir.resolve("daemon.bin");
    String digest = write(blob, LARGE, 3);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/blobs?epochs=5"))
        .PUT(HttpRequest.BodyPublishers.ofFile(blob)).timeout(LONG).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    String blobId = JSON.readTree(put.body()).path("newlyCreated").path("blobObject").path("blobId").asString();
    Path back = dir.resolve("daemon-back.bin");
    HttpResponse<Path> get = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/blobs/" + blobId)).timeout(LONG)
        .build(), HttpResponse.BodyHandlers.ofFile(back));
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(sha256(back)).isEqualTo(digest);
    assertThat(daemon.isAlive()).isTrue();
    // The spooled bodies and the encodings' spills are unlinked as soon as they are open.
    assertThat(Files.walk(tmp).filter(Files::isRegularFile).toList()).isEmpty();
    daemon.destroy();
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Files.delete(back);
    Files.delete(blob);
  }

  /**
   * A store killed once its blob is registered (as a crash or {@code kill -9} would) leaves no
   * temporary file, and storing the same file again reuses the registration: nothing is bought
   * twice. A store interrupted (SIGTERM, as Ctrl-C) says so in one line.
   */
  @Test
  @Order(4)
  void aKilledStoreLeavesNothingBehindAndItsRetryReusesTheRegistration() throws Exception {
    Path blob = dir.resolve("killed.bin");
    write(blob, 48L << 20, 4);
    BlobId blobId = blobId(blob);
    Path tmp = Files.createDirectories(dir.resolve("killed-tmp"));
    Address wallet = WalletFile.read(Path.of(state.wallet())).publicKey().toAddress();
    try (LedgerClient ledger = LedgerClient.of(state.ledgerUrl())) {
      Process store = start(dir.resolve("killed.log"), List.of(HEAP, "-Djava.io.tmpdir=" + tmp),
          WalrusCli.class.getName(), "store", blob.toString(), "--epochs", "5", "--config", state.clientConfig());
      await().atMost(LONG).pollInterval(Duration.ofMillis(100)).until(() -> {
        assertThat(store.isAlive()).as("the store ended before its blob was registered").isTrue();
        return registered(ledger, wallet, blobId).isPresent();
      });
      store.destroyForcibly();
      assertThat(store.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(listing(tmp)).isEmpty();
      assertThat(registered(ledger, wallet, blobId).orElseThrow().isCertified()).isFalse();

      Run retry = cli(tmp, "store", blob.toString(), "--epochs", "5", "--json");
      assertThat(retry.code).as(retry.output).isZero();
      JsonNode created = JSON.readTree(retry.stdout()).get(0).path("blobStoreResult").path("newlyCreated");
      assertThat(created.path("resourceOperation").has("reuseRegistration")).as(retry.stdout()).isTrue();
      assertThat(created.path("cost").asLong()).isZero();
      assertThat(registered(ledger, wallet, blobId).orElseThrow().isCertified()).isTrue();
      assertThat(listing(tmp)).isEmpty();

      // Interrupted (SIGTERM, as Ctrl-C): one line, nothing left behind.
      Path other = dir.resolve("interrupted.bin");
      write(other, 48L << 20, 5);
      BlobId otherId = blobId(other);
      Path log = dir.resolve("interrupted.log");
      Process interrupted = start(log, List.of(HEAP, "-Djava.io.tmpdir=" + tmp), WalrusCli.class.getName(), "store",
          other.toString(), "--epochs", "5", "--config", state.clientConfig());
      await().atMost(LONG).pollInterval(Duration.ofMillis(100)).until(() -> {
        assertThat(interrupted.isAlive()).isTrue();
        return registered(ledger, wallet, otherId).isPresent();
      });
      interrupted.destroy();
      assertThat(interrupted.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(log)).contains("Error: interrupted").doesNotContain("Exception");
      assertThat(listing(tmp)).isEmpty();
    }
  }

  /** The encoding's temporary space on a disk too small for it: one line, nothing paid, nothing left. */
  @Test
  @Order(5)
  void aFullDiskIsOneClearLine() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path small = Files.createDirectories(dir.resolve("small-disk"));
    assumeTrue(exec("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", small.toString()), "mount failed");
    try (LedgerClient ledger = LedgerClient.of(state.ledgerUrl())) {
      Address wallet = WalletFile.read(Path.of(state.wallet())).publicKey().toAddress();
      long before = ledger.account(wallet).balance();
      Path blob = dir.resolve("full-disk.bin");
      write(blob, 128L << 20, 6);
      Run store = cli(small, "store", blob.toString(), "--epochs", "5");
      assertThat(store.code).isEqualTo(1);
      assertThat(store.output).contains("Error:").contains("temporary space in " + small)
          .doesNotContain("Exception");
      assertThat(listing(small)).isEmpty();
      assertThat(ledger.account(wallet).balance()).as("nothing paid").isEqualTo(before);
    } finally {
      exec("umount", small.toString());
    }
  }

  /**
   * One node stalls (SIGSTOP: it keeps its connections but answers nothing) during a store: the
   * store certifies with the others within its time limits, and the node catches up once resumed.
   */
  @Test
  @Order(6)
  void aStalledNodeDoesNotHoldUpAStore() throws Exception {
    Path blob = dir.resolve("stalled.bin");
    String digest = write(blob, 32L << 20, 8);
    Path tmp = Files.createDirectories(dir.resolve("stalled-tmp"));
    LocalState.Node victim = state.nodes().get(1);
    assertThat(exec("kill", "-STOP", String.valueOf(victim.pid()))).isTrue();
    Run store;
    try {
      store = cli(tmp, "store", blob.toString(), "--epochs", "5", "--json");
    } finally {
      exec("kill", "-CONT", String.valueOf(victim.pid()));
    }
    assertThat(store.code).as(store.output).isZero();
    String blobId = JSON.readTree(store.stdout()).get(0).path("blobStoreResult").path("newlyCreated")
        .path("blobObject").path("blobId").asString();
    Path back = dir.resolve("stalled-back.bin");
    Run read = cli(tmp, "read", blobId, "--out", back.toString());
    assertThat(read.code).as(read.output).isZero();
    assertThat(sha256(back)).isEqualTo(digest);
    assertThat(listing(tmp)).isEmpty();
    Files.delete(back);
  }

  /** One node (at most f shards) SIGKILLed while a store uploads: the store still certifies. */
  @Test
  @Order(7)
  void aNodeKilledDuringAStoreDoesNotStopIt() throws Exception {
    Path blob = dir.resolve("node-killed.bin");
    String digest = write(blob, 64L << 20, 7);
    BlobId blobId = blobId(blob);
    Path tmp = Files.createDirectories(dir.resolve("node-killed-tmp"));
    LocalState.Node victim = state.nodes().get(2);
    assertThat(victim.shards().size()).isLessThanOrEqualTo((state.nShards() - 1) / 3);
    Address wallet = WalletFile.read(Path.of(state.wallet())).publicKey().toAddress();
    try (LedgerClient ledger = LedgerClient.of(state.ledgerUrl())) {
      Path log = dir.resolve("node-killed-store.log");
      Process store = start(log, List.of(HEAP, "-Djava.io.tmpdir=" + tmp), WalrusCli.class.getName(), "store",
          blob.toString(), "--epochs", "5", "--config", state.clientConfig());
      await().atMost(LONG).pollInterval(Duration.ofMillis(100)).until(() -> registered(ledger, wallet, blobId)
          .isPresent() || !store.isAlive());
      ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
      assertThat(store.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(store.exitValue()).as(Files.readString(log)).isZero();
    }
    Path back = dir.resolve("node-killed-back.bin");
    Run read = cli(tmp, "read", blobId.toString(), "--out", back.toString());
    assertThat(read.code).as(read.output).isZero();
    assertThat(sha256(back)).isEqualTo(digest);
    assertThat(listing(tmp)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private record Run(int code, String output, Path stdoutFile) {
    String stdout() throws IOException {
      return Files.readString(stdoutFile);
    }
  }

  /** {@code walrus ARGS --config <the network's>} in its own JVM of {@value #HEAP}, temporary files in {@code tmp}. */
  private Run cli(Path tmp, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(WalrusCli.class.getName()));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", state.clientConfig()));
    return run(tmp, List.of(HEAP), all.toArray(String[]::new));
  }

  private Run run(Path tmp, List<String> jvm, String... mainAndArgs) throws Exception {
    Path out = Files.createTempFile(dir, "out-", ".txt");
    Path err = Files.createTempFile(dir, "err-", ".txt");
    List<String> flags = new ArrayList<>(jvm);
    flags.add("-Djava.io.tmpdir=" + tmp);
    Process p = command(flags, mainAndArgs).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    processes.add(p);
    assertThat(p.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)).as("finished in time").isTrue();
    return new Run(p.exitValue(), Files.readString(out) + Files.readString(err), out);
  }

  private Process start(Path log, List<String> jvm, String... mainAndArgs) throws IOException {
    Process p = command(jvm, mainAndArgs).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    processes.add(p);
    return p;
  }

  private ProcessBuilder command(List<String> jvm, String... mainAndArgs) {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
        "-Xmn32m", "-Djava.library.path=" + nativeDir, "-Dsupranational.blst.jniResource=/-"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of(mainAndArgs));
    return new ProcessBuilder(cmd);
  }

  /** The wallet's Blob object of {@code blobId}, once registered. */
  private static Optional<BlobObject> registered(LedgerClient ledger, Address wallet, BlobId blobId) {
    for (ObjectView o : ledger.account(wallet).objects()) {
      if (BlobObject.isBlobObject(o)) {
        BlobObject b = BlobObject.fromLedger(o);
        if (b.blobId().equals(blobId)) {
          return Optional.of(b);
        }
      }
    }
    return Optional.empty();
  }

  private BlobId blobId(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return new BlobEncoder(EncodingConfig.forShards(state.nShards()))
          .computeMetadata(BlobSource.of(ch), SpillSpace.directory(dir, 0)).blobId();
    }
  }

  /** Writes {@code size} reproducible pseudo-random bytes to {@code file}; returns their SHA-256. */
  private static String write(Path file, long size, long seed) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[1 << 20];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      for (long at = 0; at < size; at += chunk.length) {
        int n = (int) Math.min(chunk.length, size - at);
        random.nextBytes(chunk);
        sha.update(chunk, 0, n);
        ch.write(ByteBuffer.wrap(chunk, 0, n));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buffer.clear()) > 0) {
        sha.update(buffer.flip());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static List<Path> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  /** jblst's library for this platform, from its jar on the class path, into {@code target}. */
  private static Path unpackBlst(Path target) throws IOException {
    String name = System.mapLibraryName("blst");
    String resource = "/supranational/blst/" + System.getProperty("os.name").replaceFirst(" .*", "") + "/"
        + System.getProperty("os.arch") + "/" + name;
    Files.createDirectories(target);
    try (var in = supranational.blst.blst.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.copy(in, target.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
