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
    checkOpen();
    return items.size();
  }

  private boolean closed;

  private void checkOpen() {
    if (closed) {
      throw new org.artsim.ClosedException("this naive index");
    }
  }

  private static String requireId(String id) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give every item an id");
    }
    return id;
  }

  private VectorEntry entry(String id, float[] v, Labels labels) {
    checkOpen();
    requireId(id);
    if (labels == null) {
      throw new InvalidArgumentException("labels is null; pass Labels.none() for an item without labels");
    }
    return new VectorEntry(id, Vectors.prepare(v, dim, metric, "vector for '" + id + "'"), labels);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** The label-field rule: on a non-empty index every filtered field must be carried by some item. */
  private void requireKnownFields(java.util.Collection<String> fields) {
    if (items.isEmpty()) {
      return;
    }
    var present = new TreeSet<String>();
    items.values().forEach(e -> present.addAll(e.labels().values().keySet()));
    for (String f : fields) {
      if (!present.contains(f)) {
        String near = present.stream().filter(p -> p.equalsIgnoreCase(f)).findFirst().orElse(null);
        throw new InvalidArgumentException(
            "no item has label field '" + f + "'; fields present: " + present
                + (near != null ? "; did you mean '" + near + "'? label field names are case-sensitive" : "; check the field name (case-sensitive)"));
      }
    }
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
    checkOpen();
    if (entries == null) {
      throw new InvalidArgumentException("entries is null; pass a list of VectorEntry");
    }
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
    checkOpen();
    return items.remove(requireId(id)) != null;
  }

  @Override
  public synchronized boolean contains(String id) {
    checkOpen();
    return items.containsKey(requireId(id));
  }

  @Override
  public synchronized Optional<float[]> vector(String id) {
    checkOpen();
    VectorEntry e = items.get(requireId(id));
    return e == null ? Optional.empty() : Optional.of(e.vector().clone());
  }

  @Override
  public synchronized Labels labels(String id) {
    checkOpen();
    VectorEntry e = items.get(requireId(id));
    if (e == null) {
      throw new UnknownIdException("no item with id '" + id + "' in the index; add it first or check the id");
    }
    return e.labels();
  }

  @Override
  public synchronized List<String> ids() {
    checkOpen();
    return List.copyOf(items.keySet());
  }

  @Override
  public synchronized Set<String> labelValues(String field) {
    checkOpen();
    var out = new TreeSet<String>();
    items.values().forEach(e -> {
      if (e.labels().get(field) != null) {
        out.add(e.labels().get(field));
      }
    });
    return out;
  }

  @Override
  public List<Hit> search(float[] query, int k) {
    return search(query, k, org.artsim.LabelFilter.none());
  }

  @Override
  public List<Hit> search(float[] query, int k, org.artsim.LabelFilter filter) {
    if (query == null) {
      throw new InvalidArgumentException("query vector is null; pass the vector to search with");
    }
    if (filter == null) {
      throw new InvalidArgumentException("filter is null; use LabelFilter.none() for no condition");
    }
    return search(SearchRequest.of(query, k).withFilter(filter));
  }

  @Override
  public synchronized List<List<Hit>> searchBatch(float[][] queries, int k, org.artsim.LabelFilter filter) {
    checkOpen();
    if (queries == null) {
      throw new InvalidArgumentException("queries is null; pass an array of query vectors");
    }
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    var out = new ArrayList<List<Hit>>();
    for (int i = 0; i < queries.length; i++) {
      if (queries[i] == null) {
        throw new InvalidArgumentException("query " + i + " of the batch is null; pass a vector for every query");
      }
      out.add(search(queries[i], k, filter));
    }
    return out;
  }

  @Override
  public synchronized List<Hit> search(SearchRequest request) {
    checkOpen();
    if (request == null) {
      throw new InvalidArgumentException("request is null; pass SearchRequest.of(vector, k)");
    }
    float[] q = Vectors.prepare(request.vector(), dim, metric, "query");
    requireKnownFields(request.filter().allowed().keySet());
    return ExactKnn.search(new ArrayList<>(items.values()), metric, q, request.k(), request.filter());
  }

  @Override
  public synchronized java.util.Map<String, List<Hit>> matchesPerLabel(float[] query, int k, String field, java.util.Collection<String> values) {
    checkOpen();
    requireKnownFields(List.of(field));
    return VectorIndex.super.matchesPerLabel(query, k, field, values);
  }

  @Override
  public synchronized void save(Path path) {
    checkOpen();
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
