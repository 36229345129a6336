package dev.walrus.explorer;

import static dev.walrus.explorer.Html.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /events?type=}: the latest ledger events, newest first, optionally of one type; a small
 * script ({@code /static/events.js}) adds new ones as they come from {@code /events/stream}.
 * Without script the page shows what the server rendered.
 */
final class EventsPage {
  static final int SHOWN = 100;
  /** Event type names are Java record names; anything else is refused before it reaches a page. */
  private static final Pattern TYPE = Pattern.compile("[A-Za-z]{1,64}");
  static final List<String> TYPES = List.of("BlobRegistered", "BlobCertified", "BlobDeleted", "InvalidBlobId",
      "EpochChangeStart", "EpochChangeDone", "ShardsReceived", "EpochParametersSelected", "PricesUpdated",
      "StakingPoolCreated", "StakeDeposited", "StakeWithdrawalRequested", "StakeWithdrawn", "PoolRewarded",
      "CommissionCollected", "NodeSlashed", "WalBurned", "ChallengeAcked", "ChallengeSeeded", "ChallengeSkipped",
      "ChallengeReportAccepted", "ChallengeResult", "PenaltyApplied", "NodeJailed", "ShardTransferFailed",
      "PenaltyParamsChanged", "RecoveryHelpersPaid", "SiteCreated", "SiteUpdated", "SiteDestroyed", "WalTransferred");

  private EventsPage() {}

  record Events(String type, long nextSequence, List<EventRow> events) {}

  /** {@code type} checked: null or empty for every type. */
  static String type(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (!TYPE.matcher(text).matches() || !TYPES.contains(text)) {
      throw ExplorerException.badRequest("'" + text + "' is not an event type; one of " + String.join(", ", TYPES) + ".");
    }
    return text;
  }

  static View view(EventFeed feed, String typeText) {
    String type = type(typeText);
    Events e = new Events(type, feed.nextSequence(), feed.latest(type, SHOWN));
    return View.ok("Events", render(e), e);
  }

  static String render(Events e) {
    StringBuilder options = new StringBuilder("<option value=\"\">every type</option>");
    for (String t : TYPES) {
      options.append("<option").append(t.equals(e.type()) ? " selected" : "").append(">").append(t).append("</option>");
    }
    List<List<String>> rows = new ArrayList<>();
    for (EventRow r : e.events()) {
      rows.add(row(r));
    }
    long after = e.events().isEmpty() ? e.nextSequence() - 1 : e.events().getFirst().sequence();
    return Html.heading("Events")
        + "<form method=\"get\" action=\"/events\"><label>Type <select name=\"type\">" + options
        + "</select></label> <button>Filter</button></form>\n"
        + Html.paragraph("The latest " + SHOWN + " events the explorer kept, newest first. <span id=\"live\" "
            + "class=\"muted\">New ones appear here while the page is open.</span>")
        + Html.tableWith("class=\"events\" id=\"events\" data-after=\"" + after + "\" data-type=\""
            + text(e.type() == null ? "" : e.type()) + "\"",
            List.of("Sequence", "Time", "Type", "Fields"), rows)
        + "<script src=\"/static/events.js\" defer></script>\n";
  }

  static List<String> row(EventRow r) {
    return List.of(String.valueOf(r.sequence()), text(Instant.ofEpochMilli(r.timestampMs()).toString()), text(r.type()),
        "<code>" + text(r.fields().toString()) + "</code>");
  }
}
