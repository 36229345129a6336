package dev.walrus.local.testbed;

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
 * What a running testbed is, in {@code DIR/testbed.json}: its tag (in every namespace and link
 * name), subnet, ledger URLs (HTTPS) and the replicas' keys its clients pin, and hosts, so that every later command — and {@code down} after a
 * crash of the command that started it — finds the same processes and namespaces.
 *
 * @param hosts replicas first, then storage nodes
 */
public record TestbedState(String tag, String subnet, List<String> ledgerUrls, List<String> ledgerKeys,
    List<Host> hosts) {
  static final String FILE = "testbed.json";

  /**
   * One host: a namespace with its own address, running one process.
   *
   * @param name {@code r1}… for ledger replicas, {@code n1}… for storage nodes
   * @param number its last address byte, also in its link's name
   * @param pid the process, or null when stopped
   * @param command how to start it again (inside the namespace)
   */
  public record Host(String name, int number, String address, String role, Long pid, String directory,
      List<String> command, String log) {
    Host withPid(Long pid) {
      return new Host(name, number, address, role, pid, directory, command, log);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public TestbedState {
    ledgerUrls = List.copyOf(ledgerUrls);
    ledgerKeys = ledgerKeys == null ? List.of() : List.copyOf(ledgerKeys);
    hosts = List.copyOf(hosts);
  }

  /** Where others reach {@code h}: its own address, or its address on the latency proxy. */
  public String publicAddress(Host h) {
    boolean proxied = host(Testbed.PROXY_HOST).isPresent() && !h.name().equals(Testbed.PROXY_HOST);
    String a = h.address();
    return a.substring(0, a.lastIndexOf('.') + 1) + Testbed.publicNumber(proxied, h.number());
  }

  public Optional<Host> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  TestbedState with(Host host) {
    return withHosts(hosts.stream().map(h -> h.name().equals(host.name()) ? host : h).toList());
  }

  TestbedState withHosts(List<Host> hosts) {
    return new TestbedState(tag, subnet, ledgerUrls, ledgerKeys, hosts);
  }

  /** The replicas' keys, decoded, for {@code LedgerClient.Builder.replicaKeys}. */
  public List<byte[]> ledgerKeyBytes() {
    return ledgerKeys.stream().map(k -> java.util.Base64.getDecoder().decode(k)).toList();
  }

  static Optional<TestbedState> read(Path dir) throws IOException {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), TestbedState.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JacksonException e) {
      throw new IOException(dir.resolve(FILE) + " is not a testbed state file: " + e.getOriginalMessage(), e);
    }
  }

  void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(this));
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
