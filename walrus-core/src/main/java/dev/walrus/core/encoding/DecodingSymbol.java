package dev.walrus.core.encoding;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Arrays;

/**
 * One symbol of a codeword being decoded, with its codeword position {@code index}: the index of
 * the orthogonal sliver it was taken from. BCS: {@code u16 index ‖ Vec<u8> data}.
 */
public record DecodingSymbol(int index, byte[] data) {

  public DecodingSymbol {
    if (index < 0 || index > 0xFFFF) {
      throw new IllegalArgumentException("symbol index " + index + " is not a u16");
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  int length() {
    return data.length;
  }

  void copyTo(byte[] out, int off) {
    System.arraycopy(data, 0, out, off, data.length);
  }

  public void writeBcs(BcsWriter w) {
    w.u16(index).bytes(data);
  }

  public static DecodingSymbol readBcs(BcsReader r) {
    return new DecodingSymbol(r.u16(), r.bytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecodingSymbol d && d.index == index && Arrays.equals(d.data, data);
  }

  @Override
  public int hashCode() {
    return index * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DecodingSymbol[" + index + ", " + data.length + " B]";
  }
}
