package dev.walrus.node.service;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;

/**
 * A sliver upload's body, its BCS framing checked in place: the symbols stay where they are in the
 * request body, which is hashed and then stored as it came, since canonical BCS ({@link
 * BcsReader} refuses any other) means the body is exactly {@link SliverData#toBcs()}.
 *
 * @param dataOffset where the symbols start in {@code bcs}
 */
record SliverBody(SliverType type, int index, int symbolSize, int dataOffset, int dataLength, byte[] bcs) {

  /** @throws NodeApiException INVALID_SLIVER if the body is not a BCS {@code SliverData} */
  static SliverBody parse(SliverType type, byte[] bcs) {
    try {
      BcsReader r = new BcsReader(bcs);
      int offset = r.skipBytes(-1);
      int length = r.position() - offset;
      int symbolSize = r.u16();
      int index = r.u16();
      r.finish();
      if (symbolSize == 0 || (symbolSize & 1) != 0 || symbolSize > EncodingConfig.MAX_SYMBOL_SIZE) {
        throw new BcsException("invalid sliver symbol size " + symbolSize);
      }
      if (length % symbolSize != 0) {
        throw new BcsException("sliver data of " + length + " bytes is not a multiple of symbol size " + symbolSize);
      }
      return new SliverBody(type, index, symbolSize, offset, length, bcs);
    } catch (BcsException e) {
      throw NodeApiException.invalid("INVALID_SLIVER", "malformed BCS sliver: " + e.getMessage());
    }
  }

  int pairIndex(int nShards) {
    return type == SliverType.PRIMARY ? index : nShards - 1 - index;
  }

  /** A parsed copy, for the few paths that keep slivers as objects (uploads before registration). */
  SliverData toSliverData() {
    return SliverData.fromBcs(type, bcs);
  }
}
