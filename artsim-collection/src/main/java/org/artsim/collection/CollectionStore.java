package org.artsim.collection;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.EmbedderInfo;
import org.artsim.FileFormatException;
import org.artsim.StorageException;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.VectorIndex;
import org.artsim.collection.bridge.TextImageBridge;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.AtomicFiles;
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
 * dir/bridge-GGGGGG.artsim       the text bridge, as TextImageBridge.save writes it (if the collection has one)
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
 * and the records file carry both; the index, text and bridge files (whose formats are their own) are
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
 *   [textEmbedder:part]   (absent in files of earlier saves: no text embedder; the dense text
 *                          index it feeds is not saved but rebuilt from the records at load)
 *   [bridgeFile:string|null bridgeSeal:string|null]   (absent in files of earlier saves: no bridge)
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
  record Snapshot(String id, CollectionConfig config, EmbedderInfo info, Path imageBase, Map<String, CatalogueRecord> records, VectorIndex index, TextIndex text, TextImageBridge bridge) {}

  /** What a load read; {@code text} is null when text search is off or its provider is missing, {@code bridge} when none was saved. */
  record Loaded(
      String id, int generation, CollectionConfig config, EmbedderInfo info, Path imageBase, Map<String, CatalogueRecord> records, VectorIndex index, TextIndex text,
      TextImageBridge bridge) {}

  private static ReentrantLock lockOf(Path dir) {
    return LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
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
      String recordsFile = StoreCodec.file("records", generation);
      ArtsimFiles.write(dir.resolve(recordsFile), RECORDS_FORMAT, VERSION, out -> StoreCodec.writeRecords(out, s, generation));
      String indexFile = StoreCodec.file("index", generation);
      s.index().save(dir.resolve(indexFile));
      String textFile = s.text() == null ? null : StoreCodec.file("text", generation);
      if (textFile != null) {
        s.text().save(dir.resolve(textFile));
      }
      String bridgeFile = s.bridge() == null ? null : StoreCodec.file("bridge", generation);
      if (bridgeFile != null) {
        s.bridge().save(dir.resolve(bridgeFile));
      }
      var m =
          new StoreCodec.Manifest(
              s.id(),
              generation,
              s.records().size(),
              s.config(),
              s.info(),
              s.imageBase() == null ? null : s.imageBase().toString(),
              recordsFile,
              indexFile,
              StoreCodec.seal(dir.resolve(indexFile)),
              textFile,
              textFile == null ? null : StoreCodec.seal(dir.resolve(textFile)),
              bridgeFile,
              bridgeFile == null ? null : StoreCodec.seal(dir.resolve(bridgeFile)));
      ArtsimFiles.write(dir.resolve(MANIFEST), FORMAT, VERSION, out -> StoreCodec.writeManifest(out, m));
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
        return StoreCodec.readManifest(manifest).generation();
      } catch (ArtsimException e) {
        LOG.warn("the manifest {} cannot be read ({}); saving a new generation after the newest part file", manifest, e.getMessage());
      }
    }
    int max = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{records,index,text,bridge}-*.artsim")) {
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
        StoreCodec.Manifest m = StoreCodec.readManifest(manifestPath);
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

  private static boolean sameGeneration(Path manifestPath, StoreCodec.Manifest m) {
    try {
      return StoreCodec.readManifest(manifestPath).generation() == m.generation();
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

  private static Loaded loadGeneration(Path dir, StoreCodec.Manifest m, java.util.function.Function<CollectionConfig, TextIndex> newText) {
    Path recordsPath = dir.resolve(m.recordsFile());
    var records = StoreCodec.readRecords(recordsPath, m);
    Path indexPath = dir.resolve(m.indexFile());
    StoreCodec.checkSeal(indexPath, m.indexSeal(), m, "index");
    VectorIndex index = Artsim.loadIndex(indexPath);
    try {
      if (index.size() != records.size() || index.dimension() != m.info().dimension() || !records.keySet().stream().allMatch(index::contains)) {
        throw new CollectionMismatchException(
            indexPath + " holds " + index.size() + " vectors of dimension " + index.dimension() + ", but collection " + m.id() + " generation " + m.generation() + " has "
                + records.size() + " records of dimension " + m.info().dimension() + "; restore the whole directory from one backup");
      }
      TextImageBridge bridge = null;
      if (m.bridgeFile() != null) {
        Path bridgePath = dir.resolve(m.bridgeFile());
        StoreCodec.checkSeal(bridgePath, m.bridgeSeal(), m, "text bridge");
        bridge = TextImageBridge.load(bridgePath);
      }
      TextIndex text = loadText(dir, m, records, newText);
      return new Loaded(m.id(), m.generation(), m.config(), m.info(), m.imageBase() == null ? null : Path.of(m.imageBase()), records, index, text, bridge);
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  private static TextIndex loadText(Path dir, StoreCodec.Manifest m, Map<String, CatalogueRecord> records, java.util.function.Function<CollectionConfig, TextIndex> newText) {
    if (m.textFile() != null) {
      Path textPath = dir.resolve(m.textFile());
      StoreCodec.checkSeal(textPath, m.textSeal(), m, "text index");
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

  private static void deleteOtherGenerations(Path dir, int keep) {
    String suffix = String.format(Locale.ROOT, "-%06d.artsim", keep);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{records,index,text,bridge}-*.artsim")) {
      for (Path p : files) {
        if (!p.getFileName().toString().endsWith(suffix)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not delete old files in {}: {}", dir, e.toString());
    }
  }
}
