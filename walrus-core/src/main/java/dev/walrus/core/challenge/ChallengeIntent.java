package dev.walrus.core.challenge;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.messages.IntentHeader;

/**
 * The intents walrus-java signs for storage challenges (spec/challenges.md §6.3). They live in
 * the range 0x40–0x4F reserved for walrus-java, so no present or future Walrus intent (today
 * 0–6) can be replayed as one of them or the other way round. Header as Walrus's: {@code
 * intent_type u8 ‖ version 0 ‖ app 3 ‖ u32 epoch}.
 */
public enum ChallengeIntent {
  /** A member's beacon share: {@code node_id}. Signed into {@code challenge_ack}. */
  BEACON(0x40),
  /** Challenger to target: which items to prove. */
  CHALLENGE_REQUEST(0x41),
  /** A node's end-of-window report, submitted to the ledger. */
  CHALLENGE_REPORT(0x42),
  /** Reserved for the ASYNC mode's confirmations (§9), which walrus-java does not build yet. */
  STORAGE_CONFIRMATION(0x43);

  private final int code;

  ChallengeIntent(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  void writeHeader(BcsWriter w, long epoch) {
    if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("epoch " + epoch + " is out of u32 range");
    }
    w.u8(code).u8(IntentHeader.INTENT_VERSION).u8(IntentHeader.APP_ID_STORAGE).u32(epoch);
  }

  /** Reads and checks a header of this intent; returns the epoch. */
  long readHeader(BcsReader r) {
    int type = r.u8();
    int version = r.u8();
    int app = r.u8();
    if (type != code) {
      throw new BcsException("intent type " + type + ", expected " + code + " (" + this + ")");
    }
    if (version != IntentHeader.INTENT_VERSION) {
      throw new BcsException("unsupported intent version " + version);
    }
    if (app != IntentHeader.APP_ID_STORAGE) {
      throw new BcsException("wrong intent app ID " + app + ", expected " + IntentHeader.APP_ID_STORAGE);
    }
    return r.u32();
  }
}
