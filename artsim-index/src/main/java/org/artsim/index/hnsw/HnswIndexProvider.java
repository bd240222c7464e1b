package org.artsim.index.hnsw;

import java.nio.file.Path;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.io.ArtsimFiles;

/**
 * Provides the approximate {@code "hnsw"} index on hnswlib-core 1.2.1, with artsim's SIMD kernels
 * as its distance function. Parallel build ({@link HnswConfig#threads()}), per-query {@code ef},
 * label filters (exact below 5% selectivity, oversampled beam above; see the package's {@code
 * GraphVectorIndex}), soft deletes with compaction.
 *
 * <p>hnswlib-core (with eclipse-collections) is an <em>optional</em> dependency of artsim-index:
 * add {@code com.github.jelmerk:hnswlib-core} to use this provider; without it, creating or loading
 * an {@code "hnsw"} index throws a {@link org.artsim.ConfigException} that names the coordinates.
 *
 * <p>hnswlib-core's search boxes every distance and keeps candidates in {@code PriorityQueue}s of
 * objects; artsim-bench/results/index.md measures it against hnswlib (C++) and {@code
 * "hnsw-lucene"}, which is the faster choice.
 *
 * <h2>File format {@code artsim.index.hnsw}, version 1</h2>
 *
 * Inside the {@link ArtsimFiles} container:
 *
 * <pre>
 * payload  := dim:int32 metric:string m:int32 efConstruction:int32 ef:int32 seed:int64
 *             threads:int32 maxItems:int32 ordinals:int32 ordinal{ordinals} graphLength:int32 graph
 * ordinal  := removed:bool (id:string labelCount:int32 (field:string value:string){labelCount})?
 *             (ordinals and ordinal{ordinals} are the shared item section of every index file)
 * graph    := byte{graphLength}: hnswlib-core's HnswIndex in Java serialization, holding the vectors
 * </pre>
 *
 * The graph is read through an {@link java.io.ObjectInputFilter} allow-list (hnswlib's index and
 * serializer, artsim's item and distance types, {@code Integer}, {@code float[]}); a file naming
 * any other class is refused with a {@link org.artsim.FileFormatException} before that class is
 * loaded.
 */
public final class HnswIndexProvider extends HnswProviderBase {
  /** The provider name. */
  public static final String NAME = "hnsw";

  /** Used by {@link java.util.ServiceLoader}. */
  public HnswIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "approximate search with an HNSW graph on hnswlib-core (an optional dependency to add) and SIMD distances; prefer hnsw-lucene for speed";
  }

  @Override
  public VectorIndex create(int dimension, Metric metric, HnswConfig config) {
    org.artsim.index.support.Args.requireDimension(NAME, dimension);
    Hnswlib.require();
    return new HnswVectorIndex(dimension, metric, config);
  }

  @Override
  public VectorIndex load(Path path) {
    Hnswlib.require();
    return ArtsimFiles.read(path, HnswVectorIndex.FORMAT, HnswVectorIndex.FORMAT_VERSION, HnswVectorIndex::read);
  }
}
