package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import java.util.List;

/**
 * {@code GET /v1/sites/{id}}: a site, its routes and redirects in the order they were set, how
 * many resources it holds, and its {@code version}, which every change to the site or its
 * resources increases.
 */
public record SiteView(
    ObjectId id,
    Address owner,
    String name,
    SiteMetadata metadata,
    long version,
    long resourceCount,
    List<SiteRoute> routes,
    List<SiteRedirect> redirects) {}
