package dev.walrus.explorer;

/**
 * One page as the explorer answers it: an HTTP status, a title and body for the HTML form, and the
 * object its JSON twin serialises (the same facts, raw numbers instead of formatted ones).
 */
record View(int status, String title, String html, Object json) {

  static View ok(String title, String html, Object json) {
    return new View(200, title, html, json);
  }
}
