package dev.walrus.core.bcs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Annotations that fix how {@link BcsRecords} encodes a record component or a variant.
 *
 * <p>Unannotated, an {@code int} is a u32 and a {@code long} a u64; {@link U8} and {@link U16}
 * narrow an {@code int} (values outside the range are refused when encoding and cannot occur when
 * decoding). {@link Variant} gives each implementation of a sealed interface its explicit,
 * stable variant index: the wire format must not depend on declaration order.
 */
public final class Bcs {
  private Bcs() {}

  /** An {@code int} component encoded as a u8. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
  public @interface U8 {}

  /** An {@code int} component encoded as a u16. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
  public @interface U16 {}

  /** The variant index of a record implementing a sealed interface. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface Variant {
    int value();
  }
}
