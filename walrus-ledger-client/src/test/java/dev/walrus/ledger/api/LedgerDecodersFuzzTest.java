package dev.walrus.ledger.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsRecords;
import org.junit.jupiter.api.Assertions;

/**
 * The ledger's BCS decoders on arbitrary bytes: signed transactions are the body of {@code POST
 * /v1/transactions} from anyone; transactions and operations (every variant, sites and
 * challenges included) are decoded inside them; events come back to clients and nodes. Each
 * decode either throws {@link BcsException} or gives a value that encodes to the input again (the
 * encoding is derived from the records and has one form per value). Without {@code JAZZER_FUZZ=1}
 * each stored input runs once; with it, Jazzer mutates inputs for as long as given.
 */
class LedgerDecodersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void signedTransaction(byte[] input) {
    SignedTransaction tx;
    try {
      tx = SignedTransaction.fromBcs(input);
    } catch (BcsException refused) {
      return;
    }
    Assertions.assertArrayEquals(input, tx.toBcs());
  }

  @FuzzTest(maxDuration = "20s")
  void transaction(byte[] input) {
    roundTrips(Transaction.class, input);
  }

  @FuzzTest(maxDuration = "20s")
  void operation(byte[] input) {
    roundTrips(Operation.class, input);
  }

  @FuzzTest(maxDuration = "20s")
  void event(byte[] input) {
    roundTrips(EventEnvelope.class, input);
  }

  /** Decodes {@code input} as a {@code type}; if that succeeds, encoding must give it back. */
  private static <T> void roundTrips(Class<T> type, byte[] input) {
    T value;
    try {
      value = BcsRecords.decode(type, input);
    } catch (BcsException refused) {
      return;
    }
    Assertions.assertArrayEquals(input, BcsRecords.encode(type, value));
  }
}
