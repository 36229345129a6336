package dev.walrus.core.messages;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.BlsPublicKey;
import java.util.Objects;

/**
 * What a BLS key signs to prove its holder controls it (ledger.md §8): {@code header(0, 0, 3) ‖
 * epoch ‖ address[32] ‖ public_key[48]}, 87 bytes. Binding the key to the registering address
 * and epoch makes the proof non-transferable and non-replayable; requiring it for every
 * committee key is what makes public-key aggregation safe from rogue keys.
 *
 * @param epoch the epoch of the registration (u32)
 * @param address the address that sends the registration transaction
 */
public record ProofOfPossessionMessage(long epoch, Address address, BlsPublicKey publicKey)
    implements ProtocolMessage {
  public ProofOfPossessionMessage {
    IntentHeader.checkEpoch(epoch);
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  @Override
  public IntentType intentType() {
    return IntentType.PROOF_OF_POSSESSION;
  }

  @Override
  public byte[] toBcs() {
    return IntentHeader.encode(
        intentType(),
        epoch,
        Address.LENGTH + BlsPublicKey.LENGTH,
        w -> w.fixedBytes(address.bytes()).fixedBytes(publicKey.bytes()));
  }

  /**
   * Decodes exactly one message; {@link dev.walrus.core.bcs.BcsException} otherwise, including
   * for a public key that is not a valid G1 point.
   */
  public static ProofOfPossessionMessage fromBcs(byte[] bcs) {
    return IntentHeader.decode(
        bcs,
        IntentType.PROOF_OF_POSSESSION,
        (epoch, r) ->
            new ProofOfPossessionMessage(
                epoch,
                Address.of(r.fixedBytes(Address.LENGTH)),
                BlsPublicKey.fromBytes(r.fixedBytes(BlsPublicKey.LENGTH))));
  }
}
