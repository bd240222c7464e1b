package org.artsim.index.support;

import org.artsim.ClosedException;

/**
 * Whether an index is open, and the one refusal of any use after {@code close()}. Part of
 * artsim-index's implementation, public only so that the index packages can share it. Thread-safe.
 */
public final class Lifecycle {
  private final String kind;
  private volatile boolean closed;

  /** An open lifecycle for an index of {@code kind}. */
  public Lifecycle(String kind) {
    this.kind = kind;
  }

  /** Marks it closed; true the first time. */
  boolean close() {
    boolean first = !closed;
    closed = true;
    return first;
  }

  /** Whether {@code close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Refuses use after close.
   *
   * @throws ClosedException whose message says the index is closed
   */
  public void checkOpen() {
    if (closed) {
      throw new ClosedException("this " + kind + " index");
    }
  }
}
