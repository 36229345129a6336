package dev.walrus.core.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsSignature;
import org.junit.jupiter.api.Test;

class ProofOfPossessionTest {
  private static final BlsKeyPair KEY = Fixtures.key(1);
  private static final Address ADDRESS = Fixtures.ADDRESS;
  private static final long EPOCH = 12;

  @Test
  void proofVerifiesForItsKeyEpochAndAddress() {
    BlsSignature pop = ProofOfPossession.create(KEY, EPOCH, ADDRESS);
    assertThat(ProofOfPossession.verify(KEY.publicKey(), EPOCH, ADDRESS, pop)).isTrue();
  }

  @Test
  void proofIsTheSignatureOfTheMessageBytes() {
    BlsSignature pop = ProofOfPossession.create(KEY, EPOCH, ADDRESS);
    byte[] message = new ProofOfPossessionMessage(EPOCH, ADDRESS, KEY.publicKey()).toBcs();
    assertThat(pop).isEqualTo(KEY.sign(message));
    assertThat(KEY.publicKey().verify(message, pop)).isTrue();
  }

  @Test
  void proofIsRejectedForAnotherEpochAddressOrKey() {
    BlsSignature pop = ProofOfPossession.create(KEY, EPOCH, ADDRESS);
    byte[] other = ADDRESS.bytes();
    other[31] ^= 1;

    assertThat(ProofOfPossession.verify(KEY.publicKey(), EPOCH + 1, ADDRESS, pop)).isFalse();
    assertThat(ProofOfPossession.verify(KEY.publicKey(), EPOCH - 1, ADDRESS, pop)).isFalse();
    assertThat(ProofOfPossession.verify(KEY.publicKey(), EPOCH, Address.of(other), pop)).isFalse();
    // A proof by one key does not vouch for another (a rogue key cannot borrow it).
    assertThat(ProofOfPossession.verify(Fixtures.key(2).publicKey(), EPOCH, ADDRESS, pop))
        .isFalse();
    // Nor does an ordinary signature by the key on other bytes.
    assertThat(ProofOfPossession.verify(KEY.publicKey(), EPOCH, ADDRESS, KEY.sign(other)))
        .isFalse();
  }

  @Test
  void epochMustFitInAU32() {
    assertThat(
            ProofOfPossession.verify(
                KEY.publicKey(),
                0xFFFF_FFFFL,
                ADDRESS,
                ProofOfPossession.create(KEY, 0xFFFF_FFFFL, ADDRESS)))
        .isTrue();
    assertThatThrownBy(() -> ProofOfPossession.create(KEY, 1L << 32, ADDRESS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProofOfPossession.create(KEY, -1, ADDRESS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
