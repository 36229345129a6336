package dev.walrus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private record R(String method, String template) {}

  private final Router<R> router = Router.of(List.of(
      new R("GET", "/v1/blobs/{blob_id}/metadata"),
      new R("PUT", "/v1/blobs/{blob_id}/slivers/{index}/{kind}"),
      new R("GET", "/v1/blobs/{blob_id}/slivers/{index}/{kind}"),
      new R("GET", "/v1/health")), R::method, R::template);

  @Test
  void matchesByMethodAndTemplateAndNamesTheSegments() {
    Router.Match<R> m = router.match("PUT", "/v1/blobs/abc/slivers/7/primary");
    assertThat(m.route()).isEqualTo(new R("PUT", "/v1/blobs/{blob_id}/slivers/{index}/{kind}"));
    assertThat(m.template()).isEqualTo("/v1/blobs/{blob_id}/slivers/{index}/{kind}");
    assertThat(m.values()).containsExactly("abc", "7", "primary");
    assertThat(m.params()).containsEntry("blob_id", "abc").containsEntry("index", "7").containsEntry("kind", "primary");
    assertThat(router.match("GET", "/v1/health").values()).isEmpty();
  }

  @Test
  void decodesSegmentsAsPathsNotForms() {
    assertThat(router.match("GET", "/v1/blobs/a%2Fb+c/metadata").params().get("blob_id")).isEqualTo("a/b+c");
  }

  @Test
  void anUnknownPathIs404AndAKnownPathWithAnotherMethodIs405() {
    assertThatThrownBy(() -> router.match("GET", "/v1/nope")).isInstanceOfSatisfying(RouteMiss.class, miss -> {
      assertThat(miss.httpStatus()).isEqualTo(404);
      assertThat(miss.status()).isEqualTo("NOT_FOUND");
      assertThat(miss.reason()).isEqualTo("UNKNOWN_PATH");
      assertThat(miss.getMessage()).contains("/v1/nope");
    });
    assertThatThrownBy(() -> router.match("DELETE", "/v1/health")).isInstanceOfSatisfying(RouteMiss.class, miss -> {
      assertThat(miss.httpStatus()).isEqualTo(405);
      assertThat(miss.reason()).isEqualTo("METHOD_NOT_ALLOWED");
      assertThat(miss.getMessage()).isEqualTo("DELETE is not allowed on /v1/health");
    });
  }

  @Test
  void aPlaceholderMatchesOneNonEmptySegmentOnly() {
    assertThatThrownBy(() -> router.match("GET", "/v1/blobs//metadata")).isInstanceOf(RouteMiss.class);
    assertThatThrownBy(() -> router.match("GET", "/v1/blobs/a/b/metadata")).isInstanceOf(RouteMiss.class);
    assertThatThrownBy(() -> router.match("GET", "/v1/health/")).isInstanceOf(RouteMiss.class);
  }

  @Test
  void badPercentEncodingIs400() {
    assertThatThrownBy(() -> router.match("GET", "/v1/blobs/%zz/metadata")).isInstanceOfSatisfying(RouteMiss.class,
        miss -> {
          assertThat(miss.httpStatus()).isEqualTo(400);
          assertThat(miss.reason()).isEqualTo("INVALID_PATH");
        });
  }

  @Test
  void aTemplateMustBeAbsolute() {
    assertThatThrownBy(() -> Router.of(List.of(new R("GET", "v1/x")), R::method, R::template))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
