package org.artsim.index.hnsw;

import java.io.IOException;
import java.nio.file.Path;
import org.artsim.index.support.MappedVectorStore;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * Vectors off the heap in a memory-mapped file that grows in {@code directory} and is unlinked as
 * soon as it is mapped ({@link MappedVectorStore}): an int8 graph reads a row only to re-rank a
 * candidate or to insert a node, so the operating system keeps the pages it needs and the heap holds
 * none of the vectors. Each read copies the row into a new array or a per-query scratch array.
 */
final class MappedGraphRows implements GraphRows {
  private final int dim;
  private final MappedVectorStore store;

  MappedGraphRows(String kind, int dim, int capacity, Path directory) {
    this.dim = dim;
    this.store = MappedVectorStore.create(kind, dim, Math.max(16, capacity), directory);
  }

  @Override
  public void ensureCapacity(int count) {
    store.ensureCapacity(count);
  }

  @Override
  public void set(int ord, float[] v) {
    store.set(ord, v);
  }

  @Override
  public float[] get(int ord) {
    float[] v = new float[dim];
    store.get(ord, v, 0);
    return v;
  }

  @Override
  public void keep(int[] live) {
    for (int i = 0; i < live.length; i++) {
      if (live[i] != i) {
        store.move(live[i], i);
      }
    }
  }

  @Override
  public NodeScores scores(VectorKernels kernels, Score score, float[] q) {
    float[] scratch = store.newScratch(1);
    return new NodeScores() {
      @Override
      public float score(int node) {
        return store.score(kernels, score, q, 0, node, scratch);
      }

      @Override
      public void scoreMany(int[] nodes, int count, float[] out) {
        for (int i = 0; i < count; i++) {
          out[i] = store.score(kernels, score, q, 0, nodes[i], scratch);
        }
      }
    };
  }

  /** Writes through {@link BinaryOut#writeFloats} (the hnsw-lucene file's byte order), one row at a time. */
  @Override
  public void write(BinaryOut out, int count) throws IOException {
    float[] row = new float[dim];
    for (int ord = 0; ord < count; ord++) {
      store.get(ord, row, 0);
      out.writeFloats(row, 0, dim);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
