package dev.walrus.core.encoding;

/** The blob encoding. Only RS2 exists; value 0 was the retired RaptorQ encoding and is rejected. */
public enum EncodingType {
  RS2(1);

  private final int value;

  EncodingType(int value) {
    this.value = value;
  }

  /** The byte used in BCS and in the blob ID derivation. */
  public int value() {
    return value;
  }

  public static EncodingType fromValue(int value) {
    if (value == 1) {
      return RS2;
    }
    throw new UnsupportedEncodingTypeException(value);
  }
}
