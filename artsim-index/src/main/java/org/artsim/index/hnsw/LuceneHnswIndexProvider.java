package org.artsim.index.hnsw;

import java.nio.file.Path;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.io.ArtsimFiles;

/**
 * Provides the approximate {@code "hnsw-lucene"} index: the HNSW graph classes inside lucene-core
 * ({@code org.apache.lucene.util.hnsw}: HnswGraphBuilder, HnswConcurrentMergeBuilder,
 * OnHeapHnswGraph, HnswGraphSearcher) scored with artsim's SIMD kernels. Parallel build, per-query
 * {@code ef}, label filters during traversal ({@code acceptOrds}; exact below 5% selectivity),
 * tombstoned removals with compaction, int8 codes with an fp32 re-rank, the fp32 vectors on the heap
 * or memory-mapped ({@code storage}). The recommended HNSW index: see artsim-index/README.md for
 * the measurements against {@code "hnsw"} and hnswlib (C++).
 *
 * <h2>File format {@code artsim.index.hnsw-lucene}, version 3</h2>
 *
 * Inside the {@link ArtsimFiles} container (no Java serialization):
 *
 * <pre>
 * payload  := dim:int32 metric:string m:int32 efConstruction:int32 ef:int32 seed:int64
 *             threads:int32 maxItems:int32 quant storage:int32 ordinals:int32 ordinal{ordinals}
 *             vector{ordinals} levels:int32 entryNode:int32 level{levels}
 * ordinal  := removed:bool (id:string labelCount:int32 (field:string value:string){labelCount})?
 *             (ordinals and ordinal{ordinals} are the shared item section of every index file)
 * vector   := float32{dim} (removed ordinals keep their vector: they still route searches)
 * level    := count:int32 (node:int32 degree:int32 neighbour:int32{degree}){count}, nodes ascending
 * quant    := 0:int32 | 1:int32 fittedAt:int32 centre:float32{dim} step:float32{dim}
 *             (none, or int8 with the per-dimension ranges fitted to the first fittedAt nodes;
 *             the codes are re-derived from the vectors on load)
 * storage  := 0 (heap) | 1 (mapped: loading copies the vectors into a mapped file off the heap)
 * </pre>
 *
 * Version 2 is version 3 without {@code storage} (heap), version 1 is version 2 without {@code
 * quant} (no quantization); both are still read. A loaded graph is kept frozen (links only, see
 * {@code FrozenGraph}) until the next insertion. The {@code
 * search_threads} setting is not saved: a loaded index answers batches on one thread per core.
 */
public final class LuceneHnswIndexProvider extends HnswProviderBase {
  /** The provider name. */
  public static final String NAME = "hnsw-lucene";

  /** Used by {@link java.util.ServiceLoader}. */
  public LuceneHnswIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "approximate search with Lucene's HNSW graph, SIMD distances and filtered traversal (recommended HNSW index)";
  }

  @Override
  public VectorIndex create(int dimension, Metric metric, HnswConfig config) {
    org.artsim.index.support.Args.requireDimension(NAME, dimension);
    return new LuceneHnswVectorIndex(dimension, metric, config);
  }

  @Override
  public VectorIndex load(Path path) {
    return ArtsimFiles.read(path, LuceneHnswVectorIndex.FORMAT, LuceneHnswVectorIndex.FORMAT_VERSION, LuceneHnswVectorIndex::read);
  }
}
