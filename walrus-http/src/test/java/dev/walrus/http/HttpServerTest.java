package dev.walrus.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  @Test
  void servesAnswersErrorsAndMetricsOnPlainHttp() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RequestTimers timers = new RequestTimers(metrics, "test.http.requests");
    Handler handler = new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        int status;
        if (path.equals("/metrics")) {
          Answers.metrics(response, callback, metrics);
          status = 200;
        } else if (path.equals("/fail-late")) {
          response.write(false, ByteBuffer.wrap("partial".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
          status = Answers.error(response, callback, 500, "{}".getBytes(StandardCharsets.UTF_8),
              new IllegalStateException("late"));
        } else {
          status = Answers.error(response, callback, 404, "{\"error\":{}}".getBytes(StandardCharsets.UTF_8), null);
        }
        timers.record(path, request.getMethod(), status, 1_000);
        return true;
      }
    };
    try (HttpServer server = HttpServer.builder("test-http").bind("127.0.0.1", 0).handler(handler).build()) {
      server.start();
      assertThat(server.scheme()).isEqualTo("http");
      HttpClient client = new HttpClient();
      client.start();
      try {
        String base = "http://127.0.0.1:" + server.port();
        ContentResponse missing = client.GET(base + "/nope");
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(missing.getContentAsString()).isEqualTo("{\"error\":{}}");
        assertThat(missing.getHeaders().get("Server")).isNull();

        // An error after the answer started cannot change the status: the exchange is aborted.
        try {
          ContentResponse late = client.GET(base + "/fail-late");
          assertThat(late.getStatus()).isEqualTo(200);
        } catch (java.util.concurrent.ExecutionException aborted) {
          assertThat(aborted).hasRootCauseInstanceOf(java.io.IOException.class);
        }

        ContentResponse scrape = client.GET(base + "/metrics");
        assertThat(scrape.getStatus()).isEqualTo(200);
        assertThat(scrape.getHeaders().get("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(scrape.getContentAsString()).contains("test_http_requests_seconds_count{method=\"GET\",route=\"/nope\",status=\"404\"} 1");
      } finally {
        client.stop();
      }
    }
  }

  @Test
  void timersAreBoundedWhatMethodsClientsInvent() {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RequestTimers timers = new RequestTimers(metrics, "t");
    for (int i = 0; i < 10_000; i++) {
      timers.record("/x", "M" + i, 405, 1);
    }
    assertThat(metrics.find("t").timers()).hasSizeLessThanOrEqualTo(4097);
    Timer other = metrics.find("t").tag("method", "OTHER").timer();
    assertThat(other).isNotNull();
    assertThat(other.count()).isEqualTo(10_000 - 4096);
  }
}
