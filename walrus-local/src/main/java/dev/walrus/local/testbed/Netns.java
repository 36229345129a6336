package dev.walrus.local.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The few {@code ip} commands a testbed needs (iproute2, root): a bridge per testbed, a network
 * namespace per host joined to it by a veth pair, links cut and restored for partitions. Every
 * name carries the testbed's tag, so that {@link #removeAll} finds what a crashed testbed left.
 * Interface names are at most 15 bytes (the kernel's limit): {@code wb<tag>} for the bridge,
 * {@code wv<tag><host>} for a host's end on the bridge.
 */
final class Netns {
  private static final long COMMAND_TIMEOUT_SECONDS = 20;

  private Netns() {}

  static String bridge(String tag) {
    return "wb" + tag;
  }

  static String namespace(String tag, String host) {
    return "wt-" + tag + "-" + host;
  }

  static String veth(String tag, int hostNumber) {
    return "wv" + tag + hostNumber;
  }

  /** Whether this process may create namespaces: root, with iproute2 installed. */
  static boolean available() {
    try {
      return "0".equals(run(false, "id", "-u").strip()) && !run(false, "ip", "-V").isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  /** The bridge, up, holding {@code cidr} (the root namespace's address on the testbed network). */
  static void createBridge(String tag, String cidr) throws IOException {
    ip("link", "add", bridge(tag), "type", "bridge");
    ip("addr", "add", cidr, "dev", bridge(tag));
    ip("link", "set", bridge(tag), "up");
  }

  /** A namespace for {@code host} with {@code cidr} on its {@code eth0}, joined to the bridge. */
  static void addHost(String tag, String host, int hostNumber, String cidr) throws IOException {
    String ns = namespace(tag, host);
    String veth = veth(tag, hostNumber);
    ip("netns", "add", ns);
    ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
    ip("link", "set", veth, "master", bridge(tag), "up");
    ip("-n", ns, "addr", "add", cidr, "dev", "eth0");
    ip("-n", ns, "link", "set", "eth0", "up");
    ip("-n", ns, "link", "set", "lo", "up");
  }

  /** Adds an address to the bridge in the root namespace (a public address of the latency proxy). */
  static void addAddress(String tag, String cidr) throws IOException {
    ip("addr", "add", cidr, "dev", bridge(tag));
  }

  /** Cuts a host off the network (its packets go nowhere) or joins it again. */
  static void setLink(String tag, int hostNumber, boolean up) throws IOException {
    ip("link", "set", veth(tag, hostNumber), up ? "up" : "down");
  }

  /** Whether the host's link is administratively up (not cut by a partition). */
  static boolean linkUp(String tag, int hostNumber) throws IOException {
    String line = run(false, "ip", "-o", "link", "show", veth(tag, hostNumber));
    int open = line.indexOf('<');
    int close = line.indexOf('>', open + 1);
    return open >= 0 && close > open && List.of(line.substring(open + 1, close).split(",")).contains("UP");
  }

  /**
   * The namespaces and bridge of testbed {@code tag} that exist, and any link already holding an
   * address in {@code subnetPrefix} (e.g. {@code "10.77.77."}): what a new testbed would collide with.
   */
  static List<String> inUse(String tag, String subnetPrefix) throws IOException {
    List<String> found = new ArrayList<>();
    for (String ns : namespaces(tag)) {
      found.add("namespace " + ns);
    }
    if (linkExists(bridge(tag))) {
      found.add("bridge " + bridge(tag));
    }
    for (String line : run(false, "ip", "-o", "-4", "addr", "show").split("\n")) {
      String[] f = line.strip().split("\\s+");
      // "3: wbwt    inet 10.77.77.254/24 …": the link name is the second field, the address the fourth.
      if (f.length > 3 && f[2].equals("inet") && f[3].startsWith(subnetPrefix)) {
        found.add("address " + f[3] + " on " + f[1]);
      }
    }
    return found;
  }

  /** The namespaces of testbed {@code tag} that exist. */
  private static List<String> namespaces(String tag) throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : run(false, "ip", "netns", "list").split("\n")) {
      String ns = line.strip().split("\\s+")[0];
      if (ns.startsWith("wt-" + tag + "-")) {
        found.add(ns);
      }
    }
    return found;
  }

  /** Whether a link of this name exists (an absent one's error message names it too, so list them all). */
  private static boolean linkExists(String name) throws IOException {
    for (String line : run(false, "ip", "-o", "link", "show").split("\n")) {
      // "7: wbwt: <BROADCAST,…" or "9: wvwt1@if8: <…"
      String[] f = line.strip().split("\\s+");
      if (f.length > 1 && (f[1].equals(name + ":") || f[1].startsWith(name + "@"))) {
        return true;
      }
    }
    return false;
  }

  /** The processes running in testbed {@code tag}'s namespaces (a crashed testbed's leftovers). */
  static List<Long> pids(String tag) throws IOException {
    List<Long> pids = new ArrayList<>();
    for (String ns : namespaces(tag)) {
      for (String pid : run(false, "ip", "netns", "pids", ns).split("\n")) {
        if (pid.strip().matches("[0-9]+")) {
          pids.add(Long.parseLong(pid.strip()));
        }
      }
    }
    return pids;
  }

  /** Deletes every namespace and the bridge of testbed {@code tag}; what is already gone is skipped. */
  static List<String> removeAll(String tag) throws IOException {
    List<String> removed = new ArrayList<>();
    for (String ns : namespaces(tag)) {
      run(false, "ip", "netns", "delete", ns);
      removed.add(ns);
    }
    if (linkExists(bridge(tag))) {
      run(false, "ip", "link", "delete", bridge(tag));
      removed.add(bridge(tag));
    }
    return removed;
  }

  /** The command prefix that runs a program inside {@code host}'s namespace, in a session of its own. */
  static List<String> execIn(String tag, String host) {
    // setsid: a Ctrl-C meant for the command that started the testbed must not reach its hosts.
    return List.of("setsid", "ip", "netns", "exec", namespace(tag, host));
  }

  private static void ip(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = "ip";
    System.arraycopy(args, 0, command, 1, args.length);
    run(true, command);
  }

  /** Runs a short command and returns its output; with {@code check}, a non-zero exit is an error. */
  static String run(boolean check, String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (check && p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
    }
    return out;
  }
}
