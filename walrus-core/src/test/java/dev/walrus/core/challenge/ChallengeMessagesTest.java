package dev.walrus.core.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.SignatureVerificationException;
import dev.walrus.core.hash.MerkleProof;
import dev.walrus.core.hash.Node;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intents' layouts, round trips and refusals. */
class ChallengeMessagesTest {
  static final ObjectId A = ObjectId.parse("0x" + "aa".repeat(32));
  static final ObjectId B = ObjectId.parse("0x" + "bb".repeat(32));
  static final byte[] SEED = filled(0x11);
  static final byte[] DIGEST = filled(0x22);
  static final BlsKeyPair KEY = BlsKeyPair.of(BlsPrivateKey.fromSeed("challenge-test-key-seed-material-xx".getBytes()));

  @Test
  void beaconIs39BytesWithTheReservedIntent() {
    byte[] bcs = new BeaconMessage(0x01020304L, A).toBcs();
    assertThat(bcs).hasSize(39);
    assertThat(HexFormat.of().formatHex(bcs, 0, 7)).isEqualTo("40000304030201");
    assertThat(BeaconMessage.fromBcs(bcs)).isEqualTo(new BeaconMessage(0x01020304L, A));
  }

  @Test
  void requestIs143Bytes() {
    ChallengeRequest r = new ChallengeRequest(5, A, B, SEED, DIGEST, 7, 100);
    byte[] bcs = r.toBcs();
    assertThat(bcs).hasSize(143);
    assertThat(bcs[0]).isEqualTo((byte) 0x41);
    assertThat(ChallengeRequest.fromBcs(bcs)).isEqualTo(r);
  }

  @Test
  void reportRoundTripsAndIs103PlusEntries() {
    ChallengeReport empty = new ChallengeReport(3, A, SEED, DIGEST, List.of());
    assertThat(empty.toBcs()).hasSize(104);
    ChallengeReport r = new ChallengeReport(3, A, SEED, DIGEST, List.of(
        new ReportEntry(B, ReportEntry.ISSUED | ReportEntry.RECEIVED, 16, 15, 1, 0, List.of()),
        new ReportEntry(A, ReportEntry.ISSUED | ReportEntry.UNREACHABLE, 16, 0, 0, 0, List.of(1, 5, 9))));
    assertThat(ChallengeReport.fromBcs(r.toBcs())).isEqualTo(r);
    assertThat(r.toBcs()).hasSize(104 + 50 + 56);
  }

  @Test
  void badInputIsRefusedWithABcsError() {
    byte[] beacon = new BeaconMessage(1, A).toBcs();
    byte[] request = new ChallengeRequest(1, A, B, SEED, DIGEST, 0, 1).toBcs();
    assertThatThrownBy(() -> BeaconMessage.fromBcs(request)).isInstanceOf(BcsException.class).hasMessageContaining("intent");
    assertThatThrownBy(() -> ChallengeRequest.fromBcs(Arrays.copyOf(request, 142))).isInstanceOf(BcsException.class);
    assertThatThrownBy(() -> ChallengeRequest.fromBcs(Arrays.copyOf(request, 144))).isInstanceOf(BcsException.class);
    byte[] wrongApp = beacon.clone();
    wrongApp[2] = 1;
    assertThatThrownBy(() -> BeaconMessage.fromBcs(wrongApp)).isInstanceOf(BcsException.class);
    byte[] walrusIntent = beacon.clone();
    walrusIntent[0] = 1;
    assertThatThrownBy(() -> BeaconMessage.fromBcs(walrusIntent)).isInstanceOf(BcsException.class);
    // Entry with an unknown flag bit, unsorted failed shards, a count above 2^31.
    byte[] report = new ChallengeReport(1, A, SEED, DIGEST,
        List.of(new ReportEntry(B, 1, 4, 4, 0, 0, List.of(2, 3)))).toBcs();
    byte[] badFlag = report.clone();
    badFlag[104 + 32] = 8;
    assertThatThrownBy(() -> ChallengeReport.fromBcs(badFlag)).isInstanceOf(BcsException.class);
    byte[] unsorted = report.clone();
    unsorted[report.length - 4] = 9;
    assertThatThrownBy(() -> ChallengeReport.fromBcs(unsorted)).isInstanceOf(BcsException.class);
    byte[] huge = report.clone();
    huge[104 + 36] = (byte) 0x80;
    assertThatThrownBy(() -> ChallengeReport.fromBcs(huge)).isInstanceOf(BcsException.class);
    byte[] manyEntries = new byte[104];
    System.arraycopy(report, 0, manyEntries, 0, 103);
    manyEntries[103] = 0x7f;
    assertThatThrownBy(() -> ChallengeReport.fromBcs(manyEntries)).isInstanceOf(BcsException.class);
  }

  @Test
  void signaturesCoverTheExactBytes() {
    ChallengeRequest r = new ChallengeRequest(2, A, B, SEED, DIGEST, 0, 10);
    SignedChallenge signed = SignedChallenge.sign(KEY, r);
    SignedChallenge back = SignedChallenge.fromBcs(signed.toBcs());
    assertThat(back).isEqualTo(signed);
    assertThat(back.verify(KEY.publicKey(), ChallengeRequest::fromBcs)).isEqualTo(r);
    BlsKeyPair other = BlsKeyPair.of(BlsPrivateKey.fromSeed("another-challenge-test-key-seed-xxxx".getBytes()));
    assertThatThrownBy(() -> back.verify(other.publicKey(), ChallengeRequest::fromBcs))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> back.verify(KEY.publicKey(), BeaconMessage::fromBcs)).isInstanceOf(BcsException.class);
    byte[] bcs = signed.toBcs();
    bcs[bcs.length - 1] ^= 1;
    assertThatThrownBy(() -> SignedChallenge.fromBcs(bcs)).isInstanceOf(BcsException.class);
  }

  @Test
  void responsesRoundTripEveryVariant() {
    BlobId blob = BlobId.of(filled(0x33));
    MerkleProof path = new MerkleProof(List.of(Node.EMPTY, Node.digest(filled(0x44))));
    var proven = new ItemProof.Proven(blob, 1, 2, 3, 4, new byte[] {1, 2}, path, new byte[] {3, 4}, path);
    var excused = new ItemProof.Excused(blob, 1, 3, 5, 9, path);
    var unavailable = new ItemProof.Unavailable(blob, 2, 0);
    var inconsistent = new ItemProof.Inconsistent(blob, 2, 1, SliverType.SECONDARY,
        new dev.walrus.core.encoding.InconsistencyProof(SliverType.SECONDARY, 3, List.of(
            new dev.walrus.core.encoding.RecoverySymbol(SliverType.SECONDARY,
                new dev.walrus.core.encoding.DecodingSymbol(0, new byte[] {9, 9}), 3, path))));
    ChallengeResponse response = new ChallengeResponse(4, A, B, 0, 8, List.of(proven, excused, unavailable, inconsistent));
    ChallengeResponse back = ChallengeResponse.fromBcs(response.toBcs());
    assertThat(back.items()).hasSize(4);
    assertThat(back.items().get(0)).isEqualTo(proven);
    assertThat(back.items().get(1)).isEqualTo(excused);
    assertThat(back.items().get(2)).isEqualTo(unavailable);
    assertThat(back.items().get(3)).isInstanceOf(ItemProof.Inconsistent.class);
    assertThat(back.toBcs()).isEqualTo(response.toBcs());
    byte[] bad = response.toBcs();
    bad[0] = 1;
    assertThatThrownBy(() -> ChallengeResponse.fromBcs(bad)).isInstanceOf(BcsException.class);
  }

  static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }
}
