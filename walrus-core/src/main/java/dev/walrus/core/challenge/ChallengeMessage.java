package dev.walrus.core.challenge;

/** A challenge intent message: signed as its exact BCS bytes. */
public sealed interface ChallengeMessage permits BeaconMessage, ChallengeRequest, ChallengeReport {
  ChallengeIntent intent();

  /** The challenge epoch (u32). */
  long epoch();

  byte[] toBcs();
}
