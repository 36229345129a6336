package dev.walrus.ledger.state;

import java.util.ArrayList;

/**
 * Undo log of the state: every change to a journaled table records how to revert it, so an
 * aborted operation is rolled back exactly, however deep in the rules it failed.
 */
public final class Journal {
  private final ArrayList<Runnable> undo = new ArrayList<>();

  public int mark() {
    return undo.size();
  }

  /** Reverts every change recorded after {@code mark}, newest first. */
  public void rollback(int mark) {
    for (int i = undo.size() - 1; i >= mark; i--) {
      undo.remove(i).run();
    }
  }

  /** Forgets the undo records: the changes so far are final. */
  public void commit() {
    undo.clear();
  }

  void record(Runnable revert) {
    undo.add(revert);
  }
}
