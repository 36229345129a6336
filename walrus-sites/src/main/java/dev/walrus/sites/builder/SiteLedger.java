package dev.walrus.sites.builder;

import dev.walrus.client.BlobObject;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteResourcesView;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ledger and Walrus calls the builder makes, with the wallet: reading a site whole, checking
 * it is the wallet's, running a transaction and turning an abort into a one-line error.
 */
public final class SiteLedger {
  /** Resources fetched per page (the API's maximum). */
  static final int PAGE = 1000;

  /** At most this many pages: a million resources, far past any real site. */
  static final int MAX_PAGES = 1000;

  private final LedgerClient ledger;
  private final Ed25519KeyPair wallet;
  private final WalrusClient walrus;

  /** {@code wallet} may be null for reading only (a sitemap without end epochs). */
  public SiteLedger(LedgerClient ledger, Ed25519KeyPair wallet, WalrusClient walrus) {
    this.ledger = ledger;
    this.wallet = wallet;
    this.walrus = walrus;
  }

  public LedgerClient ledger() {
    return ledger;
  }

  public WalrusClient walrus() {
    return walrus;
  }

  /** The wallet's address; only a client with a wallet has one. */
  public Address address() {
    if (wallet == null) {
      throw new SiteBuilderException("no wallet: give one to change or list sites");
    }
    return wallet.publicKey().toAddress();
  }

  /**
   * The site, or a one-line error if it does not exist.
   *
   * @throws SiteBuilderException if there is no such site
   */
  public SiteView site(ObjectId id) {
    try {
      return ledger.site(id);
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        throw new SiteBuilderException("site " + id + " does not exist");
      }
      throw e;
    }
  }

  /** The site, checked to be the wallet's (only its owner can change it). */
  public SiteView ownSite(ObjectId id) {
    SiteView view = site(id);
    if (!view.owner().equals(address())) {
      throw new SiteBuilderException("site " + id + " belongs to " + view.owner() + ", not to this wallet ("
          + address() + ")");
    }
    return view;
  }

  /** Every resource of the site, in path order, page by page. */
  public List<SiteResource> resources(ObjectId id) {
    List<SiteResource> all = new ArrayList<>();
    String after = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      SiteResourcesView view = ledger.siteResources(id, after, PAGE);
      all.addAll(view.resources());
      if (view.next().isEmpty()) {
        return all;
      }
      after = view.next().get();
    }
    throw new SiteBuilderException("site " + id + " has more than " + (long) PAGE * MAX_PAGES + " resources");
  }

  /** The wallet's live Blob objects, as the planner sees them (none without a wallet). */
  public List<DeployPlanner.OwnedBlob> ownedBlobs() {
    List<DeployPlanner.OwnedBlob> out = new ArrayList<>();
    if (wallet == null) {
      return out;
    }
    for (BlobObject b : walrus.listBlobs(false)) {
      if (b.isCertified() && !b.isShared()) {
        out.add(new DeployPlanner.OwnedBlob(b.id(), b.blobId(), b.endEpoch(), b.deletable()));
      }
    }
    return out;
  }

  public int currentEpoch() {
    return ledger.system().epochInfo().currentEpoch();
  }

  public int nShards() {
    return ledger.system().storageInfo().nShards();
  }

  /** The wallet's balance in FROST. */
  public long balance() {
    return ledger.account(address()).balance();
  }

  /**
   * Of {@code blobs}, those no other site of the wallet references: two sites deployed from the
   * same files can share a quilt (a store reuses the wallet's Blob object of the same ID), and
   * collecting one site's garbage must not break the other.
   */
  public Set<BlobId> notUsedByOtherSites(ObjectId site, Set<BlobId> blobs) {
    if (blobs.isEmpty()) {
      return blobs;
    }
    Set<BlobId> out = new LinkedHashSet<>(blobs);
    for (SiteView other : ledger.sites(address())) {
      if (!other.id().equals(site)) {
        resources(other.id()).forEach(r -> out.remove(r.blobId()));
      }
    }
    return out;
  }

  /**
   * Runs {@code op} as one transaction.
   *
   * @throws SiteBuilderException if the ledger aborts or rejects it (an abort changed nothing but
   *     the fee)
   */
  public TransactionEffects execute(String what, Operation op) {
    address();
    TransactionEffects e = ledger.execute(wallet, op);
    return switch (e.status()) {
      case SUCCESS -> e;
      case ABORTED -> throw new SiteBuilderException(what + ": the ledger aborted the transaction ("
          + e.abort().module() + "::" + e.abort().code() + "): " + e.abort().message());
      case REJECTED -> throw new SiteBuilderException(what + ": the ledger rejected the transaction: "
          + e.rejection());
    };
  }
}
