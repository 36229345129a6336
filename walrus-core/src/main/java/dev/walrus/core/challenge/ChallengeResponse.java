package dev.walrus.core.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A target's answer to a challenge request (spec/challenges.md §6.3), BCS enum {@code
 * ChallengeResponse::V1 = 0 {epoch u32, challenger [32], target [32], first_item u32, total_items
 * u32, items Vec<ItemProof>}}. Unsigned: it travels on the challenger's own connection, and each
 * item proves itself against the blob's metadata.
 *
 * @param totalItems the number of items the target owes this challenger ({@code τ·w_T})
 */
public record ChallengeResponse(long epoch, ObjectId challenger, ObjectId target, long firstItem, long totalItems,
    List<ItemProof> items) {

  public ChallengeResponse {
    Objects.requireNonNull(challenger, "challenger");
    Objects.requireNonNull(target, "target");
    items = List.copyOf(items);
    if (epoch < 0 || epoch > 0xFFFF_FFFFL || firstItem < 0 || firstItem > 0xFFFF_FFFFL || totalItems < 0
        || totalItems > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 field out of range");
    }
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(128 + 256 * items.size());
    w.variant(0).u32(epoch).fixedBytes(challenger.bytes()).fixedBytes(target.bytes()).u32(firstItem).u32(totalItems)
        .uleb128(items.size());
    for (ItemProof p : items) {
      p.writeBcs(w);
    }
    return w.toByteArray();
  }

  /** Decodes one response; {@link BcsException} for anything malformed. */
  public static ChallengeResponse fromBcs(byte[] bcs) {
    try {
      BcsReader r = new BcsReader(bcs);
      r.variant("ChallengeResponse", 1);
      long epoch = r.u32();
      ObjectId challenger = ObjectId.of(r.fixedBytes(32));
      ObjectId target = ObjectId.of(r.fixedBytes(32));
      long first = r.u32();
      long total = r.u32();
      int n = r.length(ItemProof.MIN_BCS_LENGTH);
      List<ItemProof> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(ItemProof.readBcs(r));
      }
      r.finish();
      return new ChallengeResponse(epoch, challenger, target, first, total, items);
    } catch (BcsException e) {
      throw new BcsException("invalid challenge response: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new BcsException("invalid challenge response: " + e.getMessage());
    }
  }
}
