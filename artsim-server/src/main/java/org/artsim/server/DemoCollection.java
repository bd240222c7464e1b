package org.artsim.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionStore;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.IngestionReport;
import org.artsim.collection.sample.SampleCatalogue;

/**
 * The collection {@code ./artsim serve} opens when it is given none: the one {@code ./artsim demo}
 * saved ({@code artsim-demo-output/collection}), or else artsim's generated default collection (240
 * works, seed 7, the default components), made in a few seconds into the same place so that the
 * demo and the server share it.
 */
final class DemoCollection {
  /** Where the demo writes its output. */
  static final Path DEMO_OUTPUT = Path.of("artsim-demo-output");

  private DemoCollection() {}

  /** The saved collection's directory under {@code root}. */
  static Path dir(Path root) {
    return root.resolve("collection");
  }

  /** Loads the demo's saved collection under {@code root}, or builds and saves the generated one there. */
  static ArtCollection open(Path root, PrintStream log) {
    Path dir = dir(root);
    if (Files.isRegularFile(dir.resolve(CollectionStore.MANIFEST))) {
      log.println("loading the demo's collection from " + dir.toAbsolutePath());
      return ArtCollection.load(dir);
    }
    log.println("no saved demo collection in " + dir.toAbsolutePath() + "; generating artsim's default collection (" + SampleCatalogue.DEFAULT_COUNT + " works)");
    Path csv = SampleCatalogue.write(root.resolve("data"), SampleCatalogue.DEFAULT_COUNT, SampleCatalogue.DEFAULT_SEED);
    var art = ArtCollection.create();
    IngestionReport report = art.ingest(csv, IngestOptions.of(ColumnMapping.standard()));
    log.println("ingested " + report.added() + " works; saving to " + dir.toAbsolutePath());
    art.save(dir);
    return art;
  }
}
