package dev.walrus.local.testbed;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.replication.ConfigFiles;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.local.LocalNetwork;
import dev.walrus.local.ProcessNodes;
import dev.walrus.node.config.HostPort;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A walrus-java network spread over separate hosts on one machine: each ledger replica and each
 * storage node runs in a Linux network namespace of its own, with its own address on a private
 * bridge, so everything between them crosses a (virtual) network, TLS included, and a host can be
 * cut off ({@link #partition}) or killed. The root namespace is on the bridge too ({@code .254}),
 * so clients on this machine reach every host. Needs root and iproute2.
 *
 * <p>A testbed lives in a directory: {@code testbed.json} (its state), the genesis and replica
 * configurations, each node's directory (configuration, keys, store) and every host's log. Every
 * namespace and link name carries the testbed's tag, so {@link #down} removes what a crashed
 * testbed left as well.
 */
public final class Testbed {
  /** Root's own address on the testbed network. */
  static final int CLIENT_HOST = 254;
  private static final int FIRST_NODE_HOST = 101;
  /**
   * With the latency proxy, host {@code n}'s public address (registered, in every configuration)
   * is {@code n + PUBLIC_OFFSET}, an address of the proxy on the bridge: replicas .51…, nodes .151….
   */
  private static final int PUBLIC_OFFSET = 50;
  /** The proxy's entry in the state: it runs in the root namespace, not in one of its own. */
  static final String PROXY_HOST = "px";
  private static final int API_PORT = 9101;
  private static final int RAFT_PORT = 9201;
  private static final int NODE_PORT = 9185;
  private static final long NODE_STAKE_WAL = 5_000;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /**
   * @param tag 1–4 lowercase letters or digits, in every name the testbed creates
   * @param subnet the third byte of {@code 10.77.x.0/24}
   * @param latencyProxy whether hosts reach each other through {@link DelayProxy}, so that
   *     {@link #setConditions} can add latency and loss
   */
  public record Options(int replicas, int nodes, int nShards, Duration epoch, String tag, int subnet,
      boolean latencyProxy) {
    public Options {
      if (replicas < 1 || replicas > 7) {
        throw new IllegalArgumentException("1 to 7 ledger replicas, got " + replicas);
      }
      if (nodes < 1 || nodes > 50) {
        throw new IllegalArgumentException("1 to 50 storage nodes, got " + nodes);
      }
      if (!tag.matches("[a-z0-9]{1,4}")) {
        throw new IllegalArgumentException("the tag is 1 to 4 lowercase letters or digits, got '" + tag + "'");
      }
      if (subnet < 1 || subnet > 254) {
        throw new IllegalArgumentException("the subnet byte is 1 to 254, got " + subnet);
      }
    }
  }

  private Testbed() {}

  /** Whether testbeds can run here: root with iproute2. */
  public static boolean available() {
    return Netns.available();
  }

  /**
   * Creates the hosts, writes the genesis, starts the replicas, registers and stakes the nodes as
   * an operator would, starts them, and returns once epoch 1 runs with every node in its
   * committee. On failure everything created so far is removed.
   */
  public static TestbedState up(Path dir, Options o, Consumer<String> progress) throws Exception {
    if (!available()) {
      throw new IllegalStateException("a testbed needs root and iproute2 (ip): it creates network namespaces");
    }
    if (TestbedState.read(dir).isPresent()) {
      throw new IllegalStateException("a testbed is already up in " + dir + " (walrus testbed down --dir " + dir + ")");
    }
    String net = "10.77." + o.subnet() + ".";
    // Never clear what exists: it may be another directory's running testbed with the same tag.
    List<String> taken = Netns.inUse(o.tag(), net);
    if (!taken.isEmpty()) {
      throw new IllegalStateException("testbed tag '" + o.tag() + "' or subnet " + net + "0/24 is in use ("
          + String.join(", ", taken) + "): another testbed runs with it, or one crashed. Choose another --tag and"
          + " --subnet, stop the other with walrus testbed down --dir ITS_DIR, or remove a crashed one's leftovers"
          + " with walrus testbed down --tag " + o.tag());
    }
    Files.createDirectories(dir);
    List<TestbedState.Host> hosts = new ArrayList<>();
    // The replicas' keys: Raft runs over mutual TLS pinned to them, and the client API over HTTPS
    // with certificates of them, which every node and client of the testbed pins.
    Path ledgerDir = Files.createDirectories(dir.resolve("ledger"));
    List<String> ledgerUrls = new ArrayList<>();
    List<String> ledgerKeys = new ArrayList<>();
    for (int i = 1; i <= o.replicas(); i++) {
      ledgerUrls.add("https://" + net + publicNumber(o, i) + ":" + API_PORT);
      NetworkKeyPair key = NetworkKeyPair.generate();
      key.write(ledgerDir.resolve("r" + i + "-raft-key.pem"));
      ledgerKeys.add(java.util.Base64.getEncoder().encodeToString(key.publicKeyBytes()));
    }
    TestbedState state = new TestbedState(o.tag(), net + "0/24", ledgerUrls, ledgerKeys, hosts);
    try {
      Netns.createBridge(o.tag(), net + CLIENT_HOST + "/24");
      state.write(dir);
      if (o.latencyProxy()) {
        state = startProxy(dir, o, state, net, progress);
      }
      state = startLedger(dir, o, state, net, progress);
      state = startNodes(dir, o, state, net, progress);
      awaitCommittee(state, o, progress);
      return state;
    } catch (Exception e) {
      progress.accept("start-up failed (" + e.getMessage() + "); removing the testbed");
      down(dir);
      throw e;
    }
  }

  private static TestbedState startLedger(Path dir, Options o, TestbedState state, String net,
      Consumer<String> progress) throws Exception {
    Path ledgerDir = dir.resolve("ledger");
    // Every node must be registered and staked before epoch 0 ends (the first committee is chosen
    // then); generous, since a loaded machine can take seconds per transaction.
    Duration epochZero = Duration.ofSeconds(Math.max(90, 15L * o.nodes()));
    GenesisConfig genesis = new GenesisConfig("testbed", System.currentTimeMillis(), o.nShards(), epochZero.toMillis(),
        o.epoch().toMillis(), 53, activeSetSize(o), 0, true, 1_000_000 * GenesisConfig.FROST_PER_WAL,
        Address.of(Blake2b256.digest(("walrus-java/faucet/testbed/" + o.tag()).getBytes(StandardCharsets.UTF_8))),
        new TreeMap<>(), Optional.empty());
    ConfigFiles.write(ledgerDir.resolve("genesis.yaml"), genesis);
    List<ReplicaConfig.Peer> peers = new ArrayList<>();
    for (int i = 1; i <= o.replicas(); i++) {
      int pub = publicNumber(o, i);
      peers.add(new ReplicaConfig.Peer("r" + i, net + pub + ":" + RAFT_PORT, state.ledgerUrls().get(i - 1),
          state.ledgerKeys().get(i - 1)));
    }
    List<TestbedState.Host> hosts = new ArrayList<>(state.hosts());
    for (ReplicaConfig.Peer peer : peers) {
      int number = peers.indexOf(peer) + 1;
      Path config = ledgerDir.resolve(peer.id() + ".yaml");
      // Behind the proxy a replica binds its own address, not the public one its peers dial.
      ReplicaConfig.ApiConfig api = o.latencyProxy() ? new ReplicaConfig.ApiConfig(net + number, 0, 0, 0) : null;
      ConfigFiles.write(config, new ReplicaConfig(peer.id(), "data/" + peer.id(), "genesis.yaml", peers, api, null,
          null, null, new ReplicaConfig.TlsConfig(peer.id() + "-raft-key.pem")).validated());
      Netns.addHost(o.tag(), peer.id(), number, net + number + "/24");
      List<String> command = new ArrayList<>(ProcessNodes.javaCommand("-Xmx384m"));
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.walrus.ledger.LedgerReplica",
          "--config", config.toString()));
      TestbedState.Host host = new TestbedState.Host(peer.id(), number, net + number, "ledger replica", null,
          ledgerDir.toString(), command, ledgerDir.resolve(peer.id() + ".log").toString());
      hosts.add(host.withPid(start(o.tag(), host)));
      state = state.withHosts(hosts);
      state.write(dir);
      progress.accept("ledger replica " + peer.id() + " at " + peer.apiUrl() + " (namespace "
          + Netns.namespace(o.tag(), peer.id()) + ")");
    }
    try (LedgerClient client = client(state)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (true) {
        try {
          if (client.status().leaderId() != null) {
            break;
          }
        } catch (RuntimeException notYet) {
          // replicas still starting
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the ledger elected no leader within 2 minutes; see " + ledgerDir + "/r*.log");
        }
        Thread.sleep(250);
      }
    }
    return state;
  }

  /**
   * Room in the committee beyond the testbed's own nodes, for nodes an operator adds by hand
   * (docs/operators.md): with a cap of exactly {@code nodes}, a newcomer staking as much as the
   * others would never be chosen. At most one node per shard.
   */
  private static int activeSetSize(Options o) {
    return Math.min(o.nShards(), Math.max(o.nodes(), 4) + 16);
  }

  private static int publicNumber(Options o, int number) {
    return publicNumber(o.latencyProxy(), number);
  }

  /** The one rule for where others reach host {@code number}: itself, or its address on the proxy. */
  static int publicNumber(boolean proxied, int number) {
    return proxied ? number + PUBLIC_OFFSET : number;
  }

  /**
   * Gives the bridge every host's public address and starts {@link DelayProxy} in the root
   * namespace, forwarding each public address to the host's own.
   */
  private static TestbedState startProxy(Path dir, Options o, TestbedState state, String net,
      Consumer<String> progress) throws IOException {
    List<String> routes = new ArrayList<>();
    for (int i = 1; i <= o.replicas(); i++) {
      for (int port : new int[] {API_PORT, RAFT_PORT}) {
        routes.add(net + (i + PUBLIC_OFFSET) + ":" + port + " " + net + i + ":" + port);
      }
      Netns.addAddress(o.tag(), net + (i + PUBLIC_OFFSET) + "/24");
    }
    for (int j = 0; j < o.nodes(); j++) {
      int number = FIRST_NODE_HOST + j;
      routes.add(net + (number + PUBLIC_OFFSET) + ":" + NODE_PORT + " " + net + number + ":" + NODE_PORT);
      Netns.addAddress(o.tag(), net + (number + PUBLIC_OFFSET) + "/24");
    }
    Files.write(dir.resolve(DelayProxy.ROUTES_FILE), routes);
    DelayProxy.writeConditions(dir.resolve(DelayProxy.CONTROL_FILE), DelayProxy.Conditions.NONE);
    List<String> command = new ArrayList<>(ProcessNodes.javaCommand("-Xmx256m"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DelayProxy.class.getName(), dir.toString()));
    TestbedState.Host host = new TestbedState.Host(PROXY_HOST, CLIENT_HOST, net + CLIENT_HOST, "latency proxy", null,
        dir.toString(), command, dir.resolve("proxy.log").toString());
    List<TestbedState.Host> hosts = new ArrayList<>(state.hosts());
    hosts.add(host.withPid(start(o.tag(), host)));
    state = state.withHosts(hosts);
    state.write(dir);
    progress.accept("latency proxy for " + routes.size() + " addresses (no delay yet: walrus testbed latency)");
    return state;
  }

  /** Sets the proxy's one-way delay and loss on every connection between hosts, running ones included. */
  public static void setConditions(Path dir, DelayProxy.Conditions conditions) throws IOException {
    TestbedState state = require(dir);
    if (state.host(PROXY_HOST).isEmpty()) {
      throw new IllegalStateException("this testbed runs without the latency proxy; start it with"
          + " walrus testbed up --latency-proxy");
    }
    DelayProxy.writeConditions(dir.resolve(DelayProxy.CONTROL_FILE), conditions);
  }

  /** The proxy's current conditions, or empty without a proxy. */
  public static Optional<DelayProxy.Conditions> conditions(Path dir) throws IOException {
    TestbedState state = require(dir);
    return state.host(PROXY_HOST).isEmpty() ? Optional.empty()
        : Optional.of(DelayProxy.readConditions(dir.resolve(DelayProxy.CONTROL_FILE)));
  }

  private static TestbedState startNodes(Path dir, Options o, TestbedState state, String net,
      Consumer<String> progress) throws Exception {
    ProcessNodes launcher = new ProcessNodes(Duration.ofSeconds(5), "512m", Duration.ofSeconds(5));
    List<TestbedState.Host> hosts = new ArrayList<>(state.hosts());
    List<LocalNetwork.NodeSpec> specs = new ArrayList<>();
    try (LedgerClient client = client(state);
        ExecutorService registrations = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> registered = new ArrayList<>();
      for (int j = 1; j <= o.nodes(); j++) {
        int number = FIRST_NODE_HOST + j - 1;
        String name = "n" + j;
        LocalNetwork.NodeSpec spec = new LocalNetwork.NodeSpec(j - 1, name, NODE_PORT, BlsKeyPair.generate(),
            NetworkKeyPair.generate(), Ed25519KeyPair.generate(), dir.resolve(name));
        specs.add(spec);
        // Each node's own account sends its transactions, so the nodes register side by side.
        registered.add(registrations.submit(() -> {
          LocalNetwork.registerAndStake(client, spec, net + publicNumber(o, number) + ":" + NODE_PORT, NODE_STAKE_WAL);
          return null;
        }));
      }
      for (Future<?> f : registered) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception c ? c : e;
        }
      }
      if (client.system().epochInfo().currentEpoch() > 0) {
        throw new IllegalStateException("epoch 1 began before every node was registered; try fewer nodes");
      }
    }
    for (LocalNetwork.NodeSpec spec : specs) {
      int number = FIRST_NODE_HOST + spec.index();
      Path config = ProcessNodes.writeConfig(spec, state.ledgerUrls(), state.ledgerKeys(), new HostPort(net + number, NODE_PORT));
      Netns.addHost(o.tag(), spec.name(), number, net + number + "/24");
      TestbedState.Host host = new TestbedState.Host(spec.name(), number, net + number, "storage node", null,
          spec.directory().toString(), launcher.nodeCommand(config, List.of()),
          spec.directory().resolve("node.log").toString());
      hosts.add(host.withPid(start(o.tag(), host)));
      state = state.withHosts(hosts);
      state.write(dir);
      progress.accept("storage node " + spec.name() + " at https://" + net + publicNumber(o, number) + ":" + NODE_PORT);
    }
    return state;
  }

  private static void awaitCommittee(TestbedState state, Options o, Consumer<String> progress) throws Exception {
    try (LedgerClient client = client(state)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      while (client.committee().members().size() < o.nodes()
          || !client.system().epochInfo().epochState().equals("EpochChangeDone")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("epoch 1 did not complete with every node: " + client.system().epochInfo());
        }
        Thread.sleep(500);
      }
      progress.accept("epoch " + client.system().epochInfo().currentEpoch() + " runs with " + o.nodes()
          + " storage nodes");
    }
  }

  /** A ledger client that fails over between the testbed's replicas. */
  public static LedgerClient client(TestbedState state) {
    return LedgerClient.builder(state.ledgerUrls().stream().map(URI::create).toList())
        .replicaKeys(state.ledgerKeyBytes()).build();
  }

  /** Stops every process (SIGTERM, then SIGKILL) and removes every namespace and the bridge. */
  public static List<String> down(Path dir) throws IOException {
    Optional<TestbedState> state = TestbedState.read(dir);
    List<String> done = new ArrayList<>();
    if (state.isEmpty()) {
      return done;
    }
    for (TestbedState.Host h : state.get().hosts()) {
      if (stop(h, false)) {
        done.add("stopped " + h.name());
      }
    }
    done.addAll(Netns.removeAll(state.get().tag()).stream().map(n -> "removed " + n).toList());
    Files.deleteIfExists(dir.resolve(TestbedState.FILE));
    return done;
  }

  /**
   * Removes what a testbed with {@code tag} left without a state file (its {@code up} was killed
   * before writing one, or the directory was deleted): kills the processes in its namespaces, then
   * deletes the namespaces and the bridge.
   */
  public static List<String> removeLeftovers(String tag) throws IOException {
    List<String> done = new ArrayList<>();
    for (long pid : Netns.pids(tag)) {
      ProcessHandle.of(pid).ifPresent(p -> {
        p.destroyForcibly();
        done.add("killed process " + pid);
      });
    }
    done.addAll(Netns.removeAll(tag).stream().map(n -> "removed " + n).toList());
    return done;
  }

  /** {@code kill -9} of a host's process, as a crash. */
  public static TestbedState kill(Path dir, String hostName) throws IOException {
    TestbedState state = require(dir);
    TestbedState.Host h = host(state, hostName);
    stop(h, true);
    state = state.with(h.withPid(null));
    state.write(dir);
    return state;
  }

  /** Starts a host's process again (after {@link #kill}, or a crash), with its data. */
  public static TestbedState restart(Path dir, String hostName) throws IOException {
    TestbedState state = require(dir);
    TestbedState.Host h = host(state, hostName);
    stop(h, false);
    state = state.with(h.withPid(start(state.tag(), h)));
    state.write(dir);
    return state;
  }

  /** Cuts these hosts off the network: their packets reach no one, and no one reaches them. */
  public static void partition(Path dir, List<String> hostNames) throws IOException {
    TestbedState state = require(dir);
    for (String name : hostNames) {
      if (name.equals(PROXY_HOST)) {
        throw new IllegalArgumentException("the latency proxy runs on this machine, not on a host of its own;"
            + " partition the hosts behind it instead");
      }
      Netns.setLink(state.tag(), host(state, name).number(), false);
    }
  }

  /**
   * Runs {@code command} inside {@code hostName}'s namespace (what the host's own programs see:
   * its address, its link, partitioned or not), copying its output to {@code out} and {@code err};
   * returns its exit code, or throws if it runs longer than {@code timeout} (it is then killed).
   */
  public static int exec(Path dir, String hostName, List<String> command, java.io.Writer out,
      java.io.Writer err, Duration timeout) throws IOException, InterruptedException {
    TestbedState state = require(dir);
    if (hostName.equals(PROXY_HOST)) {
      throw new IllegalArgumentException("the latency proxy runs on this machine: run the command directly");
    }
    host(state, hostName);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command to run");
    }
    List<String> full = new ArrayList<>(Netns.execIn(state.tag(), hostName));
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    Thread copyOut = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
    Thread copyErr = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
    if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("'" + String.join(" ", command) + "' on " + hostName + " ran longer than " + timeout
          + " and was killed");
    }
    copyOut.join();
    copyErr.join();
    return p.exitValue();
  }

  private static void copy(java.io.InputStream in, java.io.Writer out) {
    try (java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) >= 0; ) {
        synchronized (out) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // the process is gone or the reader closed: nothing more to copy
    }
  }

  /** Joins these hosts (all when empty) to the network again. */
  public static void heal(Path dir, List<String> hostNames) throws IOException {
    TestbedState state = require(dir);
    for (TestbedState.Host h : state.hosts()) {
      if ((hostNames.isEmpty() || hostNames.contains(h.name())) && !h.name().equals(PROXY_HOST)) {
        Netns.setLink(state.tag(), h.number(), true);
      }
    }
  }

  /** One line per host: name, role, address, process, link. */
  public static List<String> status(Path dir) throws IOException {
    TestbedState state = require(dir);
    List<String> lines = new ArrayList<>();
    for (TestbedState.Host h : state.hosts()) {
      boolean alive = h.pid() != null && ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
      String link = h.name().equals(PROXY_HOST) ? conditions(dir).map(Testbed::describe).orElse("")
          : Netns.linkUp(state.tag(), h.number()) ? "connected" : "partitioned";
      lines.add(String.format(Locale.ROOT, "%-4s %-15s %-14s %-22s %s", h.name(), h.role(), h.address(),
          alive ? "running (pid " + h.pid() + ")" : "stopped", link));
    }
    return lines;
  }

  public static String describe(DelayProxy.Conditions c) {
    return String.format(Locale.ROOT, "delay %d ms each way, loss %.2f %%", c.delayMillis(), 100 * c.loss());
  }

  public static TestbedState require(Path dir) throws IOException {
    return TestbedState.read(dir).orElseThrow(() -> new IllegalStateException(
        "no testbed in " + dir + " (walrus testbed up --dir " + dir + ")"));
  }

  private static TestbedState.Host host(TestbedState state, String name) {
    return state.host(name).orElseThrow(() -> new IllegalArgumentException("no host '" + name + "'; the hosts are "
        + state.hosts().stream().map(TestbedState.Host::name).toList()));
  }

  private static long start(String tag, TestbedState.Host h) throws IOException {
    List<String> command = new ArrayList<>(h.name().equals(PROXY_HOST) ? List.of("setsid")
        : Netns.execIn(tag, h.name()));
    command.addAll(h.command());
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(h.log()).toFile())).start();
    return p.pid();
  }

  /** Stops a host's process; returns whether one was running. */
  private static boolean stop(TestbedState.Host h, boolean kill) {
    if (h.pid() == null) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    if (kill) {
      p.get().destroyForcibly();
    } else {
      p.get().destroy();
    }
    try {
      p.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      p.get().destroyForcibly();
    }
    return true;
  }
}
