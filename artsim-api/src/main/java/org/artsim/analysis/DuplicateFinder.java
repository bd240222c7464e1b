package org.artsim.analysis;

import java.util.List;
import org.artsim.VectorIndex;

/**
 * Finds groups of near-duplicate items in a vector index. Created by name with {@code
 * Artsim.duplicateFinder(name)}; artsim-recommend provides FiftyOne's greedy rule.
 *
 * <p>Implementations only read the index and are safe to call from several threads.
 */
@FunctionalInterface
public interface DuplicateFinder {
  /**
   * The duplicate groups among {@code ids} (in that order), in order of their kept item; {@code
   * threshold} is a distance under the index's metric (cosine distance {@code 1 - cos} under
   * cosine, Euclidean under L2).
   *
   * @throws org.artsim.InvalidArgumentException if the threshold is negative or not finite
   */
  List<DuplicateGroup> find(VectorIndex index, List<String> ids, double threshold);
}
