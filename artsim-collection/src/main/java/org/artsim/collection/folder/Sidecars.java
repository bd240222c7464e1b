package org.artsim.collection.folder;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.ArtsimException;
import org.artsim.FileFormatException;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.ingest.Candidate;
import org.artsim.collection.ingest.CatalogueReader;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.JsonLines;
import org.artsim.collection.ingest.RowProblem;

/**
 * Metadata kept beside images: {@code name.json} (an object whose {@code title}, {@code artist},
 * {@code culture}, {@code classification}, {@code medium}, {@code date}, {@code description} and
 * {@code keywords}/{@code tags} are used, text or lists of text), {@code name.txt} (the
 * description), and one {@code metadata.csv} per folder (a {@code file} column naming the image,
 * then any of those columns). Read with the ingest package's JSON and CSV readers, within size
 * limits; anything malformed is a {@link FolderProblem.Kind#BAD_METADATA}, never a failure.
 */
final class Sidecars {
  /** The largest sidecar read, in bytes. */
  static final long MAX_BYTES = 1 << 20;

  static final List<String> FIELDS = List.of("title", "artist", "culture", "classification", "medium", "date", "description", "keywords");

  private Sidecars() {}

  /** The fields of a {@code name.json}. */
  static Map<String, String> json(Path file) {
    Map<String, Object> obj = JsonLines.parseObject(bytes(file), file.toString());
    var out = new LinkedHashMap<String, String>();
    for (var e : obj.entrySet()) {
      String key = e.getKey().equals("tags") ? "keywords" : e.getKey();
      if (!FIELDS.contains(key)) {
        continue;
      }
      String v = text(e.getValue());
      if (v == null && e.getValue() != null) {
        throw new FileFormatException(file + ": the field '" + e.getKey() + "' is not text or a list of text");
      }
      if (v != null && !v.isBlank()) {
        out.putIfAbsent(key, v.strip());
      }
    }
    return out;
  }

  private static String text(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      return String.join("; ", l.stream().map(String.class::cast).toList());
    }
    return null;
  }

  /** The text of a {@code name.txt}, strict UTF-8. */
  static String text(Path file) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes(file))).toString().strip();
    } catch (CharacterCodingException e) {
      throw new FileFormatException(file + ": not UTF-8 text; save it as UTF-8", e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new FileFormatException(file + ": " + size + " bytes is over the limit of " + MAX_BYTES + " bytes for sidecar metadata");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new FileFormatException(file + ": cannot be read (" + e + ")", e);
    }
  }

  /**
   * The rows of a folder's {@code metadata.csv}, by file name; rows that cannot be used are added to
   * {@code problems}.
   */
  static Map<String, Map<String, String>> csv(Path file, List<FolderProblem> problems) {
    var mapping = new ColumnMapping(
        List.of("file", "filename", "image"), List.of("file", "filename", "image"), List.of("title"), List.of("artist"), List.of("culture"),
        List.of("classification"), List.of("medium"), List.of("date"), List.of("description"), Map.of(), true);
    var out = new LinkedHashMap<String, Map<String, String>>();
    var bad = new ArrayList<RowProblem>();
    try {
      CatalogueReader.read(file, IngestOptions.of(mapping).withFormat(IngestOptions.Format.CSV), new CatalogueReader.Sink() {
        @Override
        public void candidate(Candidate c) {
          CatalogueRecord r = c.record();
          var m = new LinkedHashMap<String, String>();
          put(m, "title", r.title());
          put(m, "artist", r.artist());
          put(m, "culture", r.culture());
          put(m, "classification", r.classification());
          put(m, "medium", r.medium());
          put(m, "date", r.date());
          put(m, "description", r.description());
          put(m, "keywords", r.fields().getOrDefault("keywords", r.fields().get("tags")));
          out.put(Path.of(r.id()).getFileName().toString(), m);
        }

        @Override
        public void problem(RowProblem p) {
          bad.add(p);
        }
      });
    } catch (ArtsimException e) {
      problems.add(new FolderProblem(file, FolderProblem.Kind.BAD_METADATA, e.getMessage()));
    }
    bad.forEach(p -> problems.add(new FolderProblem(file, FolderProblem.Kind.BAD_METADATA, "row " + p.line() + ": " + p.message())));
    return out;
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
