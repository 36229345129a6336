package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.sites.SiteIds;
import dev.walrus.sites.portal.LedgerSiteDirectory;
import dev.walrus.sites.portal.PortalServer;
import dev.walrus.sites.portal.PortalSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code walrus portal}: serves Walrus Sites over HTTP (sites.md §4, §8.4) — {@code
 * http://<base36 site ID>.localhost:3000/} — reading sites from the ledger and their files from
 * aggregators. The ledger and the aggregators default to the client configuration's ({@code
 * ledgerUrls}, {@code aggregatorUrls}; {@code walrus local} writes both). Runs until Ctrl-C.
 */
@Command(name = "portal", description = "Serve Walrus Sites at http://<base36 site ID>.localhost:3000/ from the"
    + " ledger and Walrus aggregators, every file checked against its SHA-256. Runs until Ctrl-C.")
final class PortalCommand extends Verb {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Mixin LedgerOptions ledger;

  @Option(names = "--address", defaultValue = "127.0.0.1:3000", paramLabel = "HOST:PORT",
      description = "Where the portal listens (default: ${DEFAULT-VALUE}; port 0 for any free port).")
  String address;

  @Option(names = "--aggregator", paramLabel = "URL", split = ",",
      description = "A Walrus aggregator to read files from (repeatable, tried in order; default: aggregatorUrls of"
          + " the client configuration, which 'walrus local' writes).")
  List<String> aggregators = new ArrayList<>();

  @Option(names = "--domain", defaultValue = PortalSettings.DEFAULT_DOMAIN, paramLabel = "DOMAIN",
      description = "Sites are served at <base36>.DOMAIN, the landing page at DOMAIN (default: ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--landing-site", paramLabel = "ID",
      description = "A site (0x… object ID or base36) to serve at the bare domain instead of the landing page.")
  String landingSite;

  @Option(names = "--max-body", defaultValue = "256m", paramLabel = "SIZE",
      description = "The largest file served, in bytes or with k, m or g (default: ${DEFAULT-VALUE}).")
  String maxBody;

  @Option(names = "--cache-size", defaultValue = "64m", paramLabel = "SIZE",
      description = "Verified files (of at most 4 MiB) kept in memory across requests, in bytes or with k, m or g;"
          + " 0 turns the cache off (default: ${DEFAULT-VALUE}).")
  String cacheSize;

  @Override
  public Integer call() throws Exception {
    PortalSettings settings;
    try {
      PortalSettings defaults = PortalSettings.defaults(DaemonCommands.Serve.address(address), aggregatorUrls());
      settings = defaults.withDomain(domain)
          .withLandingSite(Optional.ofNullable(landingSite).map(PortalCommand::siteId))
          .withMaxBody(size(maxBody))
          .withBodyLimits(defaults.memoryBodyLimit(), cacheSize.trim().equals("0") ? 0 : size(cacheSize));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    LedgerClient client = ledger.clientBuilder().requestTimeout(Duration.ofSeconds(7)).build();
    PortalServer portal;
    try {
      portal = PortalServer.start(settings, new LedgerSiteDirectory(client));
    } catch (IOException e) {
      client.close();
      throw new CliException("the portal cannot listen on " + address + " (" + e.getMessage()
          + "); is another portal running? Use --address HOST:PORT", e);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    out().println(terminal().success() + " portal serving " + portal.uri() + "   sites at http://<base36 site ID>."
        + domain + ":" + portal.port() + "/   (files from " + String.join(", ",
            settings.aggregators().stream().map(URI::toString).toList()) + ")");
    out().flush();
    UntilStopped.await("portal", () -> {
      portal.close();
      client.close();
    });
    return 0;
  }

  private List<URI> aggregatorUrls() throws IOException {
    List<String> urls = !aggregators.isEmpty() ? aggregators : fromConfig(ledger.configFile());
    if (urls.isEmpty()) {
      throw new CliException("no aggregator given: use --aggregator URL, or list aggregatorUrls in "
          + "client_config.yaml ('walrus local' writes its daemon there)");
    }
    List<URI> out = new ArrayList<>();
    for (String u : urls) {
      try {
        out.add(URI.create(u.trim()));
      } catch (IllegalArgumentException e) {
        throw new CliException("'" + u + "' is not a URL");
      }
    }
    return out;
  }

  /** The {@code aggregatorUrls} of a client configuration (a list, or one URL). */
  static List<String> fromConfig(Path file) throws IOException {
    if (file == null || !Files.isRegularFile(file)) {
      return List.of();
    }
    JsonNode urls;
    try {
      urls = YAML.readTree(Files.readAllBytes(file)).path("aggregatorUrls");
    } catch (JacksonException e) {
      throw new CliException(file + " is not a valid client configuration: " + e.getOriginalMessage());
    }
    List<String> out = new ArrayList<>();
    if (urls.isString()) {
      out.add(urls.asString());
    }
    urls.forEach(u -> out.add(u.asString()));
    return out;
  }

  /** A site's object ID, {@code 0x…} or its base36 label. */
  static ObjectId siteId(String text) {
    if (text.startsWith("0x")) {
      try {
        return ObjectId.parse(text);
      } catch (RuntimeException e) {
        throw new CliException("'" + text + "' is not an object ID (0x + 64 hex digits)");
      }
    }
    return SiteIds.fromBase36(text).orElseThrow(() -> new CliException("'" + text
        + "' is neither a 0x… object ID nor a base36 site ID"));
  }

  /** Bytes, or a number followed by k, m or g (binary units). */
  static long size(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int shift = t.endsWith("k") ? 10 : t.endsWith("m") ? 20 : t.endsWith("g") ? 30 : 0;
    try {
      long n = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
      if (n < 1 || n > Long.MAX_VALUE >> shift) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new CliException("'" + text + "' is not a size (e.g. 262144, 256k, 256m, 1g)");
    }
  }
}
