package dev.walrus.explorer;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;

/** Parsing the IDs in the explorer's URLs, with a 400 page naming the expected form instead of an exception. */
final class Ids {
  private Ids() {}

  static BlobId blobId(String text) {
    try {
      return BlobId.parse(text);
    } catch (RuntimeException e) {
      throw ExplorerException.badRequest("'" + text + "' is not a blob ID (43 characters of URL-safe base64).");
    }
  }

  static ObjectId objectId(String text) {
    try {
      return ObjectId.parse(text);
    } catch (RuntimeException e) {
      throw ExplorerException.badRequest("'" + text + "' is not an object ID (0x followed by 64 hex digits).");
    }
  }

  static Address address(String text) {
    try {
      return Address.parse(text);
    } catch (RuntimeException e) {
      throw ExplorerException.badRequest("'" + text + "' is not an account address (0x followed by 64 hex digits).");
    }
  }
}
