package dev.walrus.ledger.api;

import dev.walrus.core.bcs.Bcs;

/**
 * A redirect of a site: requests matching the glob {@code pattern} get {@code status} (301, 302,
 * 303, 307 or 308) with {@code location}, a relative path or an absolute URL.
 */
public record SiteRedirect(String pattern, String location, @Bcs.U16 int status) {}
