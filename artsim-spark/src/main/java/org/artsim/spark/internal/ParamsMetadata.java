package org.artsim.spark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.SparkSession;
import org.artsim.FileFormatException;
import org.artsim.StorageException;

/**
 * Reads and writes a stage's metadata in Spark ML's layout ({@code path/metadata/part-00000}, one
 * JSON object with {@code class}, {@code uid}, {@code paramMap} and {@code defaultParamMap}), so
 * Spark's Pipeline persistence finds the class, plus an {@code artsim} object for model state.
 * Files go through Hadoop's FileSystem, so any Spark path (local, HDFS, S3...) works.
 */
public final class ParamsMetadata {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParamsMetadata() {}

  /** The metadata read back: the stage's uid and its {@code artsim} state object. */
  public record Loaded(String uid, JsonNode json) {
    /** The {@code artsim} state object (empty if absent). */
    public JsonNode artsim() {
      JsonNode a = json.get("artsim");
      return a == null ? JSON.createObjectNode() : a;
    }
  }

  /** Writes {@code instance}'s params and {@code state} under {@code path}. */
  public static void save(Params instance, String path, SparkSession spark, ObjectNode state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("class", instance.getClass().getName());
    root.put("timestamp", System.currentTimeMillis());
    root.put("sparkVersion", spark.version());
    root.put("uid", instance.uid());
    ObjectNode set = root.putObject("paramMap");
    ObjectNode defaults = root.putObject("defaultParamMap");
    for (Param<?> p : instance.params()) {
      try {
        if (instance.isSet(p)) {
          set.set(p.name(), JSON.readTree(encode(p, instance.getOrDefault(p))));
        } else if (instance.hasDefault(p)) {
          defaults.set(p.name(), JSON.readTree(encode(p, instance.getOrDefault(p))));
        }
      } catch (IOException e) {
        throw new StorageException("could not encode parameter " + p.name() + ": " + e.getMessage(), e);
      }
    }
    root.set("artsim", state);
    try {
      write(spark, new Path(new Path(path, "metadata"), "part-00000"), JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new StorageException("could not write metadata under " + path + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> String encode(Param<T> p, Object value) {
    return p.jsonEncode((T) value);
  }

  /** Reads the metadata under {@code path}, checking it describes a {@code expected}. */
  public static Loaded load(String path, SparkSession spark, Class<?> expected) {
    Path file = new Path(new Path(path, "metadata"), "part-00000");
    JsonNode root;
    try {
      root = JSON.readTree(read(spark, file));
    } catch (IOException e) {
      throw new FileFormatException("could not read " + file + ": " + e.getMessage() + "; is " + path + " a saved " + expected.getSimpleName() + "?", e);
    }
    JsonNode cls = root.get("class");
    if (cls == null || !cls.asText().equals(expected.getName())) {
      throw new FileFormatException(
          path + " holds a " + (cls == null ? "stage without a class" : cls.asText()) + ", not a " + expected.getName()
              + "; load it with its own class");
    }
    if (root.get("uid") == null) {
      throw new FileFormatException(file + " has no uid; the metadata is damaged");
    }
    return new Loaded(root.get("uid").asText(), root);
  }

  /** Sets on {@code instance} every param saved in {@code loaded} (explicit values and defaults). */
  public static void apply(Loaded loaded, Params instance) {
    for (String section : new String[] {"defaultParamMap", "paramMap"}) {
      JsonNode map = loaded.json().get(section);
      if (map == null) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        if (!instance.hasParam(e.getKey())) {
          throw new FileFormatException("saved parameter '" + e.getKey() + "' is unknown to " + instance.getClass().getSimpleName()
              + "; the model was saved by a different artsim version");
        }
        Param<Object> p = (Param<Object>) instance.getParam(e.getKey());
        Object value = p.jsonDecode(e.getValue().toString());
        if (section.equals("paramMap")) {
          instance.set(p, value);
        } else {
          instance.setDefault(p, value);
        }
      }
    }
  }

  /** Writes a whole file. */
  public static void write(SparkSession spark, Path file, byte[] bytes) throws IOException {
    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(file, true)) {
      out.write(bytes);
    }
  }

  /** Reads a whole file. */
  public static byte[] read(SparkSession spark, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (InputStream in = fs.open(file)) {
      var out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /** Text of a file, for small files. */
  public static String readText(SparkSession spark, Path file) throws IOException {
    return new String(read(spark, file), StandardCharsets.UTF_8);
  }

  /** The JSON mapper, to build state objects. */
  public static ObjectMapper json() {
    return JSON;
  }
}
