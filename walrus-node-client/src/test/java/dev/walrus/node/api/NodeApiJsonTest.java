package dev.walrus.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NodeApiJsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheSuccessEnvelope() {
    assertThat(NodeApiJson.success(201, "stored")).isEqualTo("{\"success\":{\"code\":201,\"data\":\"stored\"}}");
    assertThat(NodeApiJson.success(200, StoredOnNodeStatus.STORED))
        .isEqualTo("{\"success\":{\"code\":200,\"data\":\"stored\"}}");
    assertThat(NodeApiJson.success(200, BlobStatus.NONEXISTENT))
        .isEqualTo("{\"success\":{\"code\":200,\"data\":\"nonexistent\"}}");
  }

  @Test
  void unwrapsTheSuccessEnvelope() {
    assertThat(NodeApiJson.parseSuccess(utf8("{\"success\":{\"code\":200,\"data\":\"buffered\"}}"), StoredOnNodeStatus.class))
        .isEqualTo(StoredOnNodeStatus.BUFFERED);
    assertThat(NodeApiJson.parseSuccess(NodeApiJson.successBytes(201, "ok"), String.class)).isEqualTo("ok");
  }

  @Test
  void rejectsOtherShapes() {
    assertThatThrownBy(() -> NodeApiJson.successData(utf8("{\"error\":{}}")))
        .isInstanceOf(ApiFormatException.class).hasMessageContaining("success");
    assertThatThrownBy(() -> NodeApiJson.successData(utf8("{\"success\":{\"code\":200}}")))
        .isInstanceOf(ApiFormatException.class).hasMessageContaining("data");
    assertThatThrownBy(() -> NodeApiJson.successData(utf8("\"stored\"")))
        .isInstanceOf(ApiFormatException.class);
    assertThatThrownBy(() -> NodeApiJson.successData(utf8("{\"success\":")))
        .isInstanceOf(ApiFormatException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> NodeApiJson.parseSuccess(utf8("{\"success\":{\"code\":200,\"data\":\"kept\"}}"), StoredOnNodeStatus.class))
        .isInstanceOf(ApiFormatException.class).hasMessageContaining("kept");
    assertThatThrownBy(() -> NodeApiJson.parseSuccess(utf8("{\"success\":{\"code\":200,\"data\":null}}"), StoredOnNodeStatus.class))
        .isInstanceOf(ApiFormatException.class);
  }

  @Test
  void storedOnNodeStatusNames() {
    for (StoredOnNodeStatus s : StoredOnNodeStatus.values()) {
      assertThat(NodeApiJson.toJson(s)).isEqualTo("\"" + s.jsonName() + "\"");
      assertThat(StoredOnNodeStatus.fromJsonName(s.jsonName())).isEqualTo(s);
    }
  }

  @Test
  void storeOutcomesByStatus() {
    for (StoreOutcome o : StoreOutcome.values()) {
      assertThat(StoreOutcome.fromHttpStatus(o.httpStatus())).isEqualTo(o);
    }
    assertThatThrownBy(() -> StoreOutcome.fromHttpStatus(204)).isInstanceOf(ApiFormatException.class);
  }
}
