package org.artsim.index.flat;

import java.util.Map;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.testing.VectorIndexContract;

/**
 * The vector index contract on the flat index with memory-mapped float32 rows and int8 codes
 * scaled per dimension (the default per-vector scaling on the heap runs in {@link
 * FlatVectorIndexTest}).
 */
class FlatMappedInt8ContractTest extends VectorIndexContract {
  @Override
  protected VectorIndex newIndex(int dimension, Metric metric) {
    return Artsim.index("flat", dimension, metric, Map.of("storage", "mapped", "quantization", "int8", "int8_scale", "per_dimension"));
  }
}
