package org.artsim.index.support;

import java.io.IOException;
import org.artsim.Metric;
import org.artsim.io.BinaryIn;

/**
 * Pieces of artsim-index's file payloads that several index kinds share: the metric and the
 * dimension (labels are written with {@link org.artsim.io.BinaryOut#writeLabels}).
 *
 * <pre>
 * metric    := name:string   (COSINE, DOT or L2)
 * dimension := int32 &gt; 0
 * </pre>
 *
 * <p>Part of artsim-index's implementation, public only so that the index packages can share it.
 * Stateless and thread-safe.
 */
public final class IndexFiles {
  private IndexFiles() {}

  /** Reads a metric name, refusing unknown ones as corruption. */
  public static Metric readMetric(BinaryIn in) throws IOException {
    String name = in.readString();
    try {
      return Metric.valueOf(name);
    } catch (RuntimeException e) {
      throw in.corrupt("unknown metric " + name);
    }
  }

  /** The largest dimension a file may declare (a vector of it is 4 MiB). */
  public static final int MAX_DIMENSION = 1 << 20;

  /** Reads a dimension in {@code [1, MAX_DIMENSION]}. */
  public static int readDimension(BinaryIn in) throws IOException {
    int dim = in.readInt();
    if (dim <= 0 || dim > MAX_DIMENSION) {
      throw in.corrupt("dimension " + dim + " is outside [1, " + MAX_DIMENSION + "]");
    }
    return dim;
  }

  /** Refuses a stored vector holding NaN or an infinity. */
  public static void requireFinite(BinaryIn in, float[] v, String id) {
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw in.corrupt("the vector of '" + id + "' holds " + v[i] + " at position " + i);
      }
    }
  }
}
