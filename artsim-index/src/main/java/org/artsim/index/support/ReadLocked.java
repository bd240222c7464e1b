package org.artsim.index.support;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;

/**
 * Runs a read-only accessor under an index's read lock, so that every index's {@code contains},
 * {@code vector}, {@code labels}, {@code ids}... reads the same way: lock, compute, unlock in a
 * {@code finally}. Part of artsim-index's implementation, public only so that the index packages
 * can share it. Stateless and thread-safe.
 */
public final class ReadLocked {
  private ReadLocked() {}

  /** The value of {@code body}, computed while holding {@code lock}'s read lock. */
  public static <T> T read(ReadWriteLock lock, Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}
