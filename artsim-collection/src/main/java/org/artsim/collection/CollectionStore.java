package org.artsim.collection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.EmbedderInfo;
import org.artsim.FileFormatException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.StorageException;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.AtomicFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.spi.ProviderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads the parts of a collection in one directory. It works on plain values ({@link
 * Snapshot} in, {@link Loaded} out) and never calls back into {@link ArtCollection}.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * dir/collection.artsim          the manifest; written last, atomically
 * dir/records-GGGGGG.artsim      the records, without vectors              (generation G)
 * dir/index-GGGGGG.artsim        the vector index, as VectorIndex.save writes it: every vector, once
 * dir/text-GGGGGG.artsim         the text index, as TextIndex.save writes it (if text search is on)
 * </pre>
 *
 * A save writes the files of a new generation, then replaces the manifest (which names the
 * generation) in one atomic rename, then deletes older generations. A crash at any point leaves a
 * manifest that names a complete generation, so the previous or the new save loads. Temporary files
 * a killed save left behind are swept when the directory is next loaded or saved.
 *
 * <h2>Files that belong together</h2>
 *
 * Every collection has a random id, kept across saves; every save has a generation. The manifest
 * and the records file carry both; the index and text files (whose format is their provider's) are
 * bound by a seal the manifest records: the file's size and the CRC-32C of its container trailer.
 * {@link #load} refuses a file of another collection or generation with a {@link
 * CollectionMismatchException} that names both.
 *
 * <h2>Concurrency</h2>
 *
 * Saves and loads of one directory in one process take turns (a per-directory lock); a load that
 * meets a save of another process (the generation changed under it) starts again, up to 5 times.
 *
 * <h2>File formats (inside the {@link ArtsimFiles} container), version 2</h2>
 *
 * <pre>
 * manifest  "artsim.collection":
 *   id:string generation:int32 count:int32
 *   embedder:part index:part autoExact:string autoApproximate:list autoThreshold:int32
 *   text:part recommender:part clusterer:part uniqueness:part duplicateFinder:part qualityMeter:part metric:string
 *   info: provider:string model:string dimension:int32 settings:map
 *   imageBase:string|null recordsFile:string indexFile:string indexSeal:string textFile:string|null textSeal:string|null
 * records   "artsim.collection.records":
 *   id:string generation:int32 count:int32 record{count}
 *   record := id title artist culture classification medium date description image (string|null each) fields:map labels:map
 * part      := provider:string settings:map
 * list      := count:int32 string{count}
 * map       := count:int32 (key:string value:string){count}
 * </pre>
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
  public static final int VERSION = 2;

  private static final int ATTEMPTS = 5;
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private CollectionStore() {}

  /** What a save writes. */
  record Snapshot(String id, CollectionConfig config, EmbedderInfo info, Path imageBase, Map<String, CatalogueRecord> records, VectorIndex index, TextIndex text) {}

  /** What a load read; {@code text} is null when text search is off or its provider is missing. */
  record Loaded(String id, int generation, CollectionConfig config, EmbedderInfo info, Path imageBase, Map<String, CatalogueRecord> records, VectorIndex index, TextIndex text) {}

  private record Manifest(
      String id,
      int generation,
      int count,
      CollectionConfig config,
      EmbedderInfo info,
      String imageBase,
      String recordsFile,
      String indexFile,
      String indexSeal,
      String textFile,
      String textSeal) {}

  private static ReentrantLock lockOf(Path dir) {
    return LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
  }

  private static String file(String part, int generation) {
    return String.format(Locale.ROOT, "%s-%06d.artsim", part, generation);
  }

  /** Saves a snapshot as the next generation in {@code dir}; returns that generation. */
  static int save(Snapshot s, Path dir) {
    ReentrantLock lock = lockOf(dir);
    lock.lock();
    try {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageException("could not create the directory " + dir + ": " + e + "; check the path and permissions", e);
      }
      AtomicFiles.sweepStaleTemporaries(dir);
      int generation = lastGeneration(dir) + 1;
      String recordsFile = file("records", generation);
      ArtsimFiles.write(dir.resolve(recordsFile), RECORDS_FORMAT, VERSION, out -> writeRecords(out, s, generation));
      String indexFile = file("index", generation);
      s.index().save(dir.resolve(indexFile));
      String textFile = s.text() == null ? null : file("text", generation);
      if (textFile != null) {
        s.text().save(dir.resolve(textFile));
      }
      var m =
          new Manifest(
              s.id(),
              generation,
              s.records().size(),
              s.config(),
              s.info(),
              s.imageBase() == null ? null : s.imageBase().toString(),
              recordsFile,
              indexFile,
              seal(dir.resolve(indexFile)),
              textFile,
              textFile == null ? null : seal(dir.resolve(textFile)));
      ArtsimFiles.write(dir.resolve(MANIFEST), FORMAT, VERSION, out -> writeManifest(out, m));
      deleteOtherGenerations(dir, generation);
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** The generation of the save in {@code dir}, 0 if none; a damaged manifest counts by its part files. */
  private static int lastGeneration(Path dir) {
    Path manifest = dir.resolve(MANIFEST);
    if (Files.exists(manifest)) {
      try {
        return readManifest(manifest).generation();
      } catch (ArtsimException e) {
        LOG.warn("the manifest {} cannot be read ({}); saving a new generation after the newest part file", manifest, e.getMessage());
      }
    }
    int max = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{records,index,text}-*.artsim")) {
      for (Path p : files) {
        String n = p.getFileName().toString();
        String digits = n.substring(n.indexOf('-') + 1, n.length() - ".artsim".length());
        if (digits.matches("\\d{1,9}")) {
          max = Math.max(max, Integer.parseInt(digits));
        }
      }
    } catch (IOException e) {
      throw new StorageException("could not list " + dir + ": " + e + "; check the permissions", e);
    }
    return max;
  }

  /**
   * Loads the collection saved in {@code dir}.
   *
   * @param newText makes an empty text index for the config (when the saved one cannot be loaded), or returns null
   * @throws StorageException if there is no save in {@code dir}
   * @throws CollectionMismatchException if a file belongs to another collection or generation
   * @throws FileFormatException if a file is damaged
   */
  static Loaded load(Path dir, java.util.function.Function<CollectionConfig, TextIndex> newText) {
    Path manifestPath = dir.resolve(MANIFEST);
    ReentrantLock lock = lockOf(dir);
    lock.lock();
    try {
      sweep(dir);
      for (int attempt = 1; ; attempt++) {
        if (!Files.exists(manifestPath)) {
          throw new StorageException("no saved collection in " + dir + " (no " + MANIFEST + "); check the path, or save a collection there first");
        }
        Manifest m = readManifest(manifestPath);
        try {
          return loadGeneration(dir, m, newText);
        } catch (StorageException | FileFormatException e) {
          if (e instanceof CollectionMismatchException || attempt == ATTEMPTS || sameGeneration(manifestPath, m)) {
            throw e;
          }
          LOG.info("the save in {} changed while it was being loaded (generation {}); loading again", dir, m.generation());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static boolean sameGeneration(Path manifestPath, Manifest m) {
    try {
      return readManifest(manifestPath).generation() == m.generation();
    } catch (ArtsimException e) {
      return false;
    }
  }

  private static void sweep(Path dir) {
    if (Files.isWritable(dir)) {
      int n = AtomicFiles.sweepStaleTemporaries(dir);
      if (n > 0) {
        LOG.info("removed {} temporary files of interrupted saves in {}", n, dir);
      }
    }
  }

  private static Loaded loadGeneration(Path dir, Manifest m, java.util.function.Function<CollectionConfig, TextIndex> newText) {
    Path recordsPath = dir.resolve(m.recordsFile());
    var records = readRecords(recordsPath, m);
    Path indexPath = dir.resolve(m.indexFile());
    checkSeal(indexPath, m.indexSeal(), m, "index");
    VectorIndex index = Artsim.loadIndex(indexPath);
    try {
      if (index.size() != records.size() || index.dimension() != m.info().dimension() || !records.keySet().stream().allMatch(index::contains)) {
        throw new CollectionMismatchException(
            indexPath + " holds " + index.size() + " vectors of dimension " + index.dimension() + ", but collection " + m.id() + " generation " + m.generation() + " has "
                + records.size() + " records of dimension " + m.info().dimension() + "; restore the whole directory from one backup");
      }
      TextIndex text = loadText(dir, m, records, newText);
      return new Loaded(m.id(), m.generation(), m.config(), m.info(), m.imageBase() == null ? null : Path.of(m.imageBase()), records, index, text);
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  private static TextIndex loadText(Path dir, Manifest m, Map<String, CatalogueRecord> records, java.util.function.Function<CollectionConfig, TextIndex> newText) {
    if (m.textFile() != null) {
      Path textPath = dir.resolve(m.textFile());
      checkSeal(textPath, m.textSeal(), m, "text index");
      try {
        TextIndex t = Artsim.loadTextIndex(textPath);
        if (t.size() == records.size()) {
          return t;
        }
        t.close();
        throw new CollectionMismatchException(
            textPath + " holds " + t.size() + " documents, but collection " + m.id() + " generation " + m.generation() + " has " + records.size()
                + " records; restore the whole directory from one backup");
      } catch (org.artsim.UnknownProviderException e) {
        LOG.warn("the saved text index {} needs a provider that is not installed ({}); rebuilding it from the records", m.textFile(), e.getMessage());
      }
    }
    TextIndex t = newText.apply(m.config());
    if (t != null) {
      var docs = new LinkedHashMap<String, TextDocument>();
      records.forEach((id, r) -> docs.put(id, r.textDocument()));
      t.addAll(docs);
    }
    return t;
  }

  /** The seal of a saved part: its size and its container's CRC-32C (the whole file's for other formats). */
  static String seal(Path p) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size >= 12) {
        var tail = ByteBuffer.allocate(12);
        ch.read(tail, size - 12);
        tail.flip();
        int crc = tail.getInt();
        byte[] end = new byte[8];
        tail.get(end);
        if (new String(end, StandardCharsets.US_ASCII).equals("ARTSIMOK")) {
          return String.format(Locale.ROOT, "size=%d,crc32c=%08x", size, crc);
        }
      }
      var crc = new CRC32C();
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          crc.update(buf, 0, n);
        }
      }
      return String.format(Locale.ROOT, "size=%d,file-crc32c=%08x", size, crc.getValue());
    } catch (IOException e) {
      throw new StorageException("could not read " + p + ": " + e + "; check that the saved collection is complete", e);
    }
  }

  private static void checkSeal(Path p, String expected, Manifest m, String what) {
    if (!Files.exists(p)) {
      throw new StorageException("the " + what + " file " + p + " of collection " + m.id() + " generation " + m.generation() + " is missing; restore the whole directory from one backup");
    }
    String found = seal(p);
    if (!found.equals(expected)) {
      throw new CollectionMismatchException(
          p + " is not the " + what + " of collection " + m.id() + " generation " + m.generation() + " (the manifest's seal is " + expected + ", the file's is " + found
              + "): it belongs to another collection or another save; restore the whole directory from one backup, or save the collection again");
    }
  }

  private static void writeRecords(BinaryOut out, Snapshot s, int generation) throws IOException {
    out.writeString(s.id());
    out.writeInt(generation);
    out.writeInt(s.records().size());
    for (CatalogueRecord r : s.records().values()) {
      for (String v : new String[] {r.id(), r.title(), r.artist(), r.culture(), r.classification(), r.medium(), r.date(), r.description(), r.image()}) {
        out.writeString(v);
      }
      writeMap(out, r.fields());
      writeMap(out, r.labels().values());
    }
  }

  private static Map<String, CatalogueRecord> readRecords(Path path, Manifest m) {
    return ArtsimFiles.read(
        path,
        RECORDS_FORMAT,
        VERSION,
        (in, version) -> {
          old(in, version);
          String id = in.readString();
          int generation = in.readInt();
          if (!m.id().equals(id) || generation != m.generation()) {
            throw new CollectionMismatchException(
                path + " holds the records of collection " + id + " generation " + generation + ", but the manifest is of collection " + m.id() + " generation " + m.generation()
                    + "; restore the whole directory from one backup, or save the collection again");
          }
          int n = in.readCount("record", Integer.MAX_VALUE, 9 * 4 + 8);
          if (n != m.count()) {
            throw in.corrupt("it holds " + n + " records but the manifest says " + m.count());
          }
          var records = new LinkedHashMap<String, CatalogueRecord>();
          for (int i = 0; i < n; i++) {
            String[] s = new String[9];
            for (int j = 0; j < 9; j++) {
              s[j] = in.readString();
            }
            var fields = readMap(in);
            var labels = readMap(in);
            if (s[0] == null || s[0].isBlank() || records.containsKey(s[0])) {
              throw in.corrupt("record " + i + " has a blank or repeated id");
            }
            records.put(s[0], new CatalogueRecord(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], fields, Labels.of(labels)));
          }
          return records;
        });
  }

  private static void old(BinaryIn in, int version) {
    if (version < VERSION) {
      throw in.corrupt("it was saved in format version " + version + " of an older artsim, which this version does not read; load it with that artsim and ingest the catalogue again");
    }
  }

  private static void writeManifest(BinaryOut out, Manifest m) throws IOException {
    out.writeString(m.id());
    out.writeInt(m.generation());
    out.writeInt(m.count());
    CollectionConfig c = m.config();
    writePart(out, c.embedder());
    writePart(out, c.index());
    out.writeString(c.autoIndex().exact());
    out.writeInt(c.autoIndex().approximate().size());
    for (String a : c.autoIndex().approximate()) {
      out.writeString(a);
    }
    out.writeInt(c.autoIndex().threshold());
    for (ProviderConfig p : List.of(c.textIndex(), c.recommender(), c.clusterer(), c.uniqueness(), c.duplicateFinder(), c.qualityMeter())) {
      writePart(out, p);
    }
    out.writeString(c.metric().name());
    out.writeString(m.info().provider());
    out.writeString(m.info().model());
    out.writeInt(m.info().dimension());
    writeMap(out, m.info().settings());
    out.writeString(m.imageBase());
    out.writeString(m.recordsFile());
    out.writeString(m.indexFile());
    out.writeString(m.indexSeal());
    out.writeString(m.textFile());
    out.writeString(m.textSeal());
  }

  private static void writePart(BinaryOut out, ProviderConfig p) throws IOException {
    out.writeString(p.provider());
    writeMap(out, ProviderSettings.settingsOf(p));
  }

  private static ProviderSettings readPart(BinaryIn in) throws IOException {
    String name = in.readString();
    var settings = readMap(in);
    try {
      return new ProviderSettings(name, settings);
    } catch (org.artsim.ConfigException e) {
      throw in.corrupt("a component has no provider name");
    }
  }

  private static Manifest readManifest(Path path) {
    return ArtsimFiles.read(
        path,
        FORMAT,
        VERSION,
        (in, version) -> {
          old(in, version);
          String id = in.readString();
          int generation = in.readInt();
          int count = in.readCount("record", Integer.MAX_VALUE, 0);
          var embedder = readPart(in);
          var index = readPart(in);
          String exact = in.readString();
          int na = in.readCount("approximate index", 64, 4);
          var approximate = new ArrayList<String>();
          for (int i = 0; i < na; i++) {
            approximate.add(in.readString());
          }
          int threshold = in.readInt();
          var parts = new ProviderSettings[6];
          for (int i = 0; i < parts.length; i++) {
            parts[i] = readPart(in);
          }
          String metricName = in.readString();
          var info = new EmbedderInfo(in.readString(), in.readString(), in.readInt(), readMap(in));
          String base = in.readString();
          String recordsFile = in.readString();
          String indexFile = in.readString();
          String indexSeal = in.readString();
          String textFile = in.readString();
          String textSeal = in.readString();
          if (id == null || generation < 1 || !file("records", generation).equals(recordsFile) || !file("index", generation).equals(indexFile)
              || (textFile != null && !file("text", generation).equals(textFile)) || indexSeal == null || (textFile != null && textSeal == null)) {
            throw in.corrupt("its id, generation or file names do not fit together (generation " + generation + ", files " + recordsFile + ", " + indexFile + ", " + textFile + ")");
          }
          AutoIndex auto;
          Metric metric;
          try {
            auto = new AutoIndex(exact, approximate, threshold);
            metric = Metric.valueOf(metricName);
          } catch (RuntimeException e) {
            throw in.corrupt("its index rule or metric is not valid: " + e.getMessage());
          }
          var config = new CollectionConfig(embedder, index, auto, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], metric);
          return new Manifest(id, generation, count, config, info, base, recordsFile, indexFile, indexSeal, textFile, textSeal);
        });
  }

  private static void deleteOtherGenerations(Path dir, int keep) {
    String suffix = String.format(Locale.ROOT, "-%06d.artsim", keep);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{records,index,text}-*.artsim")) {
      for (Path p : files) {
        if (!p.getFileName().toString().endsWith(suffix)) {
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
      String k = in.readString();
      String v = in.readString();
      if (k == null || v == null) {
        throw in.corrupt("a map entry has a null key or value");
      }
      map.put(k, v);
    }
    return map;
  }
}
