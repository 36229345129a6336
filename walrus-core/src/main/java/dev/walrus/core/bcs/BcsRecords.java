package dev.walrus.core.bcs;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.WalrusException;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519PublicKey;
import dev.walrus.core.crypto.Ed25519Signature;
import dev.walrus.core.hash.Node;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * BCS for records, enums and sealed interfaces, derived from their declarations.
 *
 * <p>Ledger transactions, events and state entries are dozens of plain records; deriving their
 * encoding from the record components gives each exactly one canonical form with no hand-written
 * code to drift. Supported component types: {@code boolean}, {@code int} (u32, or u8/u16 with
 * {@link Bcs.U8}/{@link Bcs.U16}), {@code long} (u64), {@code byte[]} ({@code Vec<u8>}), {@code
 * String}, the 32-byte IDs ({@link BlobId}, {@link ObjectId}, {@link Address}), BLS and Ed25519 keys
 * and signatures (raw fixed-size), Merkle {@link Node}s, {@code List}, {@code Optional}, {@code
 * SortedMap} (entries in key order; decoding demands strictly increasing keys), enums (variant =
 * ordinal), nested records, and sealed interfaces whose records carry {@link Bcs.Variant}.
 *
 * <p>Decoding is strict: truncation, trailing bytes, unknown variants, invalid keys and values a
 * record's constructor rejects all raise {@link BcsException}.
 */
public final class BcsRecords {
  private static final ClassValue<Codec> BY_CLASS = new ClassValue<>() {
    @Override
    protected Codec computeValue(Class<?> type) {
      return forClass(type);
    }
  };

  private BcsRecords() {}

  /**
   * The BCS bytes of {@code value} as a {@code type}: for a sealed interface this includes the
   * variant tag, for a record only its fields.
   */
  public static <T> byte[] encode(Class<T> type, T value) {
    BcsWriter w = new BcsWriter(128);
    write(w, type, value);
    return w.toByteArray();
  }

  /** The BCS bytes of a record or enum value (its own class, so no variant tag). */
  public static byte[] encode(Object value) {
    return encode(erase(value.getClass()), value);
  }

  public static <T> void write(BcsWriter w, Class<T> type, T value) {
    BY_CLASS.get(type).write(w, value);
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> erase(Class<?> c) {
    return (Class<T>) c;
  }

  /** Decodes a whole byte array as a value of {@code type}. */
  public static <T> T decode(Class<T> type, byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    T value = read(r, type);
    r.finish();
    return value;
  }

  public static <T> T read(BcsReader r, Class<T> type) {
    return type.cast(BY_CLASS.get(type).read(r));
  }

  interface Codec {
    void write(BcsWriter w, Object value);

    Object read(BcsReader r);
  }

  private static Codec forClass(Class<?> type) {
    Codec fixed = fixed(type);
    if (fixed != null) {
      return fixed;
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return new Codec() {
        public void write(BcsWriter w, Object v) {
          w.variant(((Enum<?>) v).ordinal());
        }

        public Object read(BcsReader r) {
          return constants[r.variant(type.getSimpleName(), constants.length)];
        }
      };
    }
    if (type.isRecord()) {
      return recordCodec(type);
    }
    if (type.isSealed()) {
      return sealedCodec(type);
    }
    Class<?> sealedParent = sealedInterfaceOf(type);
    if (sealedParent != null) {
      // A record that implements a sealed interface is encoded on its own, without the tag.
      return recordCodec(type);
    }
    throw new IllegalArgumentException("no BCS encoding for " + type.getName());
  }

  private static Class<?> sealedInterfaceOf(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (i.isSealed()) {
        return i;
      }
    }
    return null;
  }

  private static Codec fixed(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return of((w, v) -> w.bool((Boolean) v), BcsReader::bool);
    }
    if (type == int.class || type == Integer.class) {
      // Java ints are signed: the u32 values used (epochs, counts) stay below 2^31.
      return of((w, v) -> w.u32(unsigned((Integer) v, Integer.MAX_VALUE, "u32")), r -> {
        long x = r.u32();
        if (x > Integer.MAX_VALUE) {
          throw new BcsException("u32 value " + x + " is out of range");
        }
        return (int) x;
      });
    }
    if (type == long.class || type == Long.class) {
      // Amounts and sizes are non-negative longs (the WAL supply is below 2^63).
      return of((w, v) -> {
        long x = (Long) v;
        if (x < 0) {
          throw new BcsException("negative value " + x + " for a u64");
        }
        w.u64(x);
      }, r -> {
        long x = r.u64();
        if (x < 0) {
          throw new BcsException("u64 value above 2^63 - 1");
        }
        return x;
      });
    }
    if (type == byte[].class) {
      return of((w, v) -> w.bytes((byte[]) v), BcsReader::bytes);
    }
    if (type == String.class) {
      return of((w, v) -> w.string((String) v), BcsReader::string);
    }
    if (type == BlobId.class) {
      return raw(BlobId.LENGTH, v -> ((BlobId) v).bytes(), BlobId::of);
    }
    if (type == ObjectId.class) {
      return raw(ObjectId.LENGTH, v -> ((ObjectId) v).bytes(), ObjectId::of);
    }
    if (type == Address.class) {
      return raw(Address.LENGTH, v -> ((Address) v).bytes(), Address::of);
    }
    if (type == BlsPublicKey.class) {
      return raw(BlsPublicKey.LENGTH, v -> ((BlsPublicKey) v).bytes(), BlsPublicKey::fromBytes);
    }
    if (type == BlsSignature.class) {
      return raw(BlsSignature.LENGTH, v -> ((BlsSignature) v).bytes(), BlsSignature::fromBytes);
    }
    if (type == Ed25519PublicKey.class) {
      return raw(32, v -> ((Ed25519PublicKey) v).bytes(), Ed25519PublicKey::fromBytes);
    }
    if (type == Ed25519Signature.class) {
      return raw(64, v -> ((Ed25519Signature) v).bytes(), Ed25519Signature::fromBytes);
    }
    if (type == Node.class) {
      return of((w, v) -> ((Node) v).writeBcs(w), Node::readBcs);
    }
    return null;
  }

  private static Codec forType(Type type, boolean u8, boolean u16) {
    if (u8 || u16) {
      long max = u8 ? 0xFF : 0xFFFF;
      String name = u8 ? "u8" : "u16";
      return of(
          (w, v) -> {
            int x = unsigned((Integer) v, max, name);
            if (u8) {
              w.u8(x);
            } else {
              w.u16(x);
            }
          },
          r -> u8 ? r.u8() : r.u16());
    }
    if (type instanceof Class<?> c) {
      return BY_CLASS.get(c);
    }
    ParameterizedType p = (ParameterizedType) type;
    Class<?> raw = (Class<?>) p.getRawType();
    Type[] args = p.getActualTypeArguments();
    if (raw == List.class) {
      Codec element = forType(args[0], false, false);
      return of(
          (w, v) -> {
            List<?> list = (List<?>) v;
            w.uleb128(list.size());
            for (Object e : list) {
              element.write(w, e);
            }
          },
          r -> {
            int n = r.length(1);
            List<Object> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
              out.add(element.read(r));
            }
            return Collections.unmodifiableList(out);
          });
    }
    if (raw == Optional.class) {
      Codec element = forType(args[0], false, false);
      return of(
          (w, v) -> {
            Optional<?> o = (Optional<?>) v;
            w.bool(o.isPresent());
            o.ifPresent(e -> element.write(w, e));
          },
          r -> r.bool() ? Optional.of(element.read(r)) : Optional.empty());
    }
    if (raw == SortedMap.class) {
      Codec key = forType(args[0], false, false);
      Codec value = forType(args[1], false, false);
      return of(
          (w, v) -> {
            SortedMap<?, ?> map = (SortedMap<?, ?>) v;
            w.uleb128(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
              key.write(w, e.getKey());
              value.write(w, e.getValue());
            }
          },
          r -> {
            int n = r.length(2);
            TreeMap<Object, Object> out = new TreeMap<>();
            Object previous = null;
            for (int i = 0; i < n; i++) {
              Object k = key.read(r);
              if (previous != null && compare(previous, k) >= 0) {
                throw new BcsException("map keys are not in strictly increasing order");
              }
              out.put(k, value.read(r));
              previous = k;
            }
            return Collections.unmodifiableSortedMap(out);
          });
    }
    throw new IllegalArgumentException("no BCS encoding for " + type);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  private static Codec recordCodec(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Codec[] codecs = new Codec[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      boolean u8 = c.isAnnotationPresent(Bcs.U8.class);
      boolean u16 = c.isAnnotationPresent(Bcs.U16.class);
      codecs[i] = forType(c.getGenericType(), u8, u16);
      types[i] = c.getType();
      c.getAccessor().setAccessible(true);
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + type, e);
    }
    String name = type.getSimpleName();
    return new Codec() {
      public void write(BcsWriter w, Object v) {
        for (int i = 0; i < components.length; i++) {
          try {
            codecs[i].write(w, components[i].getAccessor().invoke(v));
          } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
          }
        }
      }

      public Object read(BcsReader r) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
          values[i] = codecs[i].read(r);
        }
        try {
          return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
          throw new BcsException("invalid " + name + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private static Codec sealedCodec(Class<?> type) {
    Map<Integer, Class<?>> byIndex = new HashMap<>();
    Map<Class<?>, Integer> byClass = new HashMap<>();
    int max = -1;
    for (Class<?> sub : type.getPermittedSubclasses()) {
      Bcs.Variant v = sub.getAnnotation(Bcs.Variant.class);
      if (v == null) {
        throw new IllegalStateException(sub.getName() + " lacks @Bcs.Variant");
      }
      if (byIndex.put(v.value(), sub) != null) {
        throw new IllegalStateException("duplicate variant " + v.value() + " in " + type.getName());
      }
      byClass.put(sub, v.value());
      max = Math.max(max, v.value());
    }
    int variants = max + 1;
    String name = type.getSimpleName();
    return new Codec() {
      public void write(BcsWriter w, Object v) {
        w.variant(byClass.get(v.getClass()));
        recordOf(v.getClass()).write(w, v);
      }

      public Object read(BcsReader r) {
        int index = r.variant(name, variants);
        Class<?> sub = byIndex.get(index);
        if (sub == null) {
          throw new BcsException("unknown " + name + " variant " + index);
        }
        r.enter(name);
        try {
          return recordOf(sub).read(r);
        } finally {
          r.leave();
        }
      }
    };
  }

  private static final ClassValue<Codec> RECORDS = new ClassValue<>() {
    @Override
    protected Codec computeValue(Class<?> type) {
      return recordCodec(type);
    }
  };

  private static Codec recordOf(Class<?> type) {
    return RECORDS.get(type);
  }

  private static Codec raw(int length, Function<Object, byte[]> bytes, Function<byte[], Object> parse) {
    return of(
        (w, v) -> w.fixedBytes(bytes.apply(v)),
        r -> {
          byte[] b = r.fixedBytes(length);
          try {
            return parse.apply(b);
          } catch (WalrusException | IllegalArgumentException e) {
            throw new BcsException(e.getMessage());
          }
        });
  }

  private static int unsigned(int v, long max, String name) {
    if (v < 0 || v > max) {
      throw new BcsException(v + " does not fit a " + name);
    }
    return v;
  }

  private interface Writer {
    void write(BcsWriter w, Object v);
  }

  private interface Reader {
    Object read(BcsReader r);
  }

  private static Codec of(Writer writer, Reader reader) {
    return new Codec() {
      public void write(BcsWriter w, Object v) {
        writer.write(w, v);
      }

      public Object read(BcsReader r) {
        return reader.read(r);
      }
    };
  }
}
