package org.artsim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.artsim.ArtsimException;
import org.artsim.ClosedException;
import org.artsim.Embedder;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.TextEmbedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link Embedder} must show, as JUnit tests. An implementation's test class
 * extends this and says how to make an embedder; the nested {@link ForImages} suite runs when it
 * is an {@link ImageEmbedder}, {@link ForTexts} when it is a {@link TextEmbedder} (CLIP runs both).
 *
 * <p>What is checked: the dimension and {@link EmbedderInfo} agree and stay the same; every vector
 * has the dimension and finite values (and unit length unless {@link #normalised()} is false); a
 * batch gives the vectors of single calls, in input order, within {@link #tolerance()}; the same
 * input gives bitwise the same vector again; a bad input is a typed {@link ArtsimException} alone
 * and fails only its own item in a batch; after {@code close()} every embedding call throws {@link
 * ClosedException} (message containing "closed") while {@code info()} and {@code dimension()} stay
 * readable, and {@code close()} may be called again.
 *
 * <p>Inputs are generated from a fixed seed ({@link Seeds}); override {@link #images()} or {@link
 * #texts()} to use others. One embedder is shared by the tests that do not close it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmbedderContract {
  private Embedder shared;

  /** A new embedder (each call a new instance, with the same configuration). */
  protected abstract Embedder newEmbedder();

  /** How far a batched vector may be from the single-call vector, per component (batched inference may round differently). */
  protected double tolerance() {
    return 1e-5;
  }

  /** Whether every vector has unit length (artsim's own embedders promise it). */
  protected boolean normalised() {
    return true;
  }

  /** Distinct images of several sizes: decoded images and PNG bytes. */
  protected List<ImageSource> images() {
    var out = new ArrayList<ImageSource>();
    long[] seeds = Seeds.stream("EmbedderContract.images", 6).toArray();
    for (int i = 0; i < seeds.length; i++) {
      BufferedImage img = blocks(new SplittableRandom(seeds[i]), 24 + 17 * i, 40 + 9 * i);
      out.add(i % 2 == 0 ? ImageSource.of(img) : new ImageSource.OfBytes(png(img), "generated-" + i + ".png"));
    }
    return out;
  }

  /** Distinct texts, including the empty text, accents, emoji and a long one. */
  protected List<String> texts() {
    return List.of("a blue painting", "", "Portrait d'une femme, huile sur toile", "Ölgemälde 🎨 mit Boot", "still life " + "with fruit ".repeat(60), "A BLUE PAINTING");
  }

  /** The embedder the non-closing tests share (created on first use, closed after the class). */
  protected final Embedder shared() {
    if (shared == null) {
      shared = newEmbedder();
    }
    return shared;
  }

  @AfterAll
  void closeShared() {
    if (shared != null) {
      shared.close();
    }
  }

  static BufferedImage blocks(SplittableRandom r, int w, int h) {
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int cells = 2 + r.nextInt(4);
    int[] colours = new int[cells * cells];
    for (int i = 0; i < colours.length; i++) {
      colours[i] = r.nextInt(1 << 24);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = colours[(y * cells / h) * cells + x * cells / w];
        img.setRGB(x, y, c ^ ((x * y) & 0x0F0F0F));
      }
    }
    return img;
  }

  static byte[] png(BufferedImage img) {
    try {
      var out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void assertUsable(float[] v, String what) {
    assertThat(v).as(what).hasSize(shared().dimension());
    double ss = 0;
    for (float x : v) {
      assertThat(Float.isFinite(x)).as(what + ": finite values").isTrue();
      ss += (double) x * x;
    }
    assertThat(ss).as(what + ": non-zero").isPositive();
    if (normalised()) {
      assertThat(Math.sqrt(ss)).as(what + ": unit length").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSize(expected.length);
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      worst = Math.max(worst, Math.abs((double) actual[i] - expected[i]));
    }
    assertThat(worst).as(what + ": largest difference").isLessThanOrEqualTo(tolerance());
  }

  @Test
  void dimensionAndInfoAgreeAndAreStable() {
    Embedder e = shared();
    EmbedderInfo info = e.info();
    assertThat(e.dimension()).isPositive().isEqualTo(info.dimension());
    assertThat(info.provider()).isNotBlank();
    assertThat(info.model()).isNotNull();
    assertThat(e.info()).isEqualTo(info);
    assertThat(e instanceof ImageEmbedder || e instanceof TextEmbedder).as("an embedder embeds images or texts").isTrue();
  }

  @Test
  void anotherInstanceOfTheSameConfigurationHasACompatibleInfo() {
    try (Embedder other = newEmbedder()) {
      assertThat(other.info().compatibleWith(shared().info())).as(other.info() + " vs " + shared().info()).isTrue();
    }
  }

  @Test
  void closeKeepsTheDescriptionAndMayBeRepeated() {
    Embedder e = newEmbedder();
    EmbedderInfo info = e.info();
    int dim = e.dimension();
    e.close();
    assertThat(e.info()).isEqualTo(info);
    assertThat(e.dimension()).isEqualTo(dim);
    e.close();
    assertThat(e.info()).isEqualTo(info);
  }

  /** The contract of {@link ImageEmbedder}. */
  @Nested
  class ForImages {
    ImageEmbedder embedder;

    @BeforeEach
    void onlyForImageEmbedders() {
      Assumptions.assumeTrue(shared() instanceof ImageEmbedder, "not an image embedder");
      embedder = (ImageEmbedder) shared();
    }

    @Test
    void everyImageGetsAUsableVectorOfTheDimension() {
      for (ImageSource s : images()) {
        assertUsable(embedder.embedImage(s), s.describe());
      }
    }

    @Test
    void aBatchGivesTheSingleVectorsInInputOrder() {
      List<ImageSource> in = images();
      List<EmbeddingResult> results = embedder.embedImages(in);
      assertThat(results).hasSize(in.size());
      for (int i = 0; i < in.size(); i++) {
        assertThat(results.get(i).index()).isEqualTo(i);
        assertThat(results.get(i).ok()).as("%s: %s", in.get(i).describe(), results.get(i)).isTrue();
        assertClose(results.get(i).vector(), embedder.embedImage(in.get(i)), "batch item " + i);
      }
      assertThat(embedder.embedImages(List.of())).isEmpty();
    }

    @Test
    void theSameImageGivesTheSameVector() {
      for (ImageSource s : images()) {
        assertThat(embedder.embedImage(s)).as(s.describe()).containsExactly(embedder.embedImage(s));
      }
      try (var other = (ImageEmbedder) newEmbedder()) {
        ImageSource s = images().get(0);
        assertClose(other.embedImage(s), embedder.embedImage(s), "another instance");
      }
    }

    @Test
    void badImagesAreTypedErrorsAndFailOnlyTheirItem() {
      var junk = new ImageSource.OfBytes("not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8), "junk.png");
      assertThatThrownBy(() -> embedder.embedImage(junk)).isInstanceOf(EmbeddingException.class).hasMessageContaining("junk.png");
      var empty = new ImageSource.OfBytes(new byte[0], "empty.png");
      assertThatThrownBy(() -> embedder.embedImage(empty)).isInstanceOf(EmbeddingException.class).hasMessageContaining("empty.png");
      assertThatThrownBy(() -> embedder.embedImage((ImageSource) null)).isInstanceOf(ArtsimException.class).hasMessageContaining("null");
      List<ImageSource> in = new ArrayList<>(images().subList(0, 2));
      in.add(1, junk);
      in.add(null);
      List<EmbeddingResult> results = embedder.embedImages(in);
      assertThat(results).extracting(EmbeddingResult::ok).containsExactly(true, false, true, false);
      assertThat(results.get(1).error()).isInstanceOf(EmbeddingException.class).hasMessageContaining("junk.png");
      assertClose(results.get(2).vector(), embedder.embedImage(in.get(2)), "the item after a bad one");
    }

    @Test
    void useAfterCloseIsAClosedException() {
      var e = (ImageEmbedder) newEmbedder();
      ImageSource s = images().get(0);
      e.embedImage(s);
      e.close();
      assertThatThrownBy(() -> e.embedImage(s)).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
      assertThatThrownBy(() -> e.embedImages(List.of(s))).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
      e.close();
    }
  }

  /** The contract of {@link TextEmbedder}. */
  @Nested
  class ForTexts {
    TextEmbedder embedder;

    @BeforeEach
    void onlyForTextEmbedders() {
      Assumptions.assumeTrue(shared() instanceof TextEmbedder, "not a text embedder");
      embedder = (TextEmbedder) shared();
    }

    @Test
    void everyTextGetsAUsableVectorOfTheDimension() {
      for (String t : texts()) {
        assertUsable(embedder.embedText(t), "'" + t + "'");
      }
    }

    @Test
    void aBatchGivesTheSingleVectorsInInputOrder() {
      List<String> in = texts();
      List<EmbeddingResult> results = embedder.embedTexts(in, org.artsim.ProgressListener.NONE);
      assertThat(results).hasSize(in.size());
      for (int i = 0; i < in.size(); i++) {
        assertThat(results.get(i).index()).isEqualTo(i);
        assertThat(results.get(i).ok()).as("'%s': %s", in.get(i), results.get(i)).isTrue();
        assertClose(results.get(i).vector(), embedder.embedText(in.get(i)), "batch item " + i);
      }
      assertThat(embedder.embedTexts(List.of(), org.artsim.ProgressListener.NONE)).isEmpty();
    }

    @Test
    void theSameTextGivesTheSameVectorAndDifferentTextsDiffer() {
      for (String t : texts()) {
        assertThat(embedder.embedText(t)).as(t).containsExactly(embedder.embedText(t));
      }
      assertThat(Arrays.equals(embedder.embedText(texts().get(0)), embedder.embedText(texts().get(2)))).isFalse();
    }

    @Test
    void aNullTextIsATypedErrorAndFailsOnlyItsItem() {
      assertThatThrownBy(() -> embedder.embedText(null)).isInstanceOf(ArtsimException.class).hasMessageContaining("null");
      var in = new ArrayList<String>(List.of(texts().get(0)));
      in.add(null);
      in.add(texts().get(2));
      List<EmbeddingResult> results = embedder.embedTexts(in, org.artsim.ProgressListener.NONE);
      assertThat(results).extracting(EmbeddingResult::ok).containsExactly(true, false, true);
    }

    @Test
    void useAfterCloseIsAClosedException() {
      var e = (TextEmbedder) newEmbedder();
      e.embedText("a");
      e.close();
      assertThatThrownBy(() -> e.embedText("a")).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
      assertThatThrownBy(() -> e.embedTexts(List.of("a"), org.artsim.ProgressListener.NONE)).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
      e.close();
    }
  }
}
