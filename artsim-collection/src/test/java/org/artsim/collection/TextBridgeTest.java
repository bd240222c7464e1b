package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.ArtsimException;
import org.artsim.ClosedException;
import org.artsim.DimensionMismatchException;
import org.artsim.EmbedderInfo;
import org.artsim.FileFormatException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.collection.bridge.BridgeConfig;
import org.artsim.collection.bridge.TextImageBridge;
import org.artsim.collection.bridge.TextImageRoute;
import org.artsim.collection.fakes.FakeTextEmbedderProvider;
import org.artsim.io.ArtsimFiles;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text bridge of a collection ("test-words" text embedder, "test-image" image space): works
 * whose image vectors are a fixed linear function of their catalogue text's vector teach the bridge,
 * and a work without any text is then found by words alone.
 */
class TextBridgeTest {
  private static final String[] WORDS = {"sea", "ocean", "boat", "ship", "vessel", "red", "crimson", "harbour", "dusk", "portrait", "vase", "river", "moon"};
  private static final int IMAGE_DIM = 3 * 5 * 5 + 3;

  @TempDir Path tmp;

  static CollectionConfig config() {
    return Fixtures.fakes().withEmbedder(ProviderSettings.of("test-image", Map.of("grid", 5))).withTextEmbedder(ProviderSettings.of("test-words"));
  }

  /**
   * The hidden "truth": an image vector as a fixed linear function of a text vector, an isometry
   * (orthonormal rows), so that the unit-length text vectors give unit-length image vectors and the
   * index's normalisation keeps the relation linear.
   */
  static float[] imageOf(String text, double[][] a) {
    float[] t = FakeTextEmbedderProvider.vectorOf(text);
    float[] v = new float[IMAGE_DIM];
    for (int c = 0; c < IMAGE_DIM; c++) {
      double s = 0;
      for (int i = 0; i < t.length; i++) {
        s += t[i] * a[i][c];
      }
      v[c] = (float) s;
    }
    return v;
  }

  /** Random orthonormal rows (Gram–Schmidt), text dimension × image dimension. */
  static double[][] matrix(SplittableRandom r) {
    double[][] a = new double[FakeTextEmbedderProvider.DIM][IMAGE_DIM];
    for (int i = 0; i < a.length; i++) {
      for (int c = 0; c < IMAGE_DIM; c++) {
        a[i][c] = r.nextGaussian();
      }
      for (int j = 0; j < i; j++) {
        double dot = 0;
        for (int c = 0; c < IMAGE_DIM; c++) {
          dot += a[i][c] * a[j][c];
        }
        for (int c = 0; c < IMAGE_DIM; c++) {
          a[i][c] -= dot * a[j][c];
        }
      }
      double norm = 0;
      for (int c = 0; c < IMAGE_DIM; c++) {
        norm += a[i][c] * a[i][c];
      }
      for (int c = 0; c < IMAGE_DIM; c++) {
        a[i][c] /= Math.sqrt(norm);
      }
    }
    return a;
  }

  static String randomTitle(SplittableRandom r) {
    var sb = new StringBuilder();
    for (int j = 0, len = 1 + r.nextInt(3); j < len; j++) {
      sb.append(j == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  /** {@code n} works with titles (label culture "dutch"), plus text-less works "hidden-i" whose images show {@code hidden[i]}. */
  static ArtCollection collection(SplittableRandom r, double[][] a, int n, String... hidden) {
    var art = ArtCollection.create(config());
    var records = new ArrayList<CatalogueRecord>();
    var vectors = new ArrayList<float[]>();
    for (int i = 0; i < n; i++) {
      String title = randomTitle(r);
      // a label, not the culture field: the field would join the catalogue text the bridge reads
      records.add(CatalogueRecord.of(String.format("w%03d", i), title, "w" + i + ".png").withLabels(Labels.of(Map.of("culture", "dutch"))));
      vectors.add(imageOf(title, a));
    }
    for (int i = 0; i < hidden.length; i++) {
      records.add(CatalogueRecord.of("hidden-" + i, null, "h" + i + ".png"));
      vectors.add(imageOf(hidden[i], a));
    }
    art.addWithVectors(records, vectors);
    return art;
  }

  @Test
  void aWorkWithoutTextIsFoundByWordsThroughTheBridge() {
    Seeds.stream("collection-bridge", 8).forEach(seed -> {
      var r = new SplittableRandom(seed);
      double[][] a = matrix(r);
      int n = 150 + r.nextInt(100);
      try (var art = collection(r, a, n, "sea boat", "crimson moon", "portrait vase")) {
        String why = Seeds.reproduce(seed);
        assertThat(art.textImageRoute()).as(why).isEqualTo(TextImageRoute.NONE);
        assertThat(art.textBridge()).isEmpty();
        assertThatThrownBy(() -> art.searchImagesByText("ocean ship", 3, null))
            .isInstanceOf(ArtsimException.class)
            .hasMessageContaining("has no text side and the collection has no text bridge")
            .hasMessageContaining("fitTextBridge");
        TextImageBridge b = art.fitTextBridge(BridgeConfig.defaults().withSeed(seed));
        assertThat(art.textImageRoute()).as(why).isEqualTo(TextImageRoute.BRIDGE);
        assertThat(art.textBridge()).contains(b);
        assertThat(b.provenance().trainWorks()).as(why + " only the works with text").isEqualTo(n);
        assertThat(b.provenance().textModel().provider()).isEqualTo("test-words");
        assertThat(b.provenance().imageModel()).isEqualTo(art.embedderInfo());
        // synonyms: "ocean ship" embeds as "sea boat"; the text-less work is the nearest image (ties with works titled alike go by id)
        assertThat(ids(art.searchImagesByText("ocean ship", 3, null))).as(why).startsWith("hidden-0");
        assertThat(ids(art.searchImagesByText("red moon", 3, null))).as(why).startsWith("hidden-1");
        assertThat(ids(art.searchImagesByText("vase portrait", 3, null))).as(why).startsWith("hidden-2");
        // a filter still applies: the text-less works carry no culture
        assertThat(ids(art.searchImagesByText("ocean ship", 5, LabelFilter.anyOf("culture", "dutch")))).as(why).noneMatch(id -> id.startsWith("hidden"));
      }
    });
  }

  static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void theBridgeIsSavedWithTheCollectionAndAnOldSaveWithoutOneStillLoads() throws IOException {
    var r = new SplittableRandom(11);
    double[][] a = matrix(r);
    Path withBridge = tmp.resolve("with");
    Path without = tmp.resolve("without");
    List<Hit> before;
    TextImageBridge b;
    try (var art = collection(r, a, 120, "sea boat")) {
      art.save(without);
      b = art.fitTextBridge(BridgeConfig.defaults());
      before = art.searchImagesByText("ocean vessel", 5, null);
      art.save(withBridge);
    }
    assertThat(withBridge.resolve("bridge-000001.artsim")).exists();
    assertThat(without.resolve("bridge-000001.artsim")).doesNotExist();
    try (var again = ArtCollection.load(withBridge)) {
      assertThat(again.textImageRoute()).isEqualTo(TextImageRoute.BRIDGE);
      assertThat(again.textBridge().orElseThrow().provenance()).isEqualTo(b.provenance());
      assertThat(again.textBridge().orElseThrow().weights()).containsExactly(b.weights());
      assertThat(again.searchImagesByText("ocean vessel", 5, null)).isEqualTo(before);
      again.save(withBridge);
    }
    assertThat(withBridge.resolve("bridge-000002.artsim")).exists();
    assertThat(withBridge.resolve("bridge-000001.artsim")).doesNotExist();
    // a manifest as saves before the bridge wrote it: no bridge fields at its end
    stripBridgeFields(without.resolve(CollectionStore.MANIFEST));
    try (var old = ArtCollection.load(without)) {
      assertThat(old.textBridge()).isEmpty();
      assertThat(old.textImageRoute()).isEqualTo(TextImageRoute.NONE);
      assertThat(old.size()).isEqualTo(121);
    }
  }

  /** Rewrites a manifest without its two trailing bridge strings (each a null: 4 bytes of -1). */
  private static void stripBridgeFields(Path manifest) throws IOException {
    byte[] all = Files.readAllBytes(manifest);
    int header = 8 + 4 + CollectionStore.FORMAT.getBytes(StandardCharsets.UTF_8).length + 4;
    byte[] payload = Arrays.copyOfRange(all, header, all.length - 12 - 8);
    byte[] dropped = Arrays.copyOfRange(all, all.length - 12 - 8, all.length - 12);
    assertThat(dropped).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1);
    ArtsimFiles.write(manifest, CollectionStore.FORMAT, CollectionStore.VERSION, out -> out.writeBytes(payload, 0, payload.length));
  }

  @Test
  void aCorruptedBridgeFileFailsTheLoadWithAFileFormatExceptionNamingIt() throws IOException {
    var r = new SplittableRandom(12);
    Path dir = tmp.resolve("c");
    try (var art = collection(r, matrix(r), 60)) {
      art.fitTextBridge(BridgeConfig.defaults());
      art.save(dir);
    }
    Path bridge = dir.resolve("bridge-000001.artsim");
    byte[] bytes = Files.readAllBytes(bridge);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(bridge, bytes);
    assertThatThrownBy(() -> ArtCollection.load(dir))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(bridge + " is corrupted: its checksum does not match its content; restore it from a backup or rebuild it");
  }

  @Test
  void aBridgeOfOtherEmbeddersOrDimensionsIsRefused() {
    var r = new SplittableRandom(13);
    try (var art = collection(r, matrix(r), 40)) {
      var text = new EmbedderInfo("test-words", "hashed-words", FakeTextEmbedderProvider.DIM, Map.of());
      List<float[]> xs = new ArrayList<>();
      List<float[]> ys = new ArrayList<>();
      List<float[]> small = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        xs.add(FakeTextEmbedderProvider.vectorOf(randomTitle(r)));
        ys.add(imageOf("sea", matrix(r)));
        small.add(new float[] {i, 1});
      }
      var otherImage = new EmbedderInfo("test-image", "grid-mean-colour", IMAGE_DIM, Map.of("grid", "4", "alpha", "white"));
      assertThatThrownBy(() -> art.useTextBridge(TextImageBridge.fit(xs, ys, BridgeConfig.defaults(), text, otherImage)))
          .isInstanceOf(IncompatibleEmbedderException.class)
          .hasMessageContaining("the text bridge was fitted for the image embedder " + otherImage + ", but this collection's vectors are made by " + art.embedderInfo());
      var otherText = new EmbedderInfo("minilm", "all-minilm-l6-v2", FakeTextEmbedderProvider.DIM, Map.of());
      assertThatThrownBy(() -> art.useTextBridge(TextImageBridge.fit(xs, ys, BridgeConfig.defaults(), otherText, art.embedderInfo())))
          .isInstanceOf(IncompatibleEmbedderException.class)
          .hasMessageContaining("the text bridge was fitted for the text embedder minilm[all-minilm-l6-v2, dim=64]");
      var twoD = new EmbedderInfo("test-image", "grid-mean-colour", 2, Map.of());
      assertThatThrownBy(() -> art.useTextBridge(TextImageBridge.fit(xs, small, BridgeConfig.defaults(), text, twoD)))
          .isInstanceOf(DimensionMismatchException.class)
          .hasMessageContaining("the text bridge makes 2-dimensional image vectors, but this collection's embedder");
      assertThat(art.textBridge()).isEmpty();
      var fitting = TextImageBridge.fit(xs, ys, BridgeConfig.defaults(), text, art.embedderInfo());
      art.useTextBridge(fitting);
      assertThat(art.textBridge()).contains(fitting);
      assertThatThrownBy(() -> art.useTextBridge(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("bridge is null");
    }
  }

  @Test
  void fittingNeedsATextEmbedderAndEnoughWorksWithText() {
    var r = new SplittableRandom(14);
    try (var plain = ArtCollection.create(Fixtures.fakes())) {
      assertThatThrownBy(() -> plain.fitTextBridge(BridgeConfig.defaults()))
          .isInstanceOf(ArtsimException.class)
          .hasMessageContaining("a text bridge reads the collection's text embedder, and this collection has none; name one with CollectionConfig.withTextEmbedder");
      assertThatThrownBy(() -> plain.searchImagesByText("sea", 3, null)).isInstanceOf(ArtsimException.class).hasMessageContaining("no text bridge");
    }
    try (var art = collection(r, matrix(r), 6, "a", "b", "c")) {
      assertThatThrownBy(() -> art.fitTextBridge(BridgeConfig.defaults()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("only 6 of the collection's 9 works have catalogue text; a text bridge needs at least 10 (BridgeConfig.minWorks). "
              + "Add titles, keywords or descriptions to more works, or lower minWorks");
      assertThat(art.fitTextBridge(BridgeConfig.defaults().withMinWorks(5).withLambda(1)).provenance().trainWorks()).isEqualTo(6);
      assertThatThrownBy(() -> art.fitTextBridge(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("config is null");
      assertThatThrownBy(() -> art.searchImagesByText("sea", -1, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k must be >= 0");
      art.close();
      assertThatThrownBy(art::textImageRoute).isInstanceOf(ClosedException.class);
      assertThatThrownBy(() -> art.fitTextBridge(BridgeConfig.defaults())).isInstanceOf(ClosedException.class);
    }
  }
}
