package org.artsim.embed.minilm;

/**
 * Sentence-transformers' pooling of all-MiniLM-L6-v2: the token vectors averaged over the attention
 * mask (padding never counts), then scaled to unit length. Sums run in double precision.
 */
final class MeanPooling {
  private MeanPooling() {}

  /**
   * One unit vector per sequence.
   *
   * @param hidden the token vectors, row-major {@code [batch, tokens, dim]}
   * @param mask the attention mask, row-major {@code [batch, tokens]}, 1 for a real token
   */
  static float[][] pool(float[] hidden, long[] mask, int batch, int tokens, int dim) {
    if (hidden.length != (long) batch * tokens * dim || mask.length != (long) batch * tokens) {
      throw new IllegalStateException("pooling: " + hidden.length + " values and " + mask.length + " mask entries do not fit [" + batch + ", " + tokens + ", " + dim + "]");
    }
    float[][] out = new float[batch][];
    double[] sum = new double[dim];
    for (int b = 0; b < batch; b++) {
      java.util.Arrays.fill(sum, 0);
      int count = 0;
      for (int t = 0; t < tokens; t++) {
        if (mask[b * tokens + t] == 0) {
          continue;
        }
        count++;
        int base = (b * tokens + t) * dim;
        for (int d = 0; d < dim; d++) {
          sum[d] += hidden[base + d];
        }
      }
      double ss = 0;
      for (int d = 0; d < dim; d++) {
        sum[d] /= Math.max(count, 1);
        ss += sum[d] * sum[d];
      }
      double norm = Math.sqrt(ss);
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = norm > 0 ? (float) (sum[d] / norm) : 0f;
      }
      out[b] = v;
    }
    return out;
  }
}
