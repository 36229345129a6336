package dev.walrus.core.encoding;

/** A {@link Spill} in heap arrays of at most {@value #PAGE} bytes each. */
final class HeapSpill extends Spill {
  static final int PAGE = 1 << 26;
  private final long size;
  private final byte[][] pages;

  HeapSpill(long size) {
    this.size = size;
    this.pages = new byte[Math.toIntExact((size + PAGE - 1) / PAGE)][];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = new byte[(int) Math.min(PAGE, size - (long) i * PAGE)];
    }
  }

  @Override
  long size() {
    return size;
  }

  @Override
  void write(long offset, byte[] src, int srcOffset, int length) {
    check(offset, length);
    while (length > 0) {
      int page = (int) (offset / PAGE);
      int at = (int) (offset % PAGE);
      int n = Math.min(length, PAGE - at);
      System.arraycopy(src, srcOffset, page(page), at, n);
      offset += n;
      srcOffset += n;
      length -= n;
    }
  }

  @Override
  void read(long offset, byte[] dst, int dstOffset, int length) {
    check(offset, length);
    while (length > 0) {
      int page = (int) (offset / PAGE);
      int at = (int) (offset % PAGE);
      int n = Math.min(length, PAGE - at);
      System.arraycopy(page(page), at, dst, dstOffset, n);
      offset += n;
      dstOffset += n;
      length -= n;
    }
  }

  private byte[] page(int index) {
    return pages[index];
  }

  private void check(long offset, int length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException("bytes " + offset + "+" + length + " of a spill of " + size);
    }
  }

  @Override
  public void close() {
    java.util.Arrays.fill(pages, null);
  }
}
