package dev.walrus.sites.builder;

import dev.walrus.ledger.api.SiteHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headers each file of a site is served with (sites.md §2.1): of the {@code headers} globs
 * that match the resource path, the one with the most {@code /}-separated segments wins, a tie
 * going to the lexicographically first key; rules are never merged. Names are lowercased, then
 * {@code content-encoding: identity} and a {@code content-type} from the extension fill what the
 * rule left out.
 */
public final class HeaderRules {
  private record Rule(String key, GlobPattern glob, Map<String, String> headers, int segments) {}

  /** Rust compares strings by their UTF-8 bytes. */
  private static final java.util.Comparator<String> UTF8 = dev.walrus.core.quilt.QuiltIdentifiers.UTF8_ORDER;

  private final List<Rule> rules;

  public HeaderRules(Map<String, Map<String, String>> headers) {
    List<Rule> list = new ArrayList<>();
    headers.forEach((key, values) -> list.add(new Rule(key, GlobPattern.compile(key), values, segments(key))));
    this.rules = List.copyOf(list);
  }

  /** Segments as site-builder counts them: the pieces between slashes, empty ones included. */
  private static int segments(String key) {
    return key.split("/", -1).length;
  }

  /** The key of the rule that applies to {@code path}, if any matches. */
  public Optional<String> ruleFor(String path) {
    Rule best = null;
    for (Rule r : rules) {
      if (!r.glob().matches(path)) {
        continue;
      }
      if (best == null || r.segments() > best.segments()
          || r.segments() == best.segments() && UTF8.compare(r.key(), best.key()) < 0) {
        best = r;
      }
    }
    return Optional.ofNullable(best).map(Rule::key);
  }

  /** The headers of the file at resource path {@code path}, in the rule's order, defaults last. */
  public List<SiteHeader> headersFor(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    ruleFor(path).ifPresent(key -> {
      for (Rule r : rules) {
        if (r.key().equals(key)) {
          r.headers().forEach((name, value) -> out.put(name.toLowerCase(Locale.ROOT), value));
        }
      }
    });
    out.putIfAbsent("content-encoding", "identity");
    out.putIfAbsent("content-type", ContentTypes.forPath(path));
    List<SiteHeader> headers = new ArrayList<>(out.size());
    out.forEach((name, value) -> headers.add(new SiteHeader(name, value)));
    return List.copyOf(headers);
  }
}
