package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, D3 and D5 and the load/save race: the files of a saved collection belong together (a
 * file swapped in from another collection or generation is refused, naming both), a load racing a
 * save never fails, and temporary files of killed saves are swept on open.
 */
class SavedFilesTest {
  @TempDir static Path data;
  static ArtCollection a;
  static ArtCollection b;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    a = Fixtures.ingested(data.resolve("a"), 30);
    b = Fixtures.ingested(data.resolve("b"), 31);
  }

  @AfterAll
  static void tearDown() {
    a.close();
    b.close();
  }

  private Path[] saveBoth() {
    return saveBoth("");
  }

  private Path[] saveBoth(String suffix) {
    Path da = dir.resolve("a" + suffix);
    Path db = dir.resolve("b" + suffix);
    a.save(da);
    b.save(db);
    return new Path[] {da, db};
  }

  private static void swap(Path from, Path to, String file) throws IOException {
    Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void twoCollectionsHaveDistinctIdsKeptAcrossSaveAndLoad() {
    Path[] d = saveBoth();
    assertThat(a.id()).isNotEqualTo(b.id());
    try (var la = ArtCollection.load(d[0])) {
      assertThat(la.id()).isEqualTo(a.id());
    }
  }

  @Test
  void aRecordsFileOfAnotherCollectionIsRefusedNamingBoth() throws IOException {
    Path[] d = saveBoth();
    swap(d[1], d[0], "records-000001.artsim");
    assertThatThrownBy(() -> ArtCollection.load(d[0]))
        .isInstanceOf(CollectionMismatchException.class)
        .hasMessage(
            d[0].resolve("records-000001.artsim") + " holds the records of collection " + b.id() + " generation 1, but the manifest is of collection " + a.id()
                + " generation 1; restore the whole directory from one backup, or save the collection again");
  }

  @Test
  void aManifestOfAnotherCollectionIsRefusedNamingBoth() throws IOException {
    Path[] d = saveBoth();
    swap(d[1], d[0], "collection.artsim");
    assertThatThrownBy(() -> ArtCollection.load(d[0]))
        .isInstanceOf(CollectionMismatchException.class)
        .hasMessageContaining("holds the records of collection " + a.id() + " generation 1, but the manifest is of collection " + b.id() + " generation 1");
  }

  @Test
  void anIndexOrTextFileOfAnotherCollectionIsRefused() throws IOException {
    for (String file : List.of("index-000001.artsim", "text-000001.artsim")) {
      Path[] d = saveBoth(file);
      swap(d[1], d[0], file);
      String what = file.startsWith("index") ? "index" : "text index";
      assertThatThrownBy(() -> ArtCollection.load(d[0]))
          .as(file)
          .isInstanceOf(CollectionMismatchException.class)
          .hasMessageStartingWith(d[0].resolve(file) + " is not the " + what + " of collection " + a.id() + " generation 1 (the manifest's seal is size=")
          .hasMessageEndingWith("): it belongs to another collection or another save; restore the whole directory from one backup, or save the collection again");
    }
  }

  @Test
  void aFileOfAnEarlierGenerationIsRefusedNamingBothGenerations() throws IOException {
    Path da = dir.resolve("gens");
    a.save(da);
    Path keep = dir.resolve("records-gen1");
    Files.copy(da.resolve("records-000001.artsim"), keep);
    a.save(da);
    Files.copy(keep, da.resolve("records-000002.artsim"), StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> ArtCollection.load(da))
        .isInstanceOf(CollectionMismatchException.class)
        .hasMessageContaining("holds the records of collection " + a.id() + " generation 1, but the manifest is of collection " + a.id() + " generation 2");
  }

  @Test
  void loadsRacingSavesNeverFail() throws Exception {
    Path d = dir.resolve("race");
    a.save(d);
    var failures = new CopyOnWriteArrayList<Throwable>();
    var threads = new ArrayList<Thread>();
    threads.add(new Thread(() -> {
      try {
        for (int i = 0; i < 15; i++) {
          a.save(d);
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    }));
    for (int r = 0; r < 3; r++) {
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            try (var c = ArtCollection.load(d)) {
              assertThat(c.ids()).isEqualTo(a.ids());
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void temporaryFilesOfAKilledSaveAreSweptOnOpen() throws IOException {
    Path d = dir.resolve("swept");
    a.save(d);
    // the naming artsim's atomic writes use; pid 999999999 is no live process
    Path stale = d.resolve(".records-000002.artsim.999999999.k3j2.artsim-tmp");
    Files.writeString(stale, "left by a kill -9 during save");
    Path foreign = d.resolve(".notes.tmp");
    Files.writeString(foreign, "not artsim's");
    try (var c = ArtCollection.load(d)) {
      assertThat(c.size()).isEqualTo(a.size());
    }
    assertThat(stale).doesNotExist();
    assertThat(foreign).exists();
  }

  @Test
  void everyVectorIsSavedOnceInTheIndexFileOnly() throws IOException {
    // the same records with vectors of 15 and of 195 dimensions: the records file does not change size
    var sizes = new java.util.ArrayList<Long>();
    var indexSizes = new java.util.ArrayList<Long>();
    for (String grid : List.of("2", "8")) {
      var config = Fixtures.fakes().withEmbedder(ProviderSettings.of("test-image", java.util.Map.of("grid", grid)));
      try (var c = ArtCollection.create(config)) {
        int dim = c.embedderInfo().dimension();
        var rnd = new java.util.Random(7);
        var vectors = new ArrayList<float[]>();
        for (int i = 0; i < a.size(); i++) {
          float[] v = new float[dim];
          for (int j = 0; j < dim; j++) {
            v[j] = (float) rnd.nextGaussian();
          }
          vectors.add(v);
        }
        c.addWithVectors(a.records(), vectors);
        Path d = dir.resolve("once-" + grid);
        c.save(d);
        sizes.add(Files.size(d.resolve("records-000001.artsim")));
        indexSizes.add(Files.size(d.resolve("index-000001.artsim")));
      }
    }
    assertThat(sizes.get(1)).as("the records file holds no vectors").isEqualTo(sizes.get(0));
    assertThat(indexSizes.get(1) - indexSizes.get(0)).as("the index file holds each vector once").isEqualTo((long) a.size() * (195 - 15) * 4);
  }
}
