package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.ClosedException;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.ProgressListener;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, D8: bad arguments get a typed error naming the argument; label fields are exact; use after close is refused. */
class ArgumentsTest {
  @TempDir static Path dir;
  static ArtCollection art;

  @BeforeAll
  static void setUp() {
    art = Fixtures.ingested(dir, 24);
  }

  @AfterAll
  static void tearDown() {
    art.close();
  }

  @Test
  void nullArgumentsAreRefusedNamingTheArgument() {
    var r = art.record("w-0001");
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("id", () -> art.record(null));
    calls.put("id ", () -> art.contains(null));
    calls.put("id  ", () -> art.vector(null));
    calls.put("id   ", () -> art.remove(null));
    calls.put("id    ", () -> art.similarTo(null, 3));
    calls.put("record", () -> art.add(null));
    calls.put("record ", () -> art.update(null));
    calls.put("vector", () -> art.add(r.withImage("x.png"), null));
    calls.put("batch", () -> art.addAll(null, ProgressListener.NONE));
    calls.put("batch ", () -> art.addWithVectors(null, List.of()));
    calls.put("query", () -> art.searchText(null, 3));
    calls.put("vector ", () -> art.searchVector(null, 3, null));
    calls.put("image", () -> art.searchImage((Path) null, 3));
    calls.put("image ", () -> art.searchImage((ImageSource) null, 3, null));
    calls.put("catalogue", () -> art.ingest(null, ColumnMapping.standard()));
    calls.put("mapping", () -> art.ingest(dir.resolve("x.csv"), (ColumnMapping) null));
    calls.put("options", () -> art.ingest(dir.resolve("x.csv"), (IngestOptions) null));
    calls.put("dir", () -> art.save(null));
    calls.put("dir ", () -> ArtCollection.load(null));
    calls.put("field", () -> art.labelValues(null));
    calls.put("scores", () -> art.analysis().meanPerLabel(null, "culture"));
    calls.put("measure", () -> art.analysis().sortByQuality(null, true));
    calls.put("id     ", () -> art.analysis().imageQuality(null));
    calls.put("config", () -> ArtCollection.builder().config(null));
    calls.forEach(
        (name, call) ->
            assertThatThrownBy(call::run)
                .as(name.strip())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(name.strip() + " is null; give a non-null " + name.strip()));
  }

  @Test
  void negativeCountsAreRefusedNamingTheArgument() {
    assertThatThrownBy(() -> art.similarTo("w-0001", -1)).isInstanceOf(InvalidArgumentException.class).hasMessage("k must be >= 0, got -1");
    assertThatThrownBy(() -> art.searchText("vase", -2)).isInstanceOf(InvalidArgumentException.class).hasMessage("k must be >= 0, got -2");
    assertThatThrownBy(() -> art.searchVector(art.vector("w-0001"), -3, null)).isInstanceOf(InvalidArgumentException.class).hasMessage("k must be >= 0, got -3");
    assertThatThrownBy(() -> art.analysis().mostUnique(-1)).isInstanceOf(InvalidArgumentException.class).hasMessage("n must be >= 0, got -1");
    assertThatThrownBy(() -> art.analysis().leastUnique(-1)).isInstanceOf(InvalidArgumentException.class).hasMessage("n must be >= 0, got -1");
    assertThatThrownBy(() -> art.analysis().clusters(0, 1)).isInstanceOf(InvalidArgumentException.class).hasMessage("k must be in [1, 24] (the number of records), got 0");
    assertThatThrownBy(() -> art.analysis().duplicates(-0.1)).isInstanceOf(InvalidArgumentException.class).hasMessage("threshold must be a finite distance >= 0, got -0.1");
    assertThatThrownBy(() -> art.analysis().duplicates(Double.NaN)).isInstanceOf(InvalidArgumentException.class).hasMessage("threshold must be a finite distance >= 0, got NaN");
  }

  @Test
  void aNullFilterMeansNoFilter() {
    assertThat(art.searchText("vase", 5, null)).isEqualTo(art.searchText("vase", 5, LabelFilter.none()));
    assertThat(art.similarTo("w-0001", 5, null)).isEqualTo(art.similarTo("w-0001", 5));
    assertThat(art.searchVector(art.vector("w-0002"), 4, null)).isEqualTo(art.searchVector(art.vector("w-0002"), 4, LabelFilter.none()));
  }

  @Test
  void labelFieldNamesAreExactAndAnUnknownOneIsRefusedWithTheNearestAsAHint() {
    assertThat(art.labelValues("culture")).isNotEmpty();
    String present = "Label fields present: [artist, classification, culture, medium]";
    assertThatThrownBy(() -> art.labelValues("Culture"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no record carries the label field 'Culture' (field names are exact and case-sensitive); did you mean 'culture'? " + present);
    assertThatThrownBy(() -> art.similarTo("w-0001", 3, LabelFilter.anyOf("clasification", "print")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no record carries the label field 'clasification' (field names are exact and case-sensitive); did you mean 'classification'? " + present);
    assertThatThrownBy(() -> art.searchText("vase", 3, LabelFilter.anyOf("zzz", "x")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no record carries the label field 'zzz' (field names are exact and case-sensitive) " + present);
    assertThatThrownBy(() -> art.analysis().meanPerLabel(Map.of(), "Artist")).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("did you mean 'artist'?");
    try (var empty = ArtCollection.create(Fixtures.fakes())) {
      assertThat(empty.labelValues("anything")).isEmpty();
    }
  }

  @Test
  void unsafeImagePathsAreRefusedBeforeReading() {
    var r = CatalogueRecord.of("dev", "t", "/dev/zero");
    assertThatThrownBy(() -> art.imageSource(r))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("record 'dev': the image /dev/zero lies in the system directory /dev/ and was not read; point the catalogue at an image file");
    assertThatThrownBy(() -> art.add(CatalogueRecord.of("jar", "t", "jar:https://example.org/a.jar!/x.png")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("record 'jar' has an image URL with the unsupported scheme 'jar' (jar:https://example.org/a.jar!/x.png); use http, https or file");
    assertThat(art.contains("dev")).isFalse();
  }

  @Test
  void useAfterCloseIsAClosedException() {
    var c = Fixtures.ingested(dir.resolve("closing"), 6);
    var session = c.newSession();
    c.close();
    c.close();
    List<Runnable> calls =
        List.of(() -> c.size(), () -> c.ids(), () -> c.record("w-0001"), () -> c.similarTo("w-0001", 2), () -> c.searchText("vase", 2),
            () -> c.add(CatalogueRecord.of("n", "t", "x.png"), new float[51]), () -> c.remove("w-0001"), () -> c.save(dir.resolve("closed")),
            () -> c.analysis().uniqueness(), () -> c.index().search(new float[51], 2), () -> session.like("w-0001"), () -> c.newSession());
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    }
    assertThat(c.embedderInfo().provider()).isEqualTo("test-image");
  }
}
