package org.artsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.artsim.LabelFilter;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three JShell lines that search a saved collection (documented in {@code jshell/artsim.jsh}),
 * run through the real {@code jshell} of the running JDK with the test class path and artsim.jsh.
 */
class JshellCollectionTest {
  @TempDir Path dir;

  @Test
  void threeLinesSearchASavedCollection() throws Exception {
    Path saved = dir.resolve("collection");
    String expectedText;
    String expectedSimilar;
    try (var art = ArtCollection.create(TestProviders.config())) {
      art.ingest(SampleCatalogue.write(dir.resolve("data"), 48, 7), IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")));
      art.save(saved);
      expectedText = art.searchText("indigo cranes", 3).hits().get(0).id();
      expectedSimilar = art.similarTo("w-0006", 3, LabelFilter.anyOf("culture", "chinese")).get(0).id();
    }
    String script =
        "var art = ArtCollection.load(Path.of(\"" + saved.toString().replace("\\", "\\\\") + "\"))\n"
            + "art.searchText(\"indigo cranes\", 3).hits()\n"
            + "art.similarTo(\"w-0006\", 3, LabelFilter.anyOf(\"culture\", \"chinese\"))\n"
            + "/exit\n";
    String output = ReadmeJshellTest.runJshell(script);
    assertThat(output).as(output).contains("art ==> ArtCollection[size=48").contains(expectedText + "(").contains(expectedSimilar + "(");
    assertThat(output).doesNotContain("Exception").doesNotContain("|  Error");
  }
}
