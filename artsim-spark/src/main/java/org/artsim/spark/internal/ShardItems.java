package org.artsim.spark.internal;

import java.util.HashMap;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;

/** Reads items back out of an index. */
final class ShardItems {
  private ShardItems() {}

  /** The stored vector and labels of an item known to be in the index. */
  static ItemRecord item(VectorIndex index, String id) {
    float[] v = index.vector(id).orElseThrow(() -> new UnknownIdException("item '" + id + "' vanished from a shard while it was read"));
    return new ItemRecord(id, v, new HashMap<>(index.labels(id).values()));
  }
}
