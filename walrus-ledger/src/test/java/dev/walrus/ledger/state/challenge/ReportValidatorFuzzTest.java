package dev.walrus.ledger.state.challenge;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.TestCommittee;

/**
 * §12 test 10: the ledger's report validator on arbitrary reports against a 4-node committee.
 * Any input either passes, or is refused with a BCS error (undecodable) or an {@link Abort} of
 * code 8 (malformed entries); nothing else may escape, since an escaping exception would only be
 * caught as an internal error.
 */
class ReportValidatorFuzzTest {
  private static final Committee COMMITTEE = TestCommittee.uniform(2, 3, 4, 4).committee;

  @FuzzTest(maxDuration = "20s")
  void reports(FuzzedDataProvider data) {
    int tau = data.consumeInt(1, 64);
    byte[] bytes = data.consumeRemainingAsBytes();
    ChallengeReport report;
    try {
      report = ChallengeReport.fromBcs(bytes);
    } catch (BcsException refused) {
      return;
    }
    try {
      Reports.checkEntries(report, COMMITTEE, tau);
    } catch (Abort a) {
      if (a.code() != ChallengeErrors.MALFORMED || !a.module().equals(ChallengeErrors.MODULE)) {
        throw a;
      }
    }
  }
}
