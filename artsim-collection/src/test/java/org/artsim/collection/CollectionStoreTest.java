package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.FileFormatException;
import org.artsim.ImageEmbedder;
import org.artsim.LabelFilter;
import org.artsim.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionStoreTest {
  @TempDir static Path data;
  static ArtCollection art;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    art = Fixtures.ingested(data, 48);
  }

  @AfterAll
  static void tearDown() {
    art.close();
  }

  private static void assertSame(ArtCollection a, ArtCollection b) {
    assertThat(b.records()).isEqualTo(a.records());
    assertThat(b.embedderInfo()).isEqualTo(a.embedderInfo());
    assertThat(b.config()).isEqualTo(a.config());
    for (String id : a.ids()) {
      assertThat(b.vector(id)).isEqualTo(a.vector(id));
      assertThat(b.similarTo(id, 5, LabelFilter.anyOf("culture", "dutch"))).isEqualTo(a.similarTo(id, 5, LabelFilter.anyOf("culture", "dutch")));
    }
    assertThat(b.searchText("vase", 10).hits()).isEqualTo(a.searchText("vase", 10).hits());
  }

  @Test
  void saveThenLoadGivesTheSameCollection() {
    art.save(dir);
    assertThat(dir.resolve("collection.artsim")).exists();
    assertThat(dir.resolve("records-000001.artsim")).exists();
    assertThat(dir.resolve("index-000001.artsim")).exists();
    assertThat(dir.resolve("text-000001.artsim")).exists();
    try (var loaded = ArtCollection.load(dir)) {
      assertSame(art, loaded);
      assertThat(loaded.index().kind()).isEqualTo("flat");
      assertThat(loaded.textIndex()).get().extracting(t -> t.kind()).isEqualTo("test-text");
    }
  }

  @Test
  void aSecondSaveReplacesTheFirstGenerationAtomically() {
    art.save(dir);
    try (var c = ArtCollection.load(dir)) {
      c.remove("w-0001");
      c.save(dir);
    }
    assertThat(dir.resolve("records-000002.artsim")).exists();
    assertThat(dir.resolve("records-000001.artsim")).doesNotExist();
    assertThat(dir.resolve("index-000001.artsim")).doesNotExist();
    try (var c = ArtCollection.load(dir)) {
      assertThat(c.size()).isEqualTo(art.size() - 1);
      assertThat(c.contains("w-0001")).isFalse();
    }
  }

  @Test
  void aCrashBeforeTheManifestIsWrittenLeavesThePreviousSaveLoadable() throws IOException {
    art.save(dir);
    // a later save that died after writing its data files but before replacing the manifest
    Files.writeString(dir.resolve("records-000002.artsim"), "half-written");
    try (var c = ArtCollection.load(dir)) {
      assertSame(art, c);
    }
  }

  @Test
  void loadingWithAnotherEmbedderIsRefused() {
    art.save(dir);
    ImageEmbedder other = Artsim.imageEmbedder("test-image", Map.of("grid", "2"));
    assertThatThrownBy(() -> ArtCollection.load(dir, other))
        .isInstanceOf(IncompatibleEmbedderException.class)
        .hasMessage(
            "the collection in " + dir + " was embedded with test-image[grid-mean-colour, dim=51, {grid=4}], but the embedder given makes "
                + "test-image[grid-mean-colour, dim=15, {grid=2}]; vectors of different embedders cannot be compared. "
                + "Load it with the embedder it was made with, or ingest the catalogue again into a new collection");
    ImageEmbedder same = Artsim.imageEmbedder("test-image");
    try (var c = ArtCollection.load(dir, same)) {
      assertThat(c.size()).isEqualTo(art.size());
    }
  }

  @Test
  void aDamagedRecordsFileIsAFormatError() throws IOException {
    art.save(dir);
    Path records = dir.resolve("records-000001.artsim");
    byte[] b = Files.readAllBytes(records);
    b[b.length / 2] ^= 0x5a;
    Files.write(records, b);
    assertThatThrownBy(() -> ArtCollection.load(dir))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(records + " is corrupted: its checksum does not match its content; restore it from a backup or rebuild it");
  }

  @Test
  void aMissingIndexIsAStorageErrorNamingTheFileAndTheCollection() throws IOException {
    art.save(dir);
    Path index = dir.resolve("index-000001.artsim");
    Files.delete(index);
    assertThatThrownBy(() -> ArtCollection.load(dir))
        .isInstanceOf(StorageException.class)
        .hasMessage("the index file " + index + " of collection " + art.id() + " generation 1 is missing; restore the whole directory from one backup");
  }

  @Test
  void aReplacedTextIndexIsRefusedNotRebuilt() throws IOException {
    art.save(dir);
    Path text = dir.resolve("text-000001.artsim");
    Files.writeString(text, "garbage");
    assertThatThrownBy(() -> ArtCollection.load(dir))
        .isInstanceOf(CollectionMismatchException.class)
        .hasMessageStartingWith(text + " is not the text index of collection " + art.id() + " generation 1 (the manifest's seal is size=");
  }

  @Test
  void loadingAnEmptyDirectoryExplains() {
    assertThatThrownBy(() -> ArtCollection.load(dir))
        .isInstanceOf(StorageException.class)
        .hasMessage("no saved collection in " + dir + " (no collection.artsim); check the path, or save a collection there first");
  }

  @Test
  void aCollectionWhoseEmbedderIsNotInstalledStillLoadsForTextAndIdSearches() {
    ImageEmbedder fake = Artsim.imageEmbedder("test-image");
    ImageEmbedder gone =
        new ImageEmbedder() {
          @Override
          public org.artsim.EmbedderInfo info() {
            var i = fake.info();
            return new org.artsim.EmbedderInfo("gone-embed", i.model(), i.dimension(), i.settings());
          }

          @Override
          public float[] embedImage(org.artsim.ImageSource image) {
            return fake.embedImage(image);
          }

          @Override
          public java.util.List<org.artsim.EmbeddingResult> embedImages(java.util.List<? extends org.artsim.ImageSource> images, org.artsim.ProgressListener l) {
            return fake.embedImages(images, l);
          }

          @Override
          public void close() {}
        };
    try (var c = ArtCollection.builder().config(Fixtures.fakes()).embedder(gone).build()) {
      c.add(art.record("w-0001"));
      c.add(art.record("w-0002"));
      c.save(dir);
    }
    try (var c = ArtCollection.load(dir)) {
      assertThat(c.similarTo("w-0001", 1)).extracting(h -> h.id()).containsExactly("w-0002");
      assertThat(c.searchText(art.record("w-0002").title(), 1).hits()).extracting(h -> h.id()).containsExactly("w-0002");
      assertThatThrownBy(() -> c.searchImage(Path.of(art.record("w-0001").image()), 1))
          .isInstanceOf(org.artsim.ArtsimException.class)
          .hasMessage(
              "this collection was loaded without its embedder: 'gone-embed' is not installed; add the module that provides it "
                  + "(the default 'color' ships in org.artsim:artsim-embed) or load with ArtCollection.load(dir, embedder)");
    }
  }
}
