package dev.walrus.ledger.state;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link Operation.Batch}: runs its operations in order in the transaction's one context, so
 * they share its fee, its object numbering and its all-or-nothing rollback (the ledger rolls the
 * whole transaction back when any operation aborts). Before each operation runs, the {@link
 * ObjectIds#batchResult} placeholders among its object IDs are replaced by the objects the
 * transaction created so far.
 */
final class BatchRules implements RuleModule {
  static final String MODULE = "batch";
  /** A placeholder names an object the batch had not created when the operation ran. */
  static final int E_NO_SUCH_RESULT = 0;

  /** Placeholders for the first results; a batch of 64 operations creates far fewer objects. */
  private static final int PLACEHOLDERS = 1024;
  private static final Map<ObjectId, Integer> PLACEHOLDER_INDEX = placeholders();

  private static final ClassValue<Rewriter> REWRITERS = new ClassValue<>() {
    @Override
    protected Rewriter computeValue(Class<?> type) {
      return Rewriter.of(type);
    }
  };

  private final Function<Operation, RuleModule> handlers;

  /** @param handlers the module that executes each (non-batch) operation */
  BatchRules(Function<Operation, RuleModule> handlers) {
    this.handlers = handlers;
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return Set.of(Operation.Batch.class);
  }

  @Override
  public void execute(TxContext ctx, Operation operation) {
    List<Operation> operations = ((Operation.Batch) operation).operations();
    for (int i = 0; i < operations.size(); i++) {
      Operation op = operations.get(i);
      String what = "operation " + i + " of the batch (" + op.getClass().getSimpleName() + ")";
      Operation resolved = REWRITERS.get(op.getClass()).rewrite(op, id -> resolve(ctx, id, what));
      try {
        handlers.apply(resolved).execute(ctx, resolved);
      } catch (Abort a) {
        throw new Abort(a.module(), a.code(), what + ": " + a.getMessage());
      }
    }
  }

  private static ObjectId resolve(TxContext ctx, ObjectId id, String what) {
    Integer index = PLACEHOLDER_INDEX.get(id);
    if (index == null) {
      return id;
    }
    List<ObjectId> created = ctx.createdSoFar();
    Abort.check(index < created.size(), MODULE, E_NO_SUCH_RESULT,
        what + " names batch result " + index + ", but the transaction had created " + created.size() + " objects");
    return created.get(index);
  }

  private static Map<ObjectId, Integer> placeholders() {
    Map<ObjectId, Integer> m = new HashMap<>();
    for (int i = 0; i < PLACEHOLDERS; i++) {
      m.put(ObjectIds.batchResult(i), i);
    }
    return Map.copyOf(m);
  }

  /** Rebuilds an operation record with its object IDs mapped (only when one changes). */
  private record Rewriter(List<MethodHandle> accessors, List<Kind> kinds, MethodHandle constructor) {
    enum Kind { OBJECT_ID, LIST_OF_IDS, OPTIONAL_ID, OTHER }

    static Rewriter of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      List<MethodHandle> accessors = new ArrayList<>();
      List<Kind> kinds = new ArrayList<>();
      Class<?>[] types = new Class<?>[components.length];
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      try {
        for (int i = 0; i < components.length; i++) {
          accessors.add(lookup.unreflect(components[i].getAccessor()));
          kinds.add(kindOf(components[i].getGenericType()));
          types[i] = components[i].getType();
        }
        return new Rewriter(accessors, kinds,
            lookup.findConstructor(type, MethodType.methodType(void.class, types)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot rebuild " + type.getName(), e);
      }
    }

    private static Kind kindOf(Type t) {
      if (t == ObjectId.class) {
        return Kind.OBJECT_ID;
      }
      if (t instanceof ParameterizedType p && p.getActualTypeArguments()[0] == ObjectId.class) {
        if (p.getRawType() == List.class) {
          return Kind.LIST_OF_IDS;
        }
        if (p.getRawType() == Optional.class) {
          return Kind.OPTIONAL_ID;
        }
      }
      return Kind.OTHER;
    }

    @SuppressWarnings("unchecked")
    Operation rewrite(Operation op, Function<ObjectId, ObjectId> map) {
      if (!kinds.contains(Kind.OBJECT_ID) && !kinds.contains(Kind.LIST_OF_IDS) && !kinds.contains(Kind.OPTIONAL_ID)) {
        return op;
      }
      try {
        Object[] values = new Object[accessors.size()];
        boolean changed = false;
        for (int i = 0; i < values.length; i++) {
          Object v = accessors.get(i).invoke(op);
          Object mapped = switch (kinds.get(i)) {
            case OBJECT_ID -> map.apply((ObjectId) v);
            case LIST_OF_IDS -> ((List<ObjectId>) v).stream().map(map).toList();
            case OPTIONAL_ID -> ((Optional<ObjectId>) v).map(map);
            case OTHER -> v;
          };
          changed |= !mapped.equals(v);
          values[i] = mapped;
        }
        return changed ? (Operation) constructor.invokeWithArguments(values) : op;
      } catch (Abort | IllegalArgumentException e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot rebuild " + op.getClass().getSimpleName(), e);
      }
    }
  }
}
