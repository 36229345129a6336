package dev.walrus.ledger.api;

import java.util.List;

/**
 * {@code GET /v1/events?cursor=}: events from the cursor on, in sequence order. Ask again with
 * {@code nextCursor} to continue; {@code head} is the sequence number the replica's next event
 * will get, so {@code nextCursor == head} means the page reached the end.
 */
public record EventPage(List<EventEnvelope> events, long nextCursor, long head) {}
