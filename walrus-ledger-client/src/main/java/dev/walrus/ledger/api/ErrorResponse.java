package dev.walrus.ledger.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Every error the ledger API returns, in the AIP-193 shape Walrus uses (protocol.md §6):
 * {@code {"error":{"code":<http>,"status":"<UPPER_SNAKE>","message":"…","details":[{"@type":
 * "ErrorInfo","reason":"<REASON>","domain":"…","metadata":{…}}]}}}.
 */
public record ErrorResponse(Error error) {
  /** The domain of the ledger's own reasons. */
  public static final String DOMAIN = "ledger.walrus.space";

  public record Error(int code, String status, String message, List<Detail> details) {}

  public record Detail(@JsonProperty("@type") String type, String reason, String domain, Map<String, String> metadata) {}

  public static ErrorResponse of(int httpCode, String status, String reason, String message, Map<String, String> metadata) {
    return new ErrorResponse(new Error(httpCode, status, message,
        List.of(new Detail("ErrorInfo", reason, DOMAIN, metadata))));
  }

  /** The first detail's reason, or the status when there is none. */
  public String reason() {
    List<Detail> d = error.details();
    return d == null || d.isEmpty() || d.get(0).reason() == null ? error.status() : d.get(0).reason();
  }
}
