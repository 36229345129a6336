package dev.walrus.core.challenge;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import org.junit.jupiter.api.Assertions;

/**
 * §12 test 10: the challenge decoders on arbitrary bytes. Each either decodes to a value that
 * encodes back to the same bytes, or throws {@link BcsException}; nothing else may escape.
 * Without {@code JAZZER_FUZZ=1} the methods run once per stored input (a regression test); with
 * it, Jazzer mutates inputs for as long as it is given.
 */
class ChallengeDecodersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void beacon(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, BeaconMessage.fromBcs(input).toBcs());
    } catch (BcsException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void request(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, ChallengeRequest.fromBcs(input).toBcs());
    } catch (BcsException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void report(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, ChallengeReport.fromBcs(input).toBcs());
    } catch (BcsException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void response(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, ChallengeResponse.fromBcs(input).toBcs());
    } catch (BcsException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void signed(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, SignedChallenge.fromBcs(input).toBcs());
    } catch (BcsException expected) {
      // refused
    }
  }
}
