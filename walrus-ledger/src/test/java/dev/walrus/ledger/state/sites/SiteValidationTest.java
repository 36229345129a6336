package dev.walrus.ledger.state.sites;

import static dev.walrus.ledger.state.sites.Sites.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.ResourceRange;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.LedgerTestNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every shape rule of site operations, through real transactions: each bad input aborts with its
 * code and a message, and each limit's largest allowed value passes.
 */
class SiteValidationTest {
  final Ed25519KeyPair alice = LedgerTestNetwork.key(1);
  final LedgerTestNetwork net = new LedgerTestNetwork(10, 60_000, alice);
  ObjectId site;

  @BeforeEach
  void createSite() {
    site = net.run(alice, Sites.create("s")).created().getFirst();
    assertThat(net.run(alice, update(site, puts(resource("/held")))).succeeded()).isTrue();
  }

  void refused(String why, Operation op, int code) {
    List<SiteResource> before = net.state.sites().resources(site, null, 2000);
    TransactionEffects e = net.run(alice, op);
    assertThat(e.status()).as(why).isEqualTo(TransactionEffects.Status.ABORTED);
    assertThat(e.abort().module()).as(why).isEqualTo(SiteErrors.MODULE);
    assertThat(e.abort().code()).as(why + ": " + e.abort().message()).isEqualTo(code);
    assertThat(e.abort().message()).as(why).isNotBlank();
    assertThat(net.state.sites().find(site).orElseThrow().version()).as(why).isEqualTo(2);
    assertThat(net.state.sites().resources(site, null, 2000)).as(why).isEqualTo(before);
  }

  void accepted(String why, Operation op) {
    TransactionEffects e = net.run(alice, op);
    assertThat(e.status()).as(why + ": " + e.abort()).isEqualTo(TransactionEffects.Status.SUCCESS);
  }

  void refusedPut(String why, SiteResource r, int code) {
    refused(why, update(site, puts(r)), code);
  }

  static String bytes(int n) {
    return "a".repeat(n);
  }

  static SiteResource headers(List<SiteHeader> headers) {
    SiteResource r = resource("/h");
    return new SiteResource(r.path(), headers, r.blobId(), r.blobHash(), r.quiltPatch(), r.range());
  }

  static SiteResource hash(byte[] hash) {
    SiteResource r = resource("/h");
    return new SiteResource(r.path(), r.headers(), r.blobId(), hash, r.quiltPatch(), r.range());
  }

  static SiteResource patch(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    SiteResource r = resource("/h");
    return new SiteResource(r.path(), r.headers(), r.blobId(), r.blobHash(), Optional.of(b), r.range());
  }

  static SiteResource range(Long start, Long end) {
    SiteResource r = resource("/h");
    return new SiteResource(r.path(), r.headers(), r.blobId(), r.blobHash(), Optional.empty(),
        Optional.of(new ResourceRange(Optional.ofNullable(start), Optional.ofNullable(end))));
  }

  static SiteMetadata description(String d) {
    return new SiteMetadata(Optional.empty(), Optional.empty(), Optional.of(d), Optional.empty(), Optional.empty());
  }

  @Test
  void names() {
    refused("empty name", Sites.create(""), SiteErrors.INVALID_NAME);
    refused("257-byte name", Sites.create("é".repeat(128) + "a"), SiteErrors.INVALID_NAME);
    refused("name with a newline", Sites.create("a\nb"), SiteErrors.INVALID_NAME);
    refused("empty new name", update(site, name("")), SiteErrors.INVALID_NAME);
    accepted("256-byte name", Sites.create("é".repeat(128)));
    accepted("rename", update(site, name(bytes(256))));
  }

  @Test
  void metadata() {
    refused("2049-byte field", new Operation.CreateSite("s", description(bytes(2049))), SiteErrors.INVALID_METADATA);
    refused("2049-byte field in a diff", update(site, Sites.metadata(description(bytes(2049)))),
        SiteErrors.INVALID_METADATA);
    refused("control character", update(site, Sites.metadata(description("a\u0007"))), SiteErrors.INVALID_METADATA);
    accepted("2048-byte field", new Operation.CreateSite("s", description(bytes(2048))));
  }

  @Test
  void paths() {
    for (String bad : List.of("", "index.html", "/a//b", "/a/", "//", "/./a", "/a/.", "/a/../b", "/..", "/a\\b",
        "/a\u0000b", "/a\u007fb", "/a\nb", "/\u0085", "/\uD800", "/" + bytes(2050), "/" + "é".repeat(1025))) {
      refusedPut("path " + SiteValidation.shown(bad), resource(bad), SiteErrors.INVALID_PATH);
    }
    accepted("/ alone, dots inside names, 2 050 bytes", update(site, puts(resource("/"), resource("/a.b/..c/.../.d"),
        resource("/" + bytes(2049)), resource("/\uD83D\uDE00 ü ?#%20"))));
  }

  @Test
  void headers() {
    SiteHeader ok = new SiteHeader("content-type", "text/html");
    for (String badName : List.of("Content-Type", "", "a b", "a:b", "a\u00e9", "(x)", bytes(257))) {
      refusedPut("header name " + SiteValidation.shown(badName), headers(List.of(new SiteHeader(badName, "v"))),
          SiteErrors.INVALID_HEADER);
    }
    for (String badValue : List.of("a\r\nset-cookie: x", "a\nb", "a\rb", "a\u0000", bytes(8193))) {
      refusedPut("header value " + SiteValidation.shown(badValue), headers(List.of(new SiteHeader("x", badValue))),
          SiteErrors.INVALID_HEADER);
    }
    refusedPut("duplicate header", headers(List.of(ok, new SiteHeader("content-type", "text/plain"))),
        SiteErrors.INVALID_HEADER);
    List<SiteHeader> many = IntStream.range(0, 257).mapToObj(i -> new SiteHeader("x-" + i, "v")).toList();
    refusedPut("257 headers", headers(many), SiteErrors.INVALID_HEADER);
    accepted("256 headers", update(site, puts(headers(many.subList(0, 256)))));
    accepted("token punctuation, a tab, 8 192 bytes, a 256-byte name", update(site, puts(headers(List.of(
        new SiteHeader("x-a!#$%&'*+-.^_`|~0", "a\tb"), new SiteHeader("x-big", bytes(8192)),
        new SiteHeader(bytes(256), "v"), new SiteHeader("x-empty", ""))))));
  }

  @Test
  void hashesQuiltPatchesAndRanges() {
    refusedPut("31-byte hash", hash(new byte[31]), SiteErrors.INVALID_BLOB_HASH);
    refusedPut("33-byte hash", hash(new byte[33]), SiteErrors.INVALID_BLOB_HASH);
    refusedPut("empty hash", hash(new byte[0]), SiteErrors.INVALID_BLOB_HASH);
    refusedPut("4-byte patch", patch(1, 0, 0, 1), SiteErrors.INVALID_QUILT_PATCH);
    refusedPut("6-byte patch", patch(1, 0, 0, 1, 0, 0), SiteErrors.INVALID_QUILT_PATCH);
    refusedPut("patch version 2", patch(2, 0, 0, 1, 0), SiteErrors.INVALID_QUILT_PATCH);
    refusedPut("patch version 0", patch(0, 0, 0, 1, 0), SiteErrors.INVALID_QUILT_PATCH);
    refusedPut("patch start = end", patch(1, 3, 0, 3, 0), SiteErrors.INVALID_QUILT_PATCH);
    // Little-endian: start 0x0100 = 256 > end 0x00ff = 255.
    refusedPut("patch start > end", patch(1, 0, 1, 0xff, 0), SiteErrors.INVALID_QUILT_PATCH);
    refusedPut("range without ends", range(null, null), SiteErrors.INVALID_RANGE);
    refusedPut("range end = start", range(5L, 5L), SiteErrors.INVALID_RANGE);
    refusedPut("range end < start", range(6L, 5L), SiteErrors.INVALID_RANGE);
    accepted("patch 255..256, ranges with one or both ends", update(site, puts(
        rename(patch(1, 0xff, 0, 0, 1), "/p"), rename(range(null, 9L), "/r1"), rename(range(9L, null), "/r2"),
        rename(range(0L, 1L), "/r3"))));
  }

  @Test
  void negativeRangeBoundsAreRefusedBeforeTheyCouldBeEncoded() {
    // BCS has no negative u64, so such a range never arrives in a transaction; the rule still holds.
    assertThatThrownBy(() -> SiteValidation.resource(range(-1L, null))).isInstanceOfSatisfying(Abort.class,
        a -> assertThat(a.code()).isEqualTo(SiteErrors.INVALID_RANGE));
  }

  static SiteResource rename(SiteResource r, String path) {
    return new SiteResource(path, r.headers(), r.blobId(), r.blobHash(), r.quiltPatch(), r.range());
  }

  @Test
  void routes() {
    SiteRoute ok = new SiteRoute("/app/*", "/index.html");
    refused("pattern without /", update(site, Sites.routes(List.of(new SiteRoute("app/*", "/i")))), SiteErrors.INVALID_ROUTE);
    refused("1025-byte pattern", update(site, Sites.routes(List.of(new SiteRoute("/" + bytes(1024), "/i")))),
        SiteErrors.INVALID_ROUTE);
    refused("target without /", update(site, Sites.routes(List.of(new SiteRoute("/a", "index.html")))),
        SiteErrors.INVALID_ROUTE);
    refused("duplicate pattern", update(site, Sites.routes(List.of(ok, new SiteRoute("/app/*", "/other")))),
        SiteErrors.INVALID_ROUTE);
    refused("control character", update(site, Sites.routes(List.of(new SiteRoute("/a\nb", "/i")))),
        SiteErrors.INVALID_ROUTE);
    List<SiteRoute> many = IntStream.range(0, 1001).mapToObj(i -> new SiteRoute("/r" + i, "/i")).toList();
    refused("1001 routes", update(site, Sites.routes(many)), SiteErrors.INVALID_ROUTE);
    List<SiteRoute> most = new ArrayList<>(many.subList(0, 999));
    most.add(new SiteRoute("/" + bytes(1023), "/i"));
    accepted("1000 routes, 1024-byte pattern", update(site, Sites.routes(most)));
    assertThat(net.state.sites().routes(site)).hasSize(1000);
  }

  @Test
  void redirects() {
    for (int status : List.of(200, 300, 304, 305, 306, 309, 404)) {
      refused("status " + status, update(site, Sites.redirects(List.of(new SiteRedirect("/a", "/b", status)))),
          SiteErrors.INVALID_REDIRECT);
    }
    refused("empty location", update(site, Sites.redirects(List.of(new SiteRedirect("/a", "", 301)))),
        SiteErrors.INVALID_REDIRECT);
    refused("2049-byte location", update(site, Sites.redirects(List.of(new SiteRedirect("/a", bytes(2049), 301)))),
        SiteErrors.INVALID_REDIRECT);
    refused("location with CR LF", update(site, Sites.redirects(List.of(new SiteRedirect("/a", "/b\r\nx: y", 301)))),
        SiteErrors.INVALID_REDIRECT);
    refused("pattern without /", update(site, Sites.redirects(List.of(new SiteRedirect("a", "/b", 301)))),
        SiteErrors.INVALID_REDIRECT);
    refused("duplicate pattern", update(site, Sites.redirects(List.of(new SiteRedirect("/a", "/b", 301),
        new SiteRedirect("/a", "/c", 302)))), SiteErrors.INVALID_REDIRECT);
    List<SiteRedirect> many = IntStream.range(0, 1001).mapToObj(i -> new SiteRedirect("/r" + i, "/i", 302)).toList();
    refused("1001 redirects", update(site, Sites.redirects(many)), SiteErrors.INVALID_REDIRECT);
    accepted("1000 redirects", update(site, Sites.redirects(many.subList(0, 1000))));
    accepted("every allowed status, an absolute URL of 2048 bytes", update(site, Sites.redirects(List.of(
        new SiteRedirect("/1", "https://example.com/" + bytes(2028), 301), new SiteRedirect("/2", "/x", 302),
        new SiteRedirect("/3", "/x", 303), new SiteRedirect("/7", "/x", 307), new SiteRedirect("/8", "/x", 308)))));
  }

  @Test
  void diffs() {
    List<SiteResource> many = IntStream.range(0, 1001).mapToObj(i -> resource("/p" + i)).toList();
    refused("1001 puts", update(site, new SiteDiff(List.of(), many, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty())), SiteErrors.DIFF_TOO_LARGE);
    List<String> deletes = IntStream.range(0, 500).mapToObj(i -> "/d" + i).toList();
    refused("500 deletes + 501 puts", update(site, new SiteDiff(deletes, many.subList(0, 501), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty())), SiteErrors.DIFF_TOO_LARGE);
    refused("a path deleted twice", update(site, deletes("/held", "/held")), SiteErrors.DIFF_CONFLICT);
    refused("a path put twice", update(site, puts(resource("/x", "1"), resource("/x", "2"))), SiteErrors.DIFF_CONFLICT);
    refused("a path deleted and put", update(site, new SiteDiff(List.of("/held"), List.of(resource("/held")),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())), SiteErrors.DIFF_CONFLICT);
    refused("deleting a path the site does not hold", update(site, deletes("/not-there")), SiteErrors.NO_SUCH_RESOURCE);
    accepted("1000 puts", update(site, new SiteDiff(List.of(), many.subList(0, 1000), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty())));
    assertThat(net.state.sites().find(site).orElseThrow().resourceCount()).isEqualTo(1001);
  }
}
