/**
 * The storage node's part in storage challenges (spec/challenges.md §6, SAMPLED mode): it follows
 * the epoch's window on the ledger, acks the beacon, blacks out challenged blobs, proves its own
 * items to challengers, challenges every other member, and reports what it saw before the
 * deadline — under a budget that spreads the work over the window so client traffic goes on.
 */
package dev.walrus.node.challenge;
