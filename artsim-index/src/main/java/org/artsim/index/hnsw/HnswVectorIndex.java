package org.artsim.index.hnsw;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.ProgressTracker;
import org.artsim.index.HnswConfig;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;

/**
 * HNSW on hnswlib-core 1.2.x with artsim's SIMD kernels as its distance function.
 *
 * <p>Items are {@code (ordinal, vector)}; distances are {@code -dot} (cosine, dot) or the squared
 * Euclidean distance, both from {@link VectorKernels}. The library's own {@code ef} is set to 1 and
 * every search asks for {@code max(ef, k)} neighbours, so {@code ef} is per query. Removal uses the
 * library's soft delete (the node stays a waypoint; see {@link GraphVectorIndex} for compaction).
 * A filtered search that does not go exact asks the graph for an oversampled beam {@code beam * live
 * / matches} (capped at the number of nodes) and keeps the qualifying candidates, since hnswlib-core
 * cannot filter during traversal.
 *
 * <p>Malkov &amp; Yashunin, "Efficient and robust approximate nearest neighbor search using
 * Hierarchical Navigable Small World graphs", IEEE TPAMI 42(4), 2020, doi:10.1109/TPAMI.2018.2889473.
 */
final class HnswVectorIndex extends GraphVectorIndex {
  static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + HnswIndexProvider.NAME;
  static final int FORMAT_VERSION = 1;

  /** An hnswlib item: an ordinal and its stored vector (the same array as the index's store). */
  record Node(Integer id, float[] vector) implements Item<Integer, float[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  /** hnswlib distance functions on artsim's kernels; lower is closer. */
  enum KernelDistance implements DistanceFunction<float[], Float> {
    /** {@code -dot}: maximum inner product (and cosine on unit vectors). */
    NEGATIVE_DOT {
      @Override
      public Float distance(float[] u, float[] v) {
        return -KERNELS.dot(u, 0, v, 0, u.length);
      }
    },
    /** The squared Euclidean distance. */
    SQUARED_L2 {
      @Override
      public Float distance(float[] u, float[] v) {
        return KERNELS.squaredDistance(u, 0, v, 0, u.length);
      }
    };

    private static final VectorKernels KERNELS = VectorKernels.get();

    static KernelDistance of(Metric metric) {
      return metric == Metric.L2 ? SQUARED_L2 : NEGATIVE_DOT;
    }
  }

  private HnswIndex<Integer, float[], Node, Float> graph;

  HnswVectorIndex(int dim, Metric metric, HnswConfig config) {
    this(dim, metric, config, true);
  }

  private HnswVectorIndex(int dim, Metric metric, HnswConfig config, boolean allocateGraph) {
    super(HnswIndexProvider.NAME, dim, metric, config);
    this.graph = allocateGraph ? newGraph(config.maxItems()) : null;
  }

  private HnswIndex<Integer, float[], Node, Float> newGraph(int capacity) {
    return HnswIndex.newBuilder(dim, KernelDistance.of(metric), capacity)
        .withM(config.m())
        .withEfConstruction(config.efConstruction())
        .withEf(1)
        .withRemoveEnabled()
        .<Integer, Node>build();
  }

  @Override
  public String kind() {
    return HnswIndexProvider.NAME;
  }

  @Override
  void graphEnsureCapacity(int count) {
    int cap = graph.getMaxItemCount();
    if (count > cap) {
      graph.resize((int) Math.min(1 << 30, Math.max(count, cap + (cap >> 1) + 16L)));
    }
  }

  @Override
  void graphAdd(int from, int to, ProgressTracker tracker) {
    var items = new ArrayList<Node>(to - from);
    for (int ord = from; ord < to; ord++) {
      items.add(new Node(ord, rows.get(ord)));
    }
    int threads = Math.min(config.threads(), Math.max(1, (to - from) / 256));
    if (threads <= 1) {
      for (int i = 0; i < items.size(); i++) {
        graph.add(items.get(i));
        if ((i & 1023) == 1023) {
          tracker.advance(1024);
        }
      }
      tracker.advance(items.size() & 1023);
      return;
    }
    int[] reported = {0};
    try {
      graph.addAll(
          items,
          threads,
          (done, max) -> {
            tracker.advance(done - reported[0]);
            reported[0] = done;
          },
          Math.max(1, items.size() / 100));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.artsim.ArtsimException("hnsw: interrupted while building; the graph may hold part of the batch, rebuild the index", e);
    }
    tracker.advance(items.size() - reported[0]);
  }

  @Override
  void graphRemove(int ordinal) {
    graph.remove(ordinal, 0);
  }

  @Override
  void graphReset() {
    graph = newGraph(Math.max(config.maxItems(), store.liveLocked() + 16));
  }

  @Override
  int[] graphSearch(float[] q, int beam, BitSet accept, int matches) {
    int want = beam;
    if (accept != null) {
      long scaled = (long) Math.ceil((double) beam * live() / Math.max(1, matches));
      want = (int) Math.min(ordinals, Math.max(beam, scaled));
    }
    List<SearchResult<Node, Float>> found = graph.findNearest(q, want);
    int[] out = new int[found.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = found.get(i).item().id();
    }
    return out;
  }

  // ---------------------------------------------------------------- files

  @Override
  public void save(Path path) {
    save(path, FORMAT, FORMAT_VERSION);
  }

  /** The graph as hnswlib's Java serialization, length-prefixed. */
  @Override
  void writeGraph(BinaryOut out) throws IOException {
    var bytes = new ByteArrayOutputStream();
    graph.save(bytes);
    byte[] b = bytes.toByteArray();
    out.writeInt(b.length);
    out.writeBytes(b, 0, b.length);
  }

  static HnswVectorIndex read(BinaryIn in, int version) throws IOException {
    var header = Header.read(in, HnswIndexProvider.NAME);
    var index = new HnswVectorIndex(header.dim(), header.metric(), header.config(), false);
    index.readItems(in, 0);
    int length = in.readCount("graph byte", Integer.MAX_VALUE, 1);
    byte[] blob = new byte[length];
    in.readBytes(blob, 0, length);
    index.graph = HnswlibGraphReader.read(blob, header.dim(), in::corrupt);
    for (int ord = 0; ord < index.ordinals; ord++) {
      if (!index.store.isDead(ord)) {
        var node = index.graph.get(ord);
        if (node.isEmpty()) {
          throw in.corrupt("the graph has no node for ordinal " + ord);
        }
        index.checkStoredVector(in, ord, node.get().vector());
        index.rows.set(ord, node.get().vector());
      }
    }
    if (index.graph.size() != index.live() || index.graph.getDimensions() != index.dim) {
      throw in.corrupt("the graph holds " + index.graph.size() + " items of dimension " + index.graph.getDimensions() + ", the table " + index.live());
    }
    return index;
  }
}
