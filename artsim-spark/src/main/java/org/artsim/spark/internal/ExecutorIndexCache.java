package org.artsim.spark.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.artsim.VectorIndex;

/**
 * The indexes loaded in this JVM (one executor), so that each broadcast index or shard is loaded
 * once per executor and not once per task. Holds at most {@link #CAPACITY} indexes; the least
 * recently used one is dropped (left to the garbage collector, since a running task may still
 * search it) when another is loaded.
 */
public final class ExecutorIndexCache {
  /** How many indexes one executor keeps loaded. */
  public static final int CAPACITY = 64;

  private static final Map<String, VectorIndex> INDEXES =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VectorIndex> eldest) {
          return size() > CAPACITY;
        }
      };

  private static long loads;

  private ExecutorIndexCache() {}

  /** The index under {@code key}, loading it with {@code bytes} the first time. */
  public static VectorIndex get(String key, Supplier<byte[]> bytes) {
    return getOrLoad(key, () -> IndexBytes.load(bytes.get()));
  }

  /** The index under {@code key}, opening it with {@code loader} the first time. */
  public static synchronized VectorIndex getOrLoad(String key, Supplier<VectorIndex> loader) {
    VectorIndex index = INDEXES.get(key);
    if (index == null) {
      index = loader.get();
      loads++;
      INDEXES.put(key, index);
    }
    return index;
  }

  /** How many indexes this JVM has loaded so far (to check once-per-executor loading). */
  public static synchronized long loads() {
    return loads;
  }
}
