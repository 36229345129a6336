package dev.walrus.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

  @Test
  void writesTheAip193Envelope() {
    ApiError e = ApiError.invalidArgument("INVALID_SLIVER", "the sliver does not match the metadata")
        .with("pair", 3);
    assertThat(e.toJson()).isEqualTo(
        "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\","
            + "\"message\":\"the sliver does not match the metadata\",\"details\":[{\"@type\":\"ErrorInfo\","
            + "\"reason\":\"INVALID_SLIVER\",\"domain\":\"storage.walrus.space\",\"metadata\":{\"pair\":\"3\"}}]}}");
  }

  @Test
  void withoutReasonTheDetailsAreEmpty() {
    ApiError e = new ApiError(500, "INTERNAL", "boom", null, null, null);
    assertThat(e.toJson())
        .isEqualTo("{\"error\":{\"code\":500,\"status\":\"INTERNAL\",\"message\":\"boom\",\"details\":[]}}");
    assertThat(ApiError.fromJson(e.toJsonBytes())).isEqualTo(e);
  }

  @Test
  void roundTrips() {
    ApiError e = ApiError.unavailableForLegalReasons("FORBIDDEN_BLOB", "blocked").with("blob_id", "abc");
    assertThat(ApiError.fromJson(e.toJsonBytes())).isEqualTo(e);
    assertThat(ApiError.fromJson(ApiError.unavailable().toJsonBytes())).isEqualTo(ApiError.unavailable());
  }

  @Test
  void readsWalrusErrorsWithNumericMetadata() {
    String walrus = """
        {"error":{"code":400,"message":"shard 0 is not assigned to this node in epoch 17",
          "status":"FAILED_PRECONDITION","details":[
            {"@type":"DebugInfo","stackEntries":[],"detail":"x"},
            {"@type":"ErrorInfo","reason":"SHARD_NOT_ASSIGNED","domain":"storage.walrus.space",
             "metadata":{"shard":0,"epoch":17}}]}}""";
    ApiError e = ApiError.fromJson(walrus.getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.status()).isEqualTo("FAILED_PRECONDITION");
    assertThat(e.reason()).isEqualTo("SHARD_NOT_ASSIGNED");
    assertThat(e.domain()).isEqualTo(ApiError.STORAGE_DOMAIN);
    assertThat(e.metadata()).containsExactly(Map.entry("shard", "0"), Map.entry("epoch", "17"));
  }

  @Test
  void isLenientAboutMissingFields() {
    ApiError e = ApiError.fromJson("{\"error\":{}}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isZero();
    assertThat(e.status()).isEqualTo("UNKNOWN");
    assertThat(e.message()).isEmpty();
    assertThat(e.reason()).isNull();
    assertThat(e.metadata()).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAnErrorResponse() {
    assertThatThrownBy(() -> ApiError.fromJson("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ApiFormatException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ApiError.fromJson(new byte[0])).isInstanceOf(ApiFormatException.class);
    assertThatThrownBy(() -> ApiError.fromJson("{\"success\":{}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ApiFormatException.class)
        .hasMessageContaining("not an error response");
    assertThatThrownBy(() -> ApiError.fromJson("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ApiFormatException.class);
  }

  @Test
  void factoriesFollowTheStatusTable() {
    assertThat(ApiError.invalidArgument("R", "m").code()).isEqualTo(400);
    assertThat(ApiError.failedPrecondition("R", "m").code()).isEqualTo(400);
    assertThat(ApiError.unauthenticated("R", "m").code()).isEqualTo(401);
    assertThat(ApiError.permissionDenied("R", "m").code()).isEqualTo(403);
    assertThat(ApiError.sizeExceeded("R", "m").code()).isEqualTo(403);
    assertThat(ApiError.notFound("R", "m").code()).isEqualTo(404);
    assertThat(ApiError.rangeNotSatisfiable("R", "m").code()).isEqualTo(416);
    assertThat(ApiError.resourceExhausted("R", "m").code()).isEqualTo(429);
    assertThat(ApiError.unavailableForLegalReasons("R", "m").code()).isEqualTo(451);
    assertThat(ApiError.internal("m")).satisfies(e -> {
      assertThat(e.code()).isEqualTo(500);
      assertThat(e.reason()).isEqualTo("INTERNAL_ERROR");
      assertThat(e.domain()).isEqualTo("global");
    });
    assertThat(ApiError.unavailable()).satisfies(e -> {
      assertThat(e.code()).isEqualTo(503);
      assertThat(e.status()).isEqualTo("UNAVAILABLE");
      assertThat(e.domain()).isEqualTo("global");
    });
    assertThat(ApiError.unavailable("R", "m").domain()).isEqualTo("storage.walrus.space");
    assertThat(ApiError.deadlineExceeded("R", "m").code()).isEqualTo(504);
    assertThat(ApiError.notFound("METADATA_NOT_FOUND", "m").status()).isEqualTo("NOT_FOUND");
  }
}
