package dev.walrus.cli;

import dev.walrus.client.WalrusClient;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.sites.SiteIds;
import dev.walrus.sites.builder.DeployPlanner;
import dev.walrus.sites.builder.SiteDeployer;
import dev.walrus.sites.builder.SiteLedger;
import dev.walrus.sites.builder.SiteManager;
import dev.walrus.sites.builder.WsResources;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code walrus site deploy|list|sitemap|destroy|convert}: Walrus Sites from the command line
 * (sites.md §3), on this network's ledger. Each has {@code --json}.
 */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description = "Publish a folder as a Walrus Site and manage your sites.",
    subcommands = {SiteCommands.Deploy.class, SiteCommands.ListSites.class, SiteCommands.Sitemap.class,
        SiteCommands.Destroy.class, SiteCommands.Convert.class})
final class SiteCommands implements Runnable {
  /** Where {@code walrus local} serves sites; the summary's link. */
  static final String LOCAL_PORTAL = "localhost:3000";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand (deploy, list, sitemap, destroy or convert)");
  }

  /** {@code http://<base36>.localhost:3000/}. */
  static String url(ObjectId site) {
    return "http://" + SiteIds.toBase36(site) + "." + LOCAL_PORTAL + "/";
  }

  /** Parses a site ID given as 0x hex or as its base36 label. */
  static ObjectId siteId(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return WalletCommand.parse(t, ObjectId::parse);
    }
    return SiteIds.fromBase36(t).orElseThrow(() -> new CliException(
        "'" + text + "' is not a site ID: give 0x and 64 hex digits, or its base36 form"));
  }

  /** A verb with a ledger connection, the wallet and the SDK. */
  abstract static class SiteVerb extends LedgerVerb {
    /** Runs {@code body} with a {@link SiteLedger}; without {@code needWallet} a missing wallet is fine. */
    protected <T> T withSites(boolean needWallet, SiteBody<T> body) throws Exception {
      Ed25519KeyPair key = needWallet ? ledger.key() : optionalKey();
      try (LedgerClient client = ledger.client();
          WalrusClient walrus = WalrusClient.builder().ledgerClient(client).wallet(key).build()) {
        return body.run(new SiteLedger(client, key, walrus));
      }
    }

    private Ed25519KeyPair optionalKey() {
      try {
        return ledger.key();
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    protected Consumer<String> warnings() {
      return w -> {
        terminal().err().println(terminal().warning() + " " + w);
        terminal().err().flush();
      };
    }
  }

  @FunctionalInterface
  interface SiteBody<T> {
    T run(SiteLedger sites) throws Exception;
  }

  @Command(name = "deploy", description = "Publish a folder as a site, or update the site it was published as"
      + " (its ID is kept in ws-resources.json). Only changed files are uploaded.")
  static final class Deploy extends SiteVerb {
    @Parameters(index = "0", paramLabel = "DIR", description = "The site's folder.")
    Path folder;

    @Option(names = "--epochs", paramLabel = "N|max", defaultValue = "1",
        description = "Epochs ahead to store the files for (counting the current one), or 'max'. Default: 1.")
    String epochs;

    @Option(names = {"--site-id", "--object-id"}, paramLabel = "ID",
        description = "The site to update (default: object_id in ws-resources.json; none: a new site).")
    String siteId;

    @Option(names = "--site-name", paramLabel = "NAME", description = "The site's name (default: site_name in "
        + "ws-resources.json, else \"" + DeployPlanner.DEFAULT_SITE_NAME + "\").")
    String siteName;

    @Option(names = "--ws-resources", paramLabel = "PATH",
        description = "The site's configuration (default: DIR/ws-resources.json, optional).")
    Path wsResources;

    @Option(names = "--max-quilt-size", paramLabel = "SIZE",
        description = "The largest quilt to store, e.g. 64MiB (default: 512MiB, or a quarter of the Java heap if"
            + " that is less: a quilt is built in memory).")
    String maxQuiltSize;

    @Override
    public Integer call() throws Exception {
      long maxQuilt = maxQuiltSize != null ? size(maxQuiltSize)
          : Math.min(DeployDefaults.MAX_QUILT_SIZE, Runtime.getRuntime().maxMemory() / 4);
      // Bad input fails before the network is asked anything.
      if (!java.nio.file.Files.isDirectory(folder)) {
        throw new CliException(folder + ": " + (java.nio.file.Files.exists(folder) ? "not a directory"
            : "no such directory"));
      }
      WsResources.load(wsResources != null ? wsResources : folder.resolve(WsResources.FILE_NAME), wsResources != null);
      if (siteName != null) {
        WsResources.checkName(siteName).ifPresent(why -> {
          throw new CliException("--site-name " + why);
        });
      }
      Optional<ObjectId> id = Optional.ofNullable(siteId).map(SiteCommands::siteId);
      SiteDeployer.Result result = withSites(true, sites -> {
        StoreLifetime lifetime = new StoreLifetime();
        lifetime.epochs = epochs;
        int ahead = lifetime.epochsAhead(sites.ledger().system());
        SiteDeployer.Request request = new SiteDeployer.Request(folder, wsResources, ahead, id,
            Optional.ofNullable(siteName), maxQuilt);
        try (ProgressBars.Upload bar = ProgressBars.upload(terminal(), json(), "Uploading " + folder.getFileName())) {
          return new SiteDeployer(sites, warnings()).deploy(request, progress(bar));
        }
      });
      if (json()) {
        Json.print(out(), DeployJson.of(result));
      } else {
        printSummary(out(), result);
      }
      return 0;
    }

    private static SiteDeployer.Progress progress(ProgressBars.Upload bar) {
      if (bar == null) {
        return SiteDeployer.Progress.NONE;
      }
      return new SiteDeployer.Progress() {
        @Override
        public void quiltStarted(int index, int total, int files) {}

        @Override
        public void roundStarted(long bytes) {
          bar.roundStarted(bytes);
        }

        @Override
        public void advanced(long bytes) {
          bar.advanced(bytes);
        }
      };
    }

    private void printSummary(PrintWriter out, SiteDeployer.Result r) {
      out.println(terminal().success() + " Execution completed");
      r.created().forEach(c -> out.println("created resource " + c.path() + where(c)));
      r.updated().forEach(c -> out.println("updated resource " + c.path() + where(c)));
      r.deleted().forEach(path -> out.println("deleted resource " + path));
      String verb = r.newSite() ? "set " : "updated ";
      if (r.routesChanged()) {
        out.println(verb + "routes");
      }
      if (r.redirectsChanged()) {
        out.println(verb + "redirects");
      }
      if (r.metadataChanged()) {
        out.println("updated metadata");
      }
      if (r.nameChanged()) {
        out.println("renamed the site to \"" + r.siteName() + "\"");
      }
      r.extensions().forEach(x -> out.println("Extended blob " + x.objectId() + " by " + x.epochs() + " epoch"
          + (x.epochs() == 1 ? "" : "s")));
      r.deletedBlobObjects().forEach(o -> out.println("Deleted blob object " + o + " (no resource uses it any more)"));
      if (r.created().isEmpty() && r.updated().isEmpty() && r.deleted().isEmpty() && !r.newSite()) {
        out.println("No resource changed.");
      }
      out.println("Uploaded " + r.filesUploaded() + " file" + (r.filesUploaded() == 1 ? "" : "s") + " in "
          + r.quilts().size() + " quilt" + (r.quilts().size() == 1 ? "" : "s") + "; spent " + Amounts.wal(r.frostSpent())
          + " in " + r.transactions() + " site transaction" + (r.transactions() == 1 ? "" : "s") + ".");
      if (r.newSite()) {
        out.println("Created new site!");
        out.println("New site object ID: " + r.siteId());
      } else {
        out.println("Site object ID: " + r.siteId());
      }
      out.println("Browse it at " + url(r.siteId()) + " (walrus local serves it; see 'walrus portal').");
    }

    private static String where(SiteResource r) {
      return r.quiltPatch()
          .map(p -> " with quilt patch ID " + new QuiltPatchId(r.blobId(), QuiltPatchId.Internal.fromBytes(p)))
          .orElse(" with blob ID " + r.blobId());
    }
  }

  /** Walrus's defaults for a deploy. */
  static final class DeployDefaults {
    static final long MAX_QUILT_SIZE = dev.walrus.sites.builder.QuiltPacker.DEFAULT_MAX_QUILT_SIZE;

    private DeployDefaults() {}
  }

  /** {@code 512MiB}, {@code 64 MB}, {@code 1GiB}, {@code 100000}: bytes. */
  static long size(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"kb", "1000"},
        {"mb", "1000000"}, {"gb", "1000000000"}, {"b", "1"}};
    for (String[] u : units) {
      if (t.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - u[0].length());
        break;
      }
    }
    try {
      long bytes = new BigDecimal(t).multiply(BigDecimal.valueOf(unit)).longValueExact();
      if (bytes < 1) {
        throw new CliException("--max-quilt-size must be positive, got " + text);
      }
      return bytes;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CliException("'" + text + "' is not a size (e.g. 512MiB, 64MB or a number of bytes)");
    }
  }

  @Command(name = "list", description = "List the wallet's sites.")
  static final class ListSites extends SiteVerb {
    record Row(ObjectId id, String base36, String name, long resources, long version, String url) {}

    @Override
    public Integer call() throws Exception {
      List<SiteView> sites = withSites(true, s -> new SiteManager(s).list());
      List<Row> rows = sites.stream().map(v -> new Row(v.id(), SiteIds.toBase36(v.id()), v.name(),
          v.resourceCount(), v.version(), url(v.id()))).toList();
      if (json()) {
        Json.print(out(), rows);
        return 0;
      }
      if (rows.isEmpty()) {
        out().println("The wallet owns no sites.");
      }
      for (Row r : rows) {
        out().println(r.id() + "  " + r.name() + "  (" + r.resources() + " resource" + (r.resources() == 1 ? "" : "s")
            + ", version " + r.version() + ")  " + r.url());
      }
      return 0;
    }
  }

  @Command(name = "sitemap", description = "List a site's resources: path, blob or quilt patch ID, end epoch.")
  static final class Sitemap extends SiteVerb {
    @Parameters(index = "0", paramLabel = "SITE_ID", description = "The site (0x hex or base36).")
    String siteId;

    @Override
    public Integer call() throws Exception {
      ObjectId id = siteId(siteId);
      List<SiteManager.Entry> entries = withSites(false, s -> new SiteManager(s).sitemap(id));
      if (json()) {
        Json.print(out(), entries);
        return 0;
      }
      int width = entries.stream().mapToInt(e -> e.path().length()).max().orElse(4);
      out().println(String.format("%-" + width + "s  %-50s  %s", "Path", "Blob or quilt patch ID", "End epoch"));
      for (SiteManager.Entry e : entries) {
        out().println(String.format("%-" + width + "s  %-50s  %s", e.path(), e.blobOrPatchId(),
            e.endEpoch().map(String::valueOf).orElse("(not the wallet's)")));
      }
      return 0;
    }
  }

  @Command(name = "destroy", description = "Delete a site: the wallet's deletable blobs only it uses, then the site"
      + " with its resources, routes and redirects.")
  static final class Destroy extends SiteVerb {
    @Parameters(index = "0", paramLabel = "SITE_ID", description = "The site (0x hex or base36).")
    String siteId;

    @Override
    public Integer call() throws Exception {
      ObjectId id = siteId(siteId);
      SiteManager.Destroyed d = withSites(true, s -> new SiteManager(s).destroy(id, warnings()));
      if (json()) {
        Json.print(out(), d);
      } else {
        out().println(terminal().success() + " destroyed site " + d.siteId() + " (" + d.resources() + " resource"
            + (d.resources() == 1 ? "" : "s") + "; deleted " + d.deletedBlobObjects().size() + " blob object"
            + (d.deletedBlobObjects().size() == 1 ? "" : "s") + ")");
      }
      return 0;
    }
  }

  @Command(name = "convert", description = "Convert a site ID between 0x hex and base36 (its subdomain), either way.")
  static final class Convert extends Verb {
    @Parameters(index = "0", paramLabel = "SITE_ID", description = "0x hex or base36.")
    String siteId;

    record Output(ObjectId objectId, String base36, String url) {}

    @Override
    public Integer call() {
      ObjectId id = siteId(siteId);
      boolean fromHex = siteId.trim().toLowerCase(Locale.ROOT).startsWith("0x");
      if (json()) {
        Json.print(out(), new Output(id, SiteIds.toBase36(id), url(id)));
      } else {
        out().println(fromHex ? SiteIds.toBase36(id) : id.toString());
      }
      return 0;
    }
  }

  /** The deploy's result under {@code --json}. */
  record DeployJson(ObjectId siteId, String base36, String url, boolean newSite, String siteName,
      List<String> created, List<String> updated, List<String> deleted, int filesUploaded,
      List<SiteDeployer.StoredQuilt> quilts, List<DeployPlanner.Extension> extensions, boolean routesChanged,
      boolean redirectsChanged, boolean metadataChanged, boolean nameChanged, List<ObjectId> deletedBlobObjects,
      long frostSpent, int transactions) {

    static DeployJson of(SiteDeployer.Result r) {
      return new DeployJson(r.siteId(), SiteIds.toBase36(r.siteId()), SiteCommands.url(r.siteId()), r.newSite(), r.siteName(),
          r.created().stream().map(SiteResource::path).toList(), r.updated().stream().map(SiteResource::path).toList(),
          r.deleted(), r.filesUploaded(), r.quilts(), r.extensions(), r.routesChanged(), r.redirectsChanged(),
          r.metadataChanged(), r.nameChanged(), r.deletedBlobObjects(), r.frostSpent(), r.transactions());
    }
  }
}
