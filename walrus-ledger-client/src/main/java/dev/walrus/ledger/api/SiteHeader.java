package dev.walrus.ledger.api;

/** One HTTP header a site serves with a resource; names are lowercase (sites.md §2.1). */
public record SiteHeader(String name, String value) {}
