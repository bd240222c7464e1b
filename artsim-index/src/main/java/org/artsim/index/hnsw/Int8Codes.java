package org.artsim.index.hnsw;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * One signed byte per dimension for every graph node, the copy an int8 HNSW graph is built and
 * searched on.
 *
 * <p><b>Encoding.</b> Per dimension {@code d}: {@code c = clamp(round((x - mid[d]) / scale[d]),
 * -127, 127)} and the decoded value is {@code mid[d] + scale[d] * c}, with {@code mid} the centre
 * and {@code 254 * scale} the width of the range of dimension {@code d} over the vectors stored at
 * the last fit. The fit is redone (and every node re-encoded) whenever the number of nodes has
 * doubled since the last one, so an index filled one vector at a time is fitted to 1, 2, 4, ...
 * vectors and a bulk load to all of them; later values outside the range are clamped.
 *
 * <p><b>Scores.</b> A query {@code q} (fp32) is scored against the decoded vectors, asymmetrically:
 * {@code dot = C + sum_d (q[d] scale[d]) c[d]} with {@code C = sum_d q[d] mid[d]}, and for L2
 * {@code -(||q||^2 - 2 dot + ||decoded||^2)}. So the graph's distances are true distances to the
 * decoded vectors, comparable between queries (Lucene's neighbour diversity check compares them).
 *
 * <p>Not thread-safe for writes; {@link Query} objects may be used concurrently with each other
 * while no write runs.
 */
final class Int8Codes {
  private final int dim;
  private final VectorKernels kernels;
  private final Score score;
  private final float[] mid;
  private final float[] scale;
  private byte[][] codes = new byte[16][];
  private float[] decodedNorm2 = new float[16];
  private int fittedAt;

  Int8Codes(int dim, VectorKernels kernels, Score score) {
    this.dim = dim;
    this.kernels = kernels;
    this.score = score;
    this.mid = new float[dim];
    this.scale = new float[dim];
    Arrays.fill(scale, 1f);
  }

  /** The number of nodes at the last fit (0 before the first). */
  int fittedAt() {
    return fittedAt;
  }

  /** Bytes of codes and norms per node. */
  long bytesPerNode() {
    return dim + 4L;
  }

  /**
   * Encodes nodes {@code [from, to)} of {@code vectors}, first refitting the ranges to nodes {@code
   * [0, to)} (and re-encoding them all) if {@code to} is at least twice the last fit.
   */
  void update(IntFunction<float[]> vectors, int from, int to) {
    ensureCapacity(to);
    if (to >= 2L * fittedAt) {
      fit(vectors, to);
      return;
    }
    for (int node = from; node < to; node++) {
      encode(vectors.apply(node), node);
    }
  }

  private void ensureCapacity(int nodes) {
    if (nodes > codes.length) {
      int cap = Math.max(nodes, codes.length + (codes.length >> 1));
      codes = Arrays.copyOf(codes, cap);
      decodedNorm2 = Arrays.copyOf(decodedNorm2, cap);
    }
  }

  private void fit(IntFunction<float[]> vectors, int nodes) {
    double[] min = new double[dim];
    double[] max = new double[dim];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int node = 0; node < nodes; node++) {
      float[] v = vectors.apply(node);
      for (int d = 0; d < dim; d++) {
        min[d] = Math.min(min[d], v[d]);
        max[d] = Math.max(max[d], v[d]);
      }
    }
    for (int d = 0; d < dim; d++) {
      float m = (float) ((min[d] + max[d]) / 2);
      float s = (float) ((max[d] - min[d]) / 254);
      mid[d] = Float.isFinite(m) ? m : 0f;
      scale[d] = Float.isFinite(s) && s > 0 ? s : 1f;
    }
    fittedAt = nodes;
    for (int node = 0; node < nodes; node++) {
      encode(vectors.apply(node), node);
    }
  }

  /** Encodes {@code v} as node {@code node} with the current ranges (within the capacity). */
  void encode(float[] v, int node) {
    byte[] c = codes[node];
    if (c == null) {
      c = new byte[dim];
      codes[node] = c;
    }
    double norm2 = 0;
    for (int d = 0; d < dim; d++) {
      long q = Math.round((v[d] - mid[d]) / scale[d]);
      q = Math.max(-127, Math.min(127, q));
      c[d] = (byte) q;
      double decoded = mid[d] + (double) scale[d] * q;
      norm2 += decoded * decoded;
    }
    decodedNorm2[node] = (float) norm2;
  }

  /** Forgets every code and the fit. */
  void reset() {
    codes = new byte[16][];
    decodedNorm2 = new float[16];
    fittedAt = 0;
    Arrays.fill(mid, 0f);
    Arrays.fill(scale, 1f);
  }

  /** The scores of the nodes' decoded vectors against {@code q}. */
  Query query(float[] q) {
    return new Query(q);
  }

  /** Scores against one query; see the class comment. */
  final class Query implements NodeScores {
    private final float[] w = new float[dim];
    private final float constant;
    private final float queryNorm2;
    private final float[] one = new float[1];

    /**
     * Prepares the weights and constants with the kernels: a query is prepared for every node
     * inserted and every neighbour a diversity check scores from, so this runs as often as a few
     * dozen scores per insertion (a scalar loop here took a third of an int8 build's time).
     */
    Query(float[] q) {
      for (int d = 0; d < dim; d++) {
        w[d] = q[d] * scale[d];
      }
      constant = kernels.dot(q, 0, mid, 0, dim);
      queryNorm2 = kernels.dot(q, 0, q, 0, dim);
    }

    private float fromDot(float dot, int node) {
      return score == Score.DOT ? dot : -Math.max(0f, queryNorm2 - 2 * dot + decodedNorm2[node]);
    }

    @Override
    public float score(int node) {
      kernels.dotBytesRows(w, codes[node], dim, 0, 1, one, 0);
      return fromDot(constant + one[0], node);
    }

    @Override
    public void scoreMany(int[] nodes, int count, float[] out) {
      for (int i = 0; i < count; i++) {
        int node = nodes[i];
        kernels.dotBytesRows(w, codes[node], dim, 0, 1, out, i);
        out[i] = fromDot(constant + out[i], node);
      }
    }
  }

  // ---------------------------------------------------------------- files

  /** Writes {@code fittedAt:int32 mid:float32{dim} scale:float32{dim}}; the codes are derived. */
  void write(BinaryOut out) throws IOException {
    out.writeInt(fittedAt);
    out.writeFloats(mid, 0, dim);
    out.writeFloats(scale, 0, dim);
  }

  /**
   * Reads what {@link #write} wrote into {@code mid} and {@code scale} (of the dimension), checking
   * every value, and returns the node count of the fit; {@link #restore} and {@link #startEncoding}
   * then make the codes.
   */
  static int readRanges(BinaryIn in, float[] mid, float[] scale) throws IOException {
    int fittedAt = in.readInt();
    in.readFloats(mid, 0, mid.length);
    in.readFloats(scale, 0, scale.length);
    if (fittedAt < 0) {
      throw in.corrupt("int8 codes fitted at " + fittedAt + " nodes");
    }
    for (int d = 0; d < mid.length; d++) {
      if (!Float.isFinite(mid[d]) || !Float.isFinite(scale[d]) || !(scale[d] > 0)) {
        throw in.corrupt("int8 range of dimension " + d + " is centre " + mid[d] + ", step " + scale[d]);
      }
    }
    return fittedAt;
  }

  /** Takes the fit {@link #readRanges} read. */
  void restore(int fittedAt, float[] mid, float[] scale) {
    this.fittedAt = fittedAt;
    System.arraycopy(mid, 0, this.mid, 0, dim);
    System.arraycopy(scale, 0, this.scale, 0, dim);
  }

  /**
   * Prepares to encode nodes {@code [0, nodes)} with the ranges read from a file, each by {@link
   * #encode} as its vector is read (so a file's vectors are read once).
   */
  void startEncoding(BinaryIn in, int nodes) throws IOException {
    if (fittedAt > nodes || (nodes > 0 && fittedAt == 0)) {
      throw in.corrupt("int8 codes fitted at " + fittedAt + " nodes, but the graph holds " + nodes);
    }
    ensureCapacity(nodes);
  }

}
