package dev.walrus.core.encoding;

/** Sliver pair {@code i}: primary sliver {@code i} and secondary sliver {@code n − 1 − i}. */
public record SliverPair(int index, SliverData primary, SliverData secondary) {}
