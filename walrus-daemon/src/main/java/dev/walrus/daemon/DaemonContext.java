package dev.walrus.daemon;

import dev.walrus.client.WalrusClient;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.Blocklist;

/**
 * What the route handlers share: the SDK, the ledger client the SDK uses (one client, so a
 * wallet's transactions are serialised in one place), the publisher's wallet ({@code null} for
 * an aggregator), the settings and the blocklist.
 */
record DaemonContext(
    WalrusClient walrus, LedgerClient ledger, Ed25519KeyPair wallet, DaemonSettings settings, Blocklist blocklist) {}
