package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import dev.walrus.ledger.api.SiteMetadata;
import java.util.Optional;

/**
 * {@code Site} (sites.md §1.1, §8.1): a Walrus Site as an owned, transferable object. Its
 * resources, routes and redirects live in the sites module's own tables (keyed by this ID), so a
 * change to one file does not rewrite the object; {@code resourceCount} is kept here so limits
 * and views need no scan. {@code version} grows with every change to the site or its resources
 * (not with a transfer, which changes neither).
 */
@Bcs.Variant(5)
public record Site(
    ObjectId id, Address ownerAddress, String name, SiteMetadata metadata, long version, long resourceCount)
    implements LedgerObject {

  @Override
  public Optional<Address> owner() {
    return Optional.of(ownerAddress);
  }

  @Override
  public Site withOwner(Address owner) {
    return new Site(id, owner, name, metadata, version, resourceCount);
  }
}
