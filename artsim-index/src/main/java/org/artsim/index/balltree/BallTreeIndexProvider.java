package org.artsim.index.balltree;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.index.BallTreeConfig;
import org.artsim.io.ArtsimFiles;
import org.artsim.spi.VectorIndexProvider;

/**
 * Provides the exact {@code "balltree"} index: a ball tree (SynapseML's ConditionalBallTree
 * design, with node ids and per-node label counts) that answers exact k-nearest-neighbour queries
 * for {@link Metric#COSINE}, {@link Metric#DOT} (maximum inner product) and {@link Metric#L2}, and
 * prunes whole subtrees that hold none of a query's allowed labels (conditional kNN). Results, ids
 * and scores, are exactly the flat index's.
 *
 * <p>Choose it for exact search restricted to a category, or for moderate dimensions where its
 * pruning pays; in high dimensions on unclustered data most leaves are opened and the flat index's
 * batch path is faster. Adding, updating and removing are supported at any time: new vectors go to
 * an exactly scanned buffer, removals leave tombstones, and the tree is rebuilt once the two
 * together exceed {@code max(leafSize, size / 8)}.
 *
 * <h2>File format {@code artsim.index.balltree}, version 2</h2>
 *
 * Inside the {@link ArtsimFiles} container:
 *
 * <pre>
 * payload := dim:int32 metric:string leafSize:int32 seed:int64 items vectors
 * items   := the shared item section (org.artsim.index.support.ItemStore), tombstones included
 * vectors := float32{slots * dim}, row-major, in slot order (unit length under COSINE), all finite
 * </pre>
 *
 * Version 1 ({@code size:int32 item{size}} with {@code item := id labels}, live items only) is
 * still read.
 *
 * The tree itself is not stored: loading rebuilds it from the items with the stored leaf size and
 * seed (deterministic, O(n log n &middot; dim)).
 */
public final class BallTreeIndexProvider implements VectorIndexProvider<BallTreeConfig> {
  /** The provider name. */
  public static final String NAME = "balltree";

  /** Used by {@link java.util.ServiceLoader}. */
  public BallTreeIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "exact search and conditional kNN with a ball tree that prunes by distance bounds and by per-node label counts";
  }

  @Override
  public String module() {
    return "org.artsim:artsim-index";
  }

  @Override
  public Class<BallTreeConfig> configType() {
    return BallTreeConfig.class;
  }

  @Override
  public BallTreeConfig defaults() {
    return BallTreeConfig.defaults();
  }

  @Override
  public BallTreeConfig parse(Map<String, String> settings) {
    return BallTreeConfig.parse(settings);
  }

  @Override
  public VectorIndex create(int dimension, Metric metric, BallTreeConfig config) {
    org.artsim.index.support.Args.requireDimension(NAME, dimension);
    return new BallTreeIndex(dimension, metric, config);
  }

  @Override
  public VectorIndex load(Path path) {
    return ArtsimFiles.read(path, BallTreeIndex.FORMAT, BallTreeIndex.FORMAT_VERSION, BallTreeIndex::read);
  }
}
