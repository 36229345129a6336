package dev.walrus.node.config;

import java.net.InetSocketAddress;

/**
 * A {@code host:port} pair as written in configuration files; an IPv6 host is written in brackets,
 * {@code [::1]:9185}. The host is not resolved here: a public address may name a host that only
 * other machines can resolve.
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("invalid host '" + host + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not in 1..65535");
    }
  }

  /** Parses {@code host:port} or {@code [ipv6]:port}. */
  public static HostPort parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing host:port");
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + text + "': write an IPv6 host in brackets, as [::1]:9185");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric port");
    }
    try {
      return new HostPort(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
  }

  /** An address to bind or connect to; resolves the host name. */
  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
