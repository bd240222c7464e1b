package org.artsim.index.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.artsim.vector.VectorKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Int8 codes on the heap (chunked) and mapped give the same bytes and the same dot products. */
class Int8CodesTest {
  @TempDir Path tmp;

  @Test
  void heapAndMappedCodesAgree() {
    var r = new SplittableRandom(3);
    int dim = 37;
    var heap = Int8Codes.onHeap(dim, 1);
    var mapped = Int8Codes.mapped(dim, 1, tmp);
    try {
      int n = 2500;
      byte[] row = new byte[dim];
      for (int i = 0; i < n; i++) {
        r.nextBytes(row);
        heap.ensureCapacity(i + 1);
        mapped.ensureCapacity(i + 1);
        heap.set(i, row);
        mapped.set(i, row);
      }
      heap.move(n - 1, 10);
      mapped.move(n - 1, 10);
      float[] w = new float[dim];
      for (int d = 0; d < dim; d++) {
        w[d] = (float) r.nextGaussian();
      }
      float[] a = new float[n];
      float[] b = new float[n];
      heap.dotRows(VectorKernels.get(), w, 0, n, a, 0, heap.newScratch());
      mapped.dotRows(VectorKernels.get(), w, 0, n, b, 0, mapped.newScratch());
      assertThat(b).containsExactly(a);
      byte[] x = new byte[dim];
      byte[] y = new byte[dim];
      heap.get(10, x);
      mapped.get(n - 1, y);
      assertThat(x).containsExactly(y);
      assertThat(heap.heapBytes()).isGreaterThanOrEqualTo((long) n * dim);
      assertThat(mapped.heapBytes()).isZero();
    } finally {
      heap.close();
      mapped.close();
    }
  }
}
