package org.artsim.index.hnsw;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.artsim.FileFormatException;
import org.artsim.index.HnswConfig;
import org.artsim.index.support.IndexFiles;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.api.map.primitive.MutableObjectIntMap;

/**
 * Reads the graph section of an {@code artsim.index.hnsw} file: hnswlib-core's {@link HnswIndex}
 * in Java serialization, the one place artsim deserialises objects. Three fences stand in front of
 * it:
 *
 * <ol>
 *   <li>an {@link ObjectInputFilter} allow-list (hnswlib's index and serializer, artsim's item and
 *       distance types, {@code Integer}, {@code float[]}; any other class is refused before it is
 *       loaded) with {@code maxdepth}, {@code maxrefs}, {@code maxbytes} (the section's size) and
 *       {@code maxarray} (the largest dimension);
 *   <li>hnswlib sizes arrays and maps from ints in the stream (capacity, node and map counts), which
 *       no filter sees: every int read is capped at {@link #maxInt} before hnswlib allocates for it;
 *   <li>the graph read is checked: node ids, neighbour ids in range, every linked node present, an
 *       entry point when there are nodes, removal enabled and the index mutable (otherwise later
 *       searches or changes would fail inside hnswlib).
 * </ol>
 *
 * Any failure is a {@link FileFormatException}. Stateless and thread-safe.
 */
final class HnswlibGraphReader {
  private HnswlibGraphReader() {}

  /** The only classes a saved graph may contain. */
  static final String GRAPH_CLASSES =
      "com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;"
          + "com.github.jelmerk.hnswlib.core.JavaObjectSerializer;"
          + "org.artsim.index.hnsw.HnswVectorIndex$Node;"
          + "org.artsim.index.hnsw.HnswVectorIndex$KernelDistance;"
          + "java.lang.Enum;java.lang.Number;java.lang.Integer;"
          + "java.util.Comparators$NaturalOrderComparator;"
          + "!*";

  /** The deepest object graph a saved graph may hold. */
  static final int MAX_DEPTH = 16;

  /** The filter for a section of {@code blobBytes} bytes. */
  static ObjectInputFilter filter(int blobBytes) {
    int bytes = Math.max(1, blobBytes);
    return ObjectInputFilter.Config.createFilter(
        "maxdepth=" + MAX_DEPTH + ";maxrefs=" + bytes + ";maxbytes=" + bytes + ";maxarray=" + IndexFiles.MAX_DIMENSION + ";" + GRAPH_CLASSES);
  }

  /**
   * The largest int a section of {@code blobBytes} bytes may hold: hnswlib's capacity is at most
   * the largest {@code max_items} setting or 1.5 times the items plus 16, and every item takes at
   * least one byte.
   */
  static int maxInt(int blobBytes) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(HnswConfig.MAX_ITEMS, 2L * blobBytes + 16));
  }

  /**
   * Deserialises and checks a graph of vectors of dimension {@code dim}.
   *
   * @throws FileFormatException (made by {@code corrupt}) if the section is refused or damaged
   */
  @SuppressWarnings("unchecked")
  @SuppressForbidden(reason = "hnswlib-core's graph is Java-serialised; read from a checksummed file behind a class allow-list, size limits and capped counts")
  static HnswIndex<Integer, float[], HnswVectorIndex.Node, Float> read(byte[] blob, int dim, Function<String, FileFormatException> corrupt) {
    HnswIndex<Integer, float[], HnswVectorIndex.Node, Float> graph;
    try (var ois = new BoundedObjectInput(new ByteArrayInputStream(blob), maxInt(blob.length))) {
      ois.setObjectInputFilter(filter(blob.length));
      Object o = ois.readObject();
      if (!(o instanceof HnswIndex<?, ?, ?, ?> g)) {
        throw corrupt.apply("the graph section holds a " + o.getClass().getName());
      }
      graph = (HnswIndex<Integer, float[], HnswVectorIndex.Node, Float>) g;
    } catch (InvalidClassException e) {
      throw corrupt.apply("the graph section names a class outside the allow-list or exceeds a limit (" + e.getMessage() + "); refusing to deserialize it");
    } catch (ClassNotFoundException | ClassCastException e) {
      throw corrupt.apply("the graph section is unreadable: " + e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof FileFormatException f) {
        throw f;
      }
      throw corrupt.apply("the graph section is damaged: " + e);
    } catch (OutOfMemoryError e) {
      throw corrupt.apply("the graph section asks for more memory than its size allows");
    }
    String problem = check(graph, dim);
    if (problem != null) {
      throw corrupt.apply("the graph section is inconsistent: " + problem);
    }
    return graph;
  }

  /** What is wrong with a deserialised graph, or null. */
  private static String check(HnswIndex<?, ?, ?, ?> graph, int dim) {
    try {
      if (graph.getDimensions() != dim) {
        return "its dimension is " + graph.getDimensions() + ", not " + dim;
      }
      if (bool(graph, "immutable") || !bool(graph, "removeEnabled")) {
        return "it is immutable or does not allow removals";
      }
      if (integer(graph, "m") < 1 || integer(graph, "maxM") < 1 || integer(graph, "maxM0") < 1 || integer(graph, "efConstruction") < 1 || integer(graph, "ef") < 1) {
        return "its parameters are out of range";
      }
      int count = integer(graph, "nodeCount");
      AtomicReferenceArray<?> nodes = (AtomicReferenceArray<?>) field(HnswIndex.class, "nodes").get(graph);
      if (nodes == null || count < 0 || count > nodes.length() || integer(graph, "maxItemCount") != nodes.length()) {
        return "it holds " + count + " nodes in room for " + (nodes == null ? 0 : nodes.length());
      }
      Object entry = field(HnswIndex.class, "entryPoint").get(graph);
      if ((count > 0) != (entry != null)) {
        return "its entry point does not match its " + count + " nodes";
      }
      Class<?> nodeType = Class.forName(HnswIndex.class.getName() + "$Node");
      Field id = field(nodeType, "id");
      Field connections = field(nodeType, "connections");
      Field item = field(nodeType, "item");
      for (int i = 0; i < count; i++) {
        Object node = nodes.get(i);
        if (node == null || id.getInt(node) != i || !(item.get(node) instanceof HnswVectorIndex.Node)) {
          return "node " + i + " is missing or misnumbered";
        }
        MutableIntList[] levels = (MutableIntList[]) connections.get(node);
        if (levels == null || levels.length == 0 || levels.length > 64) {
          return "node " + i + " has no or too many levels";
        }
        for (int level = 0; level < levels.length; level++) {
          MutableIntList links = levels[level];
          if (links == null) {
            return "node " + i + " lacks its links on level " + level;
          }
          for (int j = 0; j < links.size(); j++) {
            int to = links.get(j);
            if (to < 0 || to >= count || nodes.get(to) == null || ((MutableIntList[]) connections.get(nodes.get(to))).length <= level) {
              return "node " + i + " links to " + to + " on level " + level;
            }
          }
        }
      }
      if (entry != null && ((MutableIntList[]) connections.get(entry)).length < maxLevels(nodes, count, connections)) {
        return "its entry point is not on the top level";
      }
      var lookup = (MutableObjectIntMap<?>) field(HnswIndex.class, "lookup").get(graph);
      if (lookup == null || lookup.size() > count) {
        return "its id table does not match its " + count + " nodes";
      }
      var bad = new StringBuilder();
      lookup.forEachKeyValue(
          (key, node) -> {
            if (bad.length() == 0 && (node < 0 || node >= count || !key.equals(itemId(nodes.get(node), item)))) {
              bad.append("its id table maps ").append(key).append(" to node ").append(node);
            }
          });
      return bad.length() == 0 ? null : bad.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "it could not be checked (" + e + ")";
    }
  }

  private static Integer itemId(Object node, Field item) {
    try {
      return item.get(node) instanceof HnswVectorIndex.Node n ? n.id() : null;
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static int maxLevels(AtomicReferenceArray<?> nodes, int count, Field connections) throws IllegalAccessException {
    int max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, ((MutableIntList[]) connections.get(nodes.get(i))).length);
    }
    return max;
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static int integer(Object o, String name) throws ReflectiveOperationException {
    return field(HnswIndex.class, name).getInt(o);
  }

  private static boolean bool(Object o, String name) throws ReflectiveOperationException {
    return field(HnswIndex.class, name).getBoolean(o);
  }

  /** An object stream that refuses ints above a bound: the counts and capacities hnswlib allocates from. */
  private static final class BoundedObjectInput extends ObjectInputStream {
    private final int maxInt;

    @SuppressForbidden(reason = "the stream of the one allow-listed reader; its filter is set before any object is read")
    BoundedObjectInput(InputStream in, int maxInt) throws IOException {
      super(in);
      this.maxInt = maxInt;
    }

    @Override
    public int readInt() throws IOException {
      int v = super.readInt();
      if (v > maxInt) {
        throw new InvalidObjectException("a count or capacity of " + v + " exceeds " + maxInt);
      }
      return v;
    }
  }
}
