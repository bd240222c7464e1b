package org.artsim.index.support;

import java.io.IOException;
import java.util.LinkedHashMap;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;

/**
 * Pieces of artsim-index's file payloads that several index kinds share: labels and the metric.
 *
 * <pre>
 * labels := count:int32 (field:string value:string){count}
 * metric := name:string   (COSINE, DOT or L2)
 * </pre>
 *
 * <p>Part of artsim-index's implementation, public only so that the index packages can share it.
 * Stateless and thread-safe.
 */
public final class IndexFiles {
  private IndexFiles() {}

  /** Writes one item's labels. */
  public static void writeLabels(BinaryOut out, Labels l) throws IOException {
    out.writeInt(l.values().size());
    for (var e : l.values().entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  /** Reads labels written by {@link #writeLabels}, refusing empty or repeated fields. */
  public static Labels readLabels(BinaryIn in) throws IOException {
    int n = in.readCount("label", 1 << 16, 8);
    if (n == 0) {
      return Labels.none();
    }
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < n; i++) {
      String f = in.readString();
      String v = in.readString();
      if (f == null || v == null || f.isBlank() || v.isBlank() || map.put(f, v) != null) {
        throw in.corrupt("a label is empty or repeated");
      }
    }
    return Labels.of(map);
  }

  /** Reads a metric name, refusing unknown ones as corruption. */
  public static Metric readMetric(BinaryIn in) throws IOException {
    String name = in.readString();
    try {
      return Metric.valueOf(name);
    } catch (RuntimeException e) {
      throw in.corrupt("unknown metric " + name);
    }
  }

  /** Reads a positive dimension. */
  public static int readDimension(BinaryIn in) throws IOException {
    int dim = in.readInt();
    if (dim <= 0) {
      throw in.corrupt("dimension " + dim);
    }
    return dim;
  }
}
