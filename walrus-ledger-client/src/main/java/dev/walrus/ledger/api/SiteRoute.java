package dev.walrus.ledger.api;

/** A route of a site: requests matching {@code pattern} are served {@code target}'s resource. */
public record SiteRoute(String pattern, String target) {}
