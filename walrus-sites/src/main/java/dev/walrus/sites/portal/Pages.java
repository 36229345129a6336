package dev.walrus.sites.portal;

import static dev.walrus.sites.portal.Page.code;
import static dev.walrus.sites.portal.Page.escape;

/** The portal's pages, one per outcome of sites.md §4.4 and §4.9 that is not a site's own file. */
final class Pages {
  private Pages() {}

  /** How to reach a site through this portal, for the landing page and the "not a site" page. */
  private static String howTo(String origin) {
    return "A site is served at " + code("http://<site ID in base36>." + origin + "/")
        + ", for example " + code("http://2ql5anb8crzwh7v2kesxfdrdu6c9ye1sdt2pv2s1vxw2x6o1xf." + origin + "/")
        + ". " + code("walrus site convert <0x… site ID>") + " prints the base36 form of a site's ID; "
        + code("walrus site deploy <folder>") + " publishes a folder and prints its URL.";
  }

  static Page landing(String origin) {
    return Page.of(200, "Walrus Sites portal",
        "This portal serves Walrus Sites: websites whose files are stored on Walrus and whose pages "
            + "are checked against the SHA-256 the ledger records before they are sent.",
        howTo(origin));
  }

  static Page notASite(String host, String origin) {
    return Page.of(404, "Not a site", code(host) + " is not a site of this portal.", howTo(origin));
  }

  static Page siteNotFound(String label) {
    return Page.of(404, "Site not found", "There is no site with the ID " + code(label)
        + " on this network. It may have been destroyed, or the link may be mistyped.");
  }

  static Page pageNotFound(String path) {
    return Page.of(404, "Page not found", "This site has no page at " + code(path) + ".");
  }

  static Page badPath(String reason) {
    return Page.of(400, "Bad request", "The address cannot name a file of a site: " + escape(reason) + ".");
  }

  static Page expired(String path, String blob) {
    return Page.of(404, "No longer available", "The file " + code(path) + " is no longer stored on Walrus: "
        + "its blob " + code(blob) + " expired.", "If this is your site, deploy it again "
        + "(" + code("walrus site deploy <folder>") + "): the file will be stored anew.");
  }

  static Page integrity(String path, String blob) {
    return Page.of(422, "Content does not match the site",
        "The bytes received for " + code(path) + " (blob " + code(blob) + ") do not have the SHA-256 the site "
            + "recorded for this file, so none of them were sent. An aggregator or a cache on the way served "
            + "wrong data; try again later.");
  }

  static Page tooLarge(String path, long max) {
    return Page.of(403, "File too large for this portal", "The file " + code(path) + " is larger than this "
        + "portal serves (" + max + " bytes). Its operator can raise the limit with " + code("--max-body") + ".");
  }

  static Page aggregatorUnavailable(String path) {
    return Page.of(503, "Failed to contact the aggregator", "No Walrus aggregator served " + code(path)
        + ". Try again in a moment.");
  }

  static Page ledgerUnavailable() {
    return Page.of(503, "The ledger cannot be reached", "The portal could not look the site up on the ledger. "
        + "Try again in a moment.");
  }

  static Page busy() {
    return Page.of(503, "Too busy", "The portal is serving as many requests as it can. Try again in a moment.");
  }

  static Page redirectLoop(String path) {
    return Page.of(508, "Redirect loop", "This site redirects " + code(path) + " to itself.");
  }

  static Page methodNotAllowed(String method) {
    return Page.of(405, "Method not allowed", "The portal serves GET and HEAD, not " + code(method) + ".");
  }

  static Page internal() {
    return Page.of(500, "Internal error", "The portal failed to serve this request; its log says why.");
  }
}
