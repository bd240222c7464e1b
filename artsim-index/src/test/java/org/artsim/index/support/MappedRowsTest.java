package org.artsim.index.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.artsim.testing.RandomVectors;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapped rows: long offsets past 2^31 bytes (over a sparse file, which allocates no memory), growth
 * across chunks, copy-on-write of a read-only file region, unmapping on close, and scores equal to
 * the heap store's bit for bit.
 */
class MappedRowsTest {
  @TempDir Path tmp;

  @Test
  void rowsPastTwoGibibytesAreAddressedWithLongOffsets() throws Exception {
    Path file = tmp.resolve("sparse.bin");
    int dim = 1024;
    long rowBytes = 4L * dim;
    int rows = 600_000; // 2.46 GB, past 2^31 bytes: a sparse file, nothing is allocated
    try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(rows * rowBytes + 4096);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      var store = MappedVectorStore.open("flat", dim, ch, 4096, rows, null, true);
      try {
        float[] v = RandomVectors.gaussian(new SplittableRandom(1), dim);
        int last = rows - 1;
        assertThat((long) last * rowBytes).isGreaterThan(Integer.MAX_VALUE);
        store.set(last, v);
        store.set(524_288, v); // exactly 2^31 bytes in
        float[] back = new float[dim];
        store.get(last, back, 0);
        assertThat(back).containsExactly(v);
        store.get(524_288, back, 0);
        assertThat(back).containsExactly(v);
        store.get(524_287, back, 0);
        assertThat(back).containsOnly(0f);
        float[] scores = new float[3];
        store.scoreRows(VectorKernels.get(), Score.DOT, v, 0, last - 2, last + 1, scores, 0, store.newScratch(4));
        assertThat(scores[2]).isEqualTo(VectorKernels.get().dot(v, v));
        assertThat(scores[0]).isZero();
        store.ensureCapacity(rows + 10);
        store.set(rows + 5, v);
        store.get(rows + 5, back, 0);
        assertThat(back).containsExactly(v);
      } finally {
        store.close();
      }
      // copy-on-write: the file itself was never written
      var check = java.nio.ByteBuffer.allocate(4 * dim);
      ch.read(check, 4096 + (rows - 1) * rowBytes);
      assertThat(check.array()).containsOnly((byte) 0);
    }
  }

  @Test
  void growthAcrossChunksScoresLikeTheHeap() throws Exception {
    var r = new SplittableRandom(7);
    int dim = 13;
    var heap = new HeapVectorStore("flat", dim, 1);
    var mapped = new MappedVectorStore(dim, MappedRows.create(4L * dim, tmp, 4L * dim * 5)); // 5 rows a chunk
    try {
      int n = 123;
      for (int i = 0; i < n; i++) {
        float[] v = RandomVectors.gaussian(r, dim);
        heap.ensureCapacity(i + 1);
        mapped.ensureCapacity(i + 1);
        heap.set(i, v);
        mapped.set(i, v);
      }
      mapped.move(120, 3);
      heap.move(120, 3);
      float[] q = RandomVectors.gaussian(r, dim);
      for (Score score : Score.values()) {
        float[] a = new float[n];
        float[] b = new float[n];
        heap.scoreRows(VectorKernels.get(), score, q, 0, 0, n, a, 0, heap.newScratch(8));
        mapped.scoreRows(VectorKernels.get(), score, q, 0, 0, n, b, 0, mapped.newScratch(8));
        assertThat(b).containsExactly(a);
        float[] qs = new float[3 * dim];
        System.arraycopy(q, 0, qs, dim, dim);
        VectorKernels kernels = VectorKernels.get();
        float[] pa = new float[dim * kernels.packedStride(40)];
        float[] pb = new float[dim * kernels.packedStride(40)];
        assertThat(mapped.packRows(kernels, 7, 47, pb, mapped.newScratch(40))).isEqualTo(heap.packRows(kernels, 7, 47, pa, heap.newScratch(40)));
        assertThat(pb).containsExactly(pa);
        float[] ta = new float[3 * kernels.packedStride(40)];
        float[] tb = new float[3 * kernels.packedStride(40)];
        kernels.scorePacked(score, qs, 0, 3, pa, dim, 40, ta);
        kernels.scorePacked(score, qs, 0, 3, pb, dim, 40, tb);
        assertThat(tb).containsExactly(ta);
        assertThat(mapped.score(VectorKernels.get(), score, q, 0, 77, mapped.newScratch(1))).isEqualTo(heap.score(VectorKernels.get(), score, q, 0, 77, null));
      }
      assertThat(mapped.mappedBytes()).isEqualTo(25L * 5 * 4 * dim);
      assertThat(mapped.heapBytes()).isZero();
    } finally {
      mapped.close();
      mapped.close();
    }
    try (var files = java.nio.file.Files.list(tmp)) {
      assertThat(files).as("the growth file is unlinked").isEmpty();
    }
  }

  @Test
  void aReadOnlyFileRegionIsCopiedBeforeItsFirstChange() throws Exception {
    Path file = tmp.resolve("ro.bin");
    int dim = 4;
    float[] data = new float[10 * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    var bytes = java.nio.ByteBuffer.allocate(4 * data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    Files.write(file, bytes.array());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      var store = MappedVectorStore.open("flat", dim, ch, 0, 10, tmp, false);
      float[] row = new float[dim];
      store.get(9, row, 0);
      assertThat(row).containsExactly(36, 37, 38, 39);
      store.ensureCapacity(12);
      store.set(11, new float[] {-1, -1, -1, -1});
      store.move(9, 2);
      store.get(2, row, 0);
      assertThat(row).containsExactly(36, 37, 38, 39);
      store.get(5, row, 0);
      assertThat(row).containsExactly(20, 21, 22, 23);
      store.get(11, row, 0);
      assertThat(row).containsExactly(-1, -1, -1, -1);
      store.close();
      assertThatThrownBy(() -> store.get(2, new float[dim], 0)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(Files.readAllBytes(file)).containsExactly(bytes.array());
  }
}
