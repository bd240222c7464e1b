package org.artsim.collection;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.EmbedderInfo;
import org.artsim.FileFormatException;
import org.artsim.ImageEmbedder;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.StorageException;
import org.artsim.TextIndex;
import org.artsim.UnknownProviderException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads a whole {@link ArtCollection} in one directory.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * dir/collection.artsim          the manifest; written last, atomically
 * dir/records-GGGGGG.artsim      records and their vectors           (generation G)
 * dir/index-GGGGGG.artsim        the vector index, as VectorIndex.save writes it
 * dir/text-GGGGGG.artsim         the text index, as TextIndex.save writes it (if text search is on)
 * </pre>
 *
 * A save writes the files of a new generation, then replaces the manifest (which names the
 * generation) in one atomic rename, then deletes older generations. A crash at any point leaves a
 * manifest that names a complete generation, so the previous or the new save loads.
 *
 * <h2>File formats (inside the {@link ArtsimFiles} container)</h2>
 *
 * <pre>
 * manifest  "artsim.collection" version 1:
 *   generation:int32 count:int32
 *   embedder:string embedderSettings:map index:string indexSettings:map hnswThreshold:int32
 *   textIndex:string textSettings:map recommender:string recommenderSettings:map metric:string
 *   info: provider:string model:string dimension:int32 settings:map
 *   imageBase:string|null indexFile:string|null textFile:string|null
 * records   "artsim.collection.records" version 1:
 *   dim:int32 count:int32 record{count}
 *   record := id title artist culture classification medium date description image (string|null each)
 *             fields:map labels:map vector:float32{dim}
 * map       := count:int32 (key:string value:string){count}
 * </pre>
 *
 * The records file is the source of truth: if the index or text file cannot be loaded (its provider
 * is not installed, it is damaged), it is rebuilt from the records and the load goes on, with a
 * logged warning.
 */
public final class CollectionStore {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionStore.class);

  /** The manifest's file name. */
  public static final String MANIFEST = "collection.artsim";
  /** The manifest's format name. */
  public static final String FORMAT = "artsim.collection";
  /** The records file's format name. */
  public static final String RECORDS_FORMAT = "artsim.collection.records";
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  private CollectionStore() {}

  private record Manifest(int generation, int count, CollectionConfig config, EmbedderInfo info, String imageBase, String indexFile, String textFile) {}

  static void save(ArtCollection c, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("could not create the directory " + dir + ": " + e + "; check the path and permissions", e);
    }
    Path manifestPath = dir.resolve(MANIFEST);
    int generation = Files.exists(manifestPath) ? readManifest(manifestPath).generation() + 1 : 1;
    String g = String.format("%06d", generation);
    Map<String, CatalogueRecord> records = c.recordMap();
    int dim = c.embedderInfo().dimension();
    String recordsFile = "records-" + g + ".artsim";
    ArtsimFiles.write(
        dir.resolve(recordsFile),
        RECORDS_FORMAT,
        VERSION,
        out -> {
          out.writeInt(dim);
          out.writeInt(records.size());
          for (CatalogueRecord r : records.values()) {
            for (String s : new String[] {r.id(), r.title(), r.artist(), r.culture(), r.classification(), r.medium(), r.date(), r.description(), r.image()}) {
              out.writeString(s);
            }
            writeMap(out, r.fields());
            writeMap(out, r.labels().values());
            float[] v = c.vector(r.id());
            out.writeFloats(v, 0, v.length);
          }
        });
    String indexFile = "index-" + g + ".artsim";
    c.index().save(dir.resolve(indexFile));
    String textFile = null;
    if (c.textIndex().isPresent()) {
      textFile = "text-" + g + ".artsim";
      c.textIndex().get().save(dir.resolve(textFile));
    }
    var m = new Manifest(generation, records.size(), c.config(), c.embedderInfo(), c.imageBase() == null ? null : c.imageBase().toString(), indexFile, textFile);
    ArtsimFiles.write(manifestPath, FORMAT, VERSION, out -> writeManifest(out, m, recordsFile));
    deleteOtherGenerations(dir, g);
  }

  private static void writeManifest(BinaryOut out, Manifest m, String recordsFile) throws IOException {
    out.writeInt(m.generation());
    out.writeInt(m.count());
    CollectionConfig c = m.config();
    out.writeString(c.embedder());
    writeMap(out, c.embedderSettings());
    out.writeString(c.index());
    writeMap(out, c.indexSettings());
    out.writeInt(c.hnswThreshold());
    out.writeString(c.textIndex());
    writeMap(out, c.textSettings());
    out.writeString(c.recommender());
    writeMap(out, c.recommenderSettings());
    out.writeString(c.metric().name());
    out.writeString(m.info().provider());
    out.writeString(m.info().model());
    out.writeInt(m.info().dimension());
    writeMap(out, m.info().settings());
    out.writeString(m.imageBase());
    out.writeString(recordsFile);
    out.writeString(m.indexFile());
    out.writeString(m.textFile());
  }

  private static Manifest readManifest(Path path) {
    return ArtsimFiles.read(
        path,
        FORMAT,
        VERSION,
        (in, version) -> {
          int generation = in.readInt();
          int count = in.readInt();
          String embedder = in.readString();
          var es = readMap(in);
          String index = in.readString();
          var is = readMap(in);
          int threshold = in.readInt();
          String text = in.readString();
          var ts = readMap(in);
          String rec = in.readString();
          var rs = readMap(in);
          Metric metric = Metric.valueOf(in.readString());
          var info = new EmbedderInfo(in.readString(), in.readString(), in.readInt(), readMap(in));
          String base = in.readString();
          String recordsFile = in.readString();
          if (!recordsFile.equals(String.format("records-%06d.artsim", generation))) {
            throw in.corrupt("the records file name '" + recordsFile + "' does not match generation " + generation);
          }
          var config = new CollectionConfig(embedder, es, index, is, threshold, text, ts, rec, rs, metric);
          return new Manifest(generation, count, config, info, base, in.readString(), in.readString());
        });
  }

  static ArtCollection load(Path dir, ImageEmbedder given) {
    Path manifestPath = dir.resolve(MANIFEST);
    if (!Files.exists(manifestPath)) {
      throw new StorageException("no saved collection in " + dir + " (no " + MANIFEST + "); check the path, or save a collection there first");
    }
    Manifest m = readManifest(manifestPath);
    ImageEmbedder embedder = given;
    boolean owns = false;
    if (embedder == null) {
      try {
        embedder = ArtCollection.createEmbedder(m.config());
        owns = true;
      } catch (UnknownProviderException e) {
        LOG.warn("loading {} without its embedder: {}; searches by text and by id work, searches by image do not", dir, e.getMessage());
      }
    }
    try {
      if (embedder != null && !m.info().compatibleWith(embedder.info())) {
        throw new IncompatibleEmbedderException(
            "the collection in " + dir + " was embedded with " + m.info() + ", but the embedder given makes " + embedder.info()
                + "; vectors of different embedders cannot be compared. Load it with the embedder it was made with, or ingest the catalogue again into a new collection");
      }
      String g = String.format("%06d", m.generation());
      var records = new LinkedHashMap<String, CatalogueRecord>();
      var entries = new ArrayList<VectorEntry>();
      Path recordsPath = dir.resolve("records-" + g + ".artsim");
      ArtsimFiles.read(
          recordsPath,
          RECORDS_FORMAT,
          VERSION,
          (in, version) -> {
            int dim = in.readInt();
            if (dim != m.info().dimension()) {
              throw in.corrupt("its vectors have dimension " + dim + " but the manifest says " + m.info().dimension());
            }
            int n = in.readCount("record", Integer.MAX_VALUE, 4 * dim);
            for (int i = 0; i < n; i++) {
              String[] s = new String[9];
              for (int j = 0; j < 9; j++) {
                s[j] = in.readString();
              }
              var fields = readMap(in);
              var labels = readMap(in);
              float[] v = new float[dim];
              in.readFloats(v, 0, dim);
              var r = new CatalogueRecord(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], fields, Labels.of(labels));
              records.put(r.id(), r);
              entries.add(new VectorEntry(r.id(), v, r.indexLabels()));
            }
            return null;
          });
      if (records.size() != m.count()) {
        throw new FileFormatException(recordsPath + " holds " + records.size() + " records but the manifest says " + m.count() + "; restore the directory from a backup");
      }
      VectorIndex index = loadIndex(dir, m, entries);
      TextIndex text = loadText(dir, m, records);
      var c = new ArtCollection(m.config(), embedder, owns, m.info(), index, text, m.imageBase() == null ? null : Path.of(m.imageBase()));
      c.restore(records);
      return c;
    } catch (RuntimeException e) {
      if (owns) {
        ArtCollection.closeQuietly(embedder);
      }
      throw e;
    }
  }

  private static VectorIndex loadIndex(Path dir, Manifest m, List<VectorEntry> entries) {
    if (m.indexFile() != null) {
      try {
        VectorIndex index = Artsim.loadIndex(dir.resolve(m.indexFile()));
        if (index.size() == entries.size() && index.dimension() == m.info().dimension() && entries.stream().allMatch(e -> index.contains(e.id()))) {
          return index;
        }
        LOG.warn("the saved index {} does not match the records ({} items, {} records); rebuilding it", m.indexFile(), index.size(), entries.size());
      } catch (ArtsimException e) {
        LOG.warn("the saved index {} cannot be loaded ({}); rebuilding it from the saved vectors", m.indexFile(), e.getMessage());
      }
    }
    VectorIndex index = ArtCollection.createIndex(m.config(), m.info().dimension(), entries.size());
    index.addAll(entries);
    return index;
  }

  private static TextIndex loadText(Path dir, Manifest m, Map<String, CatalogueRecord> records) {
    if (m.textFile() != null) {
      try {
        TextIndex t = Artsim.loadTextIndex(dir.resolve(m.textFile()));
        if (t.size() == records.size()) {
          return t;
        }
        LOG.warn("the saved text index {} does not match the records; rebuilding it", m.textFile());
      } catch (ArtsimException e) {
        LOG.warn("the saved text index {} cannot be loaded ({}); rebuilding it from the records", m.textFile(), e.getMessage());
      }
    }
    TextIndex t = ArtCollection.createText(m.config());
    if (t != null) {
      var docs = new LinkedHashMap<String, org.artsim.TextDocument>();
      records.forEach((id, r) -> docs.put(id, r.textDocument()));
      t.addAll(docs);
    }
    return t;
  }

  private static void deleteOtherGenerations(Path dir, String keep) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{records,index,text}-*.artsim")) {
      for (Path p : files) {
        if (!p.getFileName().toString().contains("-" + keep + ".")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not delete old files in {}: {}", dir, e.toString());
    }
  }

  static void writeMap(BinaryOut out, Map<String, String> map) throws IOException {
    out.writeInt(map.size());
    for (var e : map.entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  static Map<String, String> readMap(BinaryIn in) throws IOException {
    int n = in.readCount("map entry", 1 << 20, 8);
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < n; i++) {
      map.put(in.readString(), in.readString());
    }
    return map;
  }
}
