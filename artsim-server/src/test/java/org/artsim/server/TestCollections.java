package org.artsim.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.Labels;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.sample.SampleCatalogue;

/** The tests' collections: artsim's generated works with the default components (color, tfidf, likes...), plus hostile rows. */
final class TestCollections {
  /** A title that would run a script if it reached a page unescaped. */
  static final String SCRIPT_TITLE = "<script>alert('title')</script>";
  /** An artist that would end an attribute and add a handler if it reached one unescaped. */
  static final String QUOTE_ARTIST = "\" onmouseover=\"alert('artist')\" x='";
  /** A label value with markup. */
  static final String IMG_CULTURE = "<img src=x onerror=alert('culture')>";
  /** A hostile id: markup, quotes, slashes and dots. */
  static final String HOSTILE_ID = "../\"><b>x</b>'/..";

  private TestCollections() {}

  /** {@code n} generated works (every 40th a near-duplicate of an earlier one) in a new default collection. */
  static ArtCollection generated(Path dir, int n) {
    Path csv = SampleCatalogue.write(dir, n, SampleCatalogue.DEFAULT_SEED);
    var art = ArtCollection.create();
    var report = art.ingest(csv, IngestOptions.of(ColumnMapping.standard()));
    if (report.added() != n) {
      throw new AssertionError(report.toString());
    }
    return art;
  }

  /** {@link #generated} plus one hostile row (id, title, artist, culture, extra field all hostile) whose image is a copy of the first work's. */
  static ArtCollection withHostileRow(Path dir, int n) throws IOException {
    var art = generated(dir, n);
    Path image = dir.resolve("hostile.png");
    Files.copy(Path.of(art.records().get(0).image()), image);
    art.add(new CatalogueRecord(HOSTILE_ID, SCRIPT_TITLE, QUOTE_ARTIST, IMG_CULTURE, "painting", "ink", "</dd>1800", "<iframe src=//evil>",
        image.toString(), Map.of("note<", "\"><svg onload=alert(1)>"), Labels.none()));
    return art;
  }
}
