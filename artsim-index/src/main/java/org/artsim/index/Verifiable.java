package org.artsim.index;

/**
 * An index that can check, on demand, the integrity of the file it was opened from. A {@code flat}
 * index opened with {@code storage=mapped} maps its file instead of reading it, so its checksum is
 * not checked while opening: a background thread checks it right after, and {@link #verify()}
 * waits for that check (or runs it). Indexes read whole were checked while reading, and indexes
 * that were created return at once.
 *
 * <pre>{@code
 * VectorIndex index = Artsim.loadIndex(path);
 * if (index instanceof Verifiable v) {
 *   v.verify();   // throws FileFormatException if the file is damaged
 * }
 * }</pre>
 */
public interface Verifiable {
  /**
   * Returns when the file this index was opened from is known to be intact.
   *
   * @throws org.artsim.FileFormatException if its checksum does not match or a stored vector is not
   *     finite; after that, every operation that reads vectors throws it too
   * @throws org.artsim.ClosedException if the index is closed
   */
  void verify();
}
