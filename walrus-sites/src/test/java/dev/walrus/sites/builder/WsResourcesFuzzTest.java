package dev.walrus.sites.builder;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * {@code ws-resources.json} with arbitrary content: {@link WsResources#parse} either gives the
 * site's settings or throws {@link WsResourcesException} with one line naming where and why; any
 * other exception would be a stack trace from {@code walrus site publish}. Without {@code
 * JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs.
 */
class WsResourcesFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void parse(byte[] content) {
    try {
      WsResources.parse("ws-resources.json", new String(content, StandardCharsets.UTF_8));
    } catch (WsResourcesException refused) {
      // refused
    }
  }
}
