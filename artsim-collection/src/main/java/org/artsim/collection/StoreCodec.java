package org.artsim.collection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import org.artsim.EmbedderInfo;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.StorageException;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.spi.ProviderConfig;

/**
 * The file codec of {@link CollectionStore}: the manifest and records formats (version {@value
 * CollectionStore#VERSION}, laid out in {@link CollectionStore}'s documentation), the part file
 * names of a generation, and the seals that tie the index, text and bridge files to their manifest.
 * Stateless; every reader refuses a damaged or foreign file with a {@code FileFormatException} or
 * {@link CollectionMismatchException} and never an unchecked JDK exception.
 */
final class StoreCodec {
  private StoreCodec() {}

  record Manifest(
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
      String textSeal,
      String bridgeFile,
      String bridgeSeal) {}

  static String file(String part, int generation) {
    return String.format(Locale.ROOT, "%s-%06d.artsim", part, generation);
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

  static void checkSeal(Path p, String expected, Manifest m, String what) {
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

  static void writeRecords(BinaryOut out, CollectionStore.Snapshot s, int generation) throws IOException {
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

  static Map<String, CatalogueRecord> readRecords(Path path, Manifest m) {
    return ArtsimFiles.read(
        path,
        CollectionStore.RECORDS_FORMAT,
        CollectionStore.VERSION,
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

  static void old(BinaryIn in, int version) {
    if (version < CollectionStore.VERSION) {
      throw in.corrupt("it was saved in format version " + version + " of an older artsim, which this version does not read; load it with that artsim and ingest the catalogue again");
    }
  }

  static void writeManifest(BinaryOut out, Manifest m) throws IOException {
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
    writePart(out, c.textEmbedder());
    out.writeString(m.bridgeFile());
    out.writeString(m.bridgeSeal());
  }

  static void writePart(BinaryOut out, ProviderConfig p) throws IOException {
    out.writeString(p.provider());
    writeMap(out, ProviderSettings.settingsOf(p));
  }

  static ProviderSettings readPart(BinaryIn in) throws IOException {
    String name = in.readString();
    var settings = readMap(in);
    try {
      return new ProviderSettings(name, settings);
    } catch (org.artsim.ConfigException e) {
      throw in.corrupt("a component has no provider name");
    }
  }

  static Manifest readManifest(Path path) {
    return ArtsimFiles.read(
        path,
        CollectionStore.FORMAT,
        CollectionStore.VERSION,
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
          if (base != null) {
            try {
              java.nio.file.Path.of(base);
            } catch (java.nio.file.InvalidPathException e) {
              throw in.corrupt("its image base is not a valid path (" + e.getReason() + ")");
            }
          }
          String recordsFile = in.readString();
          String indexFile = in.readString();
          String indexSeal = in.readString();
          String textFile = in.readString();
          String textSeal = in.readString();
          ProviderSettings textEmbedder = in.remaining() > 0 ? readPart(in) : ProviderSettings.of(CollectionConfig.NONE);
          boolean hasBridgeFields = in.remaining() > 0;
          String bridgeFile = hasBridgeFields ? in.readString() : null;
          String bridgeSeal = hasBridgeFields ? in.readString() : null;
          if (id == null || generation < 1 || !file("records", generation).equals(recordsFile) || !file("index", generation).equals(indexFile)
              || (textFile != null && !file("text", generation).equals(textFile)) || indexSeal == null || (textFile != null && textSeal == null)
              || (bridgeFile != null && (!file("bridge", generation).equals(bridgeFile) || bridgeSeal == null))) {
            throw in.corrupt("its id, generation or file names do not fit together (generation " + generation + ", files " + recordsFile + ", " + indexFile + ", " + textFile
                + ", " + bridgeFile + ")");
          }
          AutoIndex auto;
          Metric metric;
          try {
            auto = new AutoIndex(exact, approximate, threshold);
            metric = Metric.valueOf(metricName);
          } catch (RuntimeException e) {
            throw in.corrupt("its index rule or metric is not valid: " + e.getMessage());
          }
          var config = new CollectionConfig(embedder, index, auto, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], metric, textEmbedder);
          return new Manifest(id, generation, count, config, info, base, recordsFile, indexFile, indexSeal, textFile, textSeal, bridgeFile, bridgeSeal);
        });
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
