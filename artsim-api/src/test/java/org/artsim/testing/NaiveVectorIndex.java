package org.artsim.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.artsim.Artsim;
import org.artsim.DuplicateIdException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.SearchRequest;
import org.artsim.UnknownIdException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.VectorIndexProvider;
import org.artsim.vector.Vectors;

/**
 * A deliberately naive {@link VectorIndex} (a synchronized map searched with {@link ExactKnn}),
 * registered by the api's tests as a third party would register one, under the name {@code
 * "naive"}. Useful as a stand-in index in other modules' tests.
 */
public final class NaiveVectorIndex implements VectorIndex {
  private static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + "naive";
  private final int dim;
  private final Metric metric;
  private final Map<String, VectorEntry> items = new LinkedHashMap<>();

  /** An empty index. */
  public NaiveVectorIndex(int dim, Metric metric) {
    this.dim = dim;
    this.metric = metric;
  }

  /** The provider, listed in the test-jar's META-INF/services. */
  public static class Provider implements VectorIndexProvider<Map<String, String>> {
    /** Used by ServiceLoader. */
    public Provider() {}

    @Override
    public String name() {
      return "naive";
    }

    @Override
    public String description() {
      return "test-only naive exact index";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, String>> configType() {
      return (Class) Map.class;
    }

    @Override
    public Map<String, String> defaults() {
      return Map.of();
    }

    @Override
    public Map<String, String> parse(Map<String, String> settings) {
      ConfigMap.of("naive", settings).finish();
      return Map.of();
    }

    @Override
    public VectorIndex create(int dimension, Metric metric, Map<String, String> config) {
      return new NaiveVectorIndex(dimension, metric);
    }

    @Override
    public VectorIndex load(Path path) {
      return ArtsimFiles.read(path, FORMAT, 1, NaiveVectorIndex::read);
    }
  }

  @Override
  public String kind() {
    return "naive";
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public synchronized int size() {
    return items.size();
  }

  private VectorEntry entry(String id, float[] v, Labels labels) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give every item an id");
    }
    return new VectorEntry(id, Vectors.prepare(v, dim, metric, "vector for '" + id + "'"), labels == null ? Labels.none() : labels);
  }

  @Override
  public synchronized void add(String id, float[] vector, Labels labels) {
    VectorEntry e = entry(id, vector, labels);
    if (items.containsKey(id)) {
      throw new DuplicateIdException("id '" + id + "' is already in the index; use put(...) to replace it or remove it first");
    }
    items.put(id, e);
  }

  @Override
  public synchronized void addAll(List<VectorEntry> entries, ProgressListener listener) {
    var prepared = new ArrayList<VectorEntry>();
    var seen = new HashSet<String>();
    for (VectorEntry e : entries) {
      if (!seen.add(e.id())) {
        throw new DuplicateIdException("id '" + e.id() + "' appears twice in the batch; give each item one entry");
      }
      prepared.add(entry(e.id(), e.vector(), e.labels()));
    }
    for (VectorEntry e : prepared) {
      if (items.containsKey(e.id())) {
        throw new DuplicateIdException("id '" + e.id() + "' is already in the index; use put(...) to replace it or remove it first");
      }
    }
    var tracker = new ProgressTracker("naive: add", prepared.size(), listener);
    prepared.forEach(e -> items.put(e.id(), e));
    tracker.advance(prepared.size());
  }

  @Override
  public synchronized boolean put(String id, float[] vector, Labels labels) {
    return items.put(id, entry(id, vector, labels)) != null;
  }

  @Override
  public synchronized void update(String id, float[] vector, Labels labels) {
    VectorEntry e = entry(id, vector, labels);
    if (!items.containsKey(id)) {
      throw new UnknownIdException("no item with id '" + id + "' in the index; add it first or check the id");
    }
    items.put(id, e);
  }

  @Override
  public synchronized boolean remove(String id) {
    return items.remove(id) != null;
  }

  @Override
  public synchronized boolean contains(String id) {
    return items.containsKey(id);
  }

  @Override
  public synchronized Optional<float[]> vector(String id) {
    VectorEntry e = items.get(id);
    return e == null ? Optional.empty() : Optional.of(e.vector().clone());
  }

  @Override
  public synchronized Labels labels(String id) {
    VectorEntry e = items.get(id);
    if (e == null) {
      throw new UnknownIdException("no item with id '" + id + "' in the index; add it first or check the id");
    }
    return e.labels();
  }

  @Override
  public synchronized List<String> ids() {
    return List.copyOf(items.keySet());
  }

  @Override
  public synchronized Set<String> labelValues(String field) {
    var out = new TreeSet<String>();
    items.values().forEach(e -> {
      if (e.labels().get(field) != null) {
        out.add(e.labels().get(field));
      }
    });
    return out;
  }

  @Override
  public synchronized List<Hit> search(SearchRequest request) {
    float[] q = Vectors.prepare(request.vector(), dim, metric, "query");
    return ExactKnn.search(new ArrayList<>(items.values()), metric, q, request.k(), request.filter());
  }

  @Override
  public synchronized void save(Path path) {
    ArtsimFiles.write(path, FORMAT, 1, this::write);
  }

  private void write(BinaryOut out) throws IOException {
    out.writeInt(dim);
    out.writeString(metric.name());
    out.writeInt(items.size());
    for (VectorEntry e : items.values()) {
      out.writeString(e.id());
      out.writeInt(e.labels().values().size());
      for (var l : e.labels().values().entrySet()) {
        out.writeString(l.getKey());
        out.writeString(l.getValue());
      }
      out.writeFloats(e.vector(), 0, dim);
    }
  }

  private static NaiveVectorIndex read(BinaryIn in, int version) throws IOException {
    var index = new NaiveVectorIndex(in.readInt(), Metric.valueOf(in.readString()));
    int n = in.readCount("item", Integer.MAX_VALUE, 8);
    for (int i = 0; i < n; i++) {
      String id = in.readString();
      int labels = in.readCount("label", 1000, 8);
      var map = new LinkedHashMap<String, String>();
      for (int l = 0; l < labels; l++) {
        map.put(in.readString(), in.readString());
      }
      float[] v = new float[index.dim];
      in.readFloats(v, 0, index.dim);
      index.items.put(id, new VectorEntry(id, v, Labels.of(map)));
    }
    return index;
  }
}
