package org.artsim.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.openclipart.OpenClipArtCatalogue;

/**
 * The demo's Open Clip Art data: Debian's {@code openclipart-png}/{@code openclipart-svg} (or any
 * directory of that layout) turned into a catalogue by {@link OpenClipArtCatalogue}, then an even
 * sample of {@code limit} works across the whole catalogue (every {@code n/limit}-th row, so every
 * category keeps its share; the first rows in path order would be all animals and computer icons).
 */
public final class OpenClipArtData {
  /** The default number of works: about two minutes of the whole demo on two cores with the colour embedder. */
  public static final int DEFAULT_LIMIT = 1500;

  /**
   * The catalogue's columns as record fields: title, artist, description then keywords as the
   * description, and the labels {@code category} and {@code subcategory} (plus {@code artist}).
   */
  public static final ColumnMapping MAPPING = new ColumnMapping(
      List.of("id"), List.of("image"), List.of("title"), List.of("artist"), List.of(), List.of(), List.of(), List.of(),
      List.of("description", "keywords"), Map.of("category", List.of("category"), "subcategory", List.of("subcategory")), true);

  private OpenClipArtData() {}

  /**
   * Writes the catalogue of the drawings under {@code root} into {@code dir}, sampled to at most
   * {@code limit} works (0: all), and returns the catalogue CSV.
   */
  public static Path write(Path root, Path dir, int limit, PrintStream out) {
    try {
      Files.createDirectories(dir);
      Path all = dir.resolve("openclipart-all.csv");
      var result = OpenClipArtCatalogue.write(root, all, 0);
      out.printf(Locale.ROOT, "   %d PNG renders, %d distinct works (%d filed under several categories), %d with an SVG title, %d with a description, %d problems (in %s)%n",
          result.renders(), result.works(), result.multiplyFiled(), result.withTitle(), result.withDescription(), result.problems().size(), all.getFileName());
      List<String> lines = Files.readAllLines(all, StandardCharsets.UTF_8);
      Path csv = dir.resolve("catalogue.csv");
      if (limit == 0 || result.works() <= limit || lines.size() != result.works() + 1) {
        Files.copy(all, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return csv;
      }
      var sample = new ArrayList<String>();
      sample.add(lines.get(0));
      for (int i = 0; i < limit; i++) {
        sample.add(lines.get(1 + (int) ((long) i * result.works() / limit)));
      }
      Files.write(csv, sample, StandardCharsets.UTF_8);
      out.printf(Locale.ROOT, "   sampled %d of the %d works evenly across the catalogue (--limit 0 for all)%n", limit, result.works());
      return csv;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Open Clip Art catalogue into " + dir, e);
    }
  }
}
