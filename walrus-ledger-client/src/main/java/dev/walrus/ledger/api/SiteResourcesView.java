package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/sites/{id}/resources?after=PATH&limit=N}: a page of a site's resources in path
 * order (UTF-8 byte order); {@code next} is the {@code after} of the next page, absent on the last.
 */
public record SiteResourcesView(ObjectId siteId, List<SiteResource> resources, Optional<String> next) {}
