package dev.walrus.core.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code CHALLENGE_REPORT} (0x42): {@code reporter [32] ‖ seed [32] ‖ set_digest [32] ‖ entries
 * Vec<ReportEntry>}, about 103 + 60 bytes per entry. Signed by the reporter's BLS key and
 * submitted to the ledger, which checks the entries' shape (§7.2); the decoder here checks only
 * the encoding.
 */
public record ChallengeReport(long epoch, ObjectId reporter, byte[] seed, byte[] setDigest, List<ReportEntry> entries)
    implements ChallengeMessage {

  public ChallengeReport {
    Objects.requireNonNull(reporter, "reporter");
    seed = ChallengeRequest.check32(seed, "seed");
    setDigest = ChallengeRequest.check32(setDigest, "set digest");
    entries = List.copyOf(entries);
  }

  @Override
  public ChallengeIntent intent() {
    return ChallengeIntent.CHALLENGE_REPORT;
  }

  @Override
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public byte[] setDigest() {
    return setDigest.clone();
  }

  @Override
  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(104 + 64 * entries.size());
    intent().writeHeader(w, epoch);
    w.fixedBytes(reporter.bytes()).fixedBytes(seed).fixedBytes(setDigest).uleb128(entries.size());
    for (ReportEntry e : entries) {
      e.writeBcs(w);
    }
    return w.toByteArray();
  }

  /** Decodes one report; {@link BcsException} for anything else. */
  public static ChallengeReport fromBcs(byte[] bcs) {
    try {
      BcsReader r = new BcsReader(bcs);
      long epoch = ChallengeIntent.CHALLENGE_REPORT.readHeader(r);
      ObjectId reporter = ObjectId.of(r.fixedBytes(32));
      byte[] seed = r.fixedBytes(32);
      byte[] digest = r.fixedBytes(32);
      int n = r.length(50);
      List<ReportEntry> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        entries.add(ReportEntry.readBcs(r));
      }
      r.finish();
      return new ChallengeReport(epoch, reporter, seed, digest, entries);
    } catch (BcsException e) {
      throw new BcsException("invalid CHALLENGE_REPORT message: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChallengeReport m && m.epoch == epoch && m.reporter.equals(reporter)
        && Arrays.equals(m.seed, seed) && Arrays.equals(m.setDigest, setDigest) && m.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, reporter, Arrays.hashCode(seed), entries);
  }

  @Override
  public String toString() {
    return "ChallengeReport[epoch=" + epoch + ", reporter=" + reporter + ", " + entries.size() + " entries]";
  }
}
