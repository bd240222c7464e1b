package org.artsim.collection.bridge;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.artsim.DimensionMismatchException;
import org.artsim.EmbedderInfo;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;

/**
 * A learned map from a text embedder's space into an image embedder's space, so that words find
 * images that have no catalogue text, without a joint text–image model such as CLIP.
 *
 * <p>It is a ridge regression fitted in closed form on the works that have both catalogue text and
 * an image: {@code image ≈ meanImage + (text - meanText) W}, {@code W = (XᵀX + λI)⁻¹ XᵀY} over the
 * centred text vectors {@code X} and image vectors {@code Y}, solved by a Cholesky factorisation in
 * doubles ({@link BridgeConfig} says how {@code λ} is chosen). A text query is embedded by {@link
 * BridgeProvenance#textModel()}, mapped by {@link #map}, and the result searched in the image index
 * like an image's vector.
 *
 * <p>Immutable and thread-safe. {@link #save} and {@link #load} write and read it in artsim's
 * versioned, checksummed container (format {@value BridgeFiles#FORMAT}), atomically; an {@code
 * ArtCollection} saves its bridge with itself.
 */
public final class TextImageBridge {
  private final BridgeProvenance provenance;
  private final double[] meanText;
  private final double[] meanImage;
  private final double[] weights;

  TextImageBridge(BridgeProvenance provenance, double[] meanText, double[] meanImage, double[] weights) {
    this.provenance = provenance;
    this.meanText = meanText;
    this.meanImage = meanImage;
    this.weights = weights;
  }

  /**
   * Fits a bridge on pairs of vectors: {@code texts.get(i)} made by {@code textModel} and {@code
   * images.get(i)} made by {@code imageModel} describe the same work.
   *
   * @throws InvalidArgumentException if the lists differ in length or hold fewer than {@link BridgeConfig#minWorks()} pairs
   * @throws DimensionMismatchException if a vector's length is not its model's dimension
   * @throws InvalidVectorException if a vector holds NaN or infinite components
   */
  public static TextImageBridge fit(List<float[]> texts, List<float[]> images, BridgeConfig config, EmbedderInfo textModel, EmbedderInfo imageModel) {
    need(texts, "texts");
    need(images, "images");
    need(config, "config");
    need(textModel, "textModel");
    need(imageModel, "imageModel");
    if (texts.size() != images.size()) {
      throw new InvalidArgumentException("got " + texts.size() + " text vectors but " + images.size() + " image vectors; give one pair per work");
    }
    if (texts.size() < config.minWorks()) {
      throw new InvalidArgumentException(
          "a text bridge needs at least " + config.minWorks() + " works with both text and image (BridgeConfig.minWorks), got " + texts.size()
              + "; add catalogue text to more works, or lower minWorks");
    }
    for (int i = 0; i < texts.size(); i++) {
      check(texts.get(i), textModel, "text vector " + i);
      check(images.get(i), imageModel, "image vector " + i);
    }
    RidgeRegression.Solution s = RidgeRegression.fit(texts, images, config);
    var provenance = new BridgeProvenance(textModel, imageModel, s.trainRows(), s.heldOutRows(), config.seed(), s.lambda(), config.centre(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return new TextImageBridge(provenance, s.meanX(), s.meanY(), s.weights());
  }

  private static void need(Object value, String name) {
    if (value == null) {
      throw new InvalidArgumentException(name + " is null; give a non-null " + name);
    }
  }

  private static void check(float[] v, EmbedderInfo model, String what) {
    if (v == null) {
      throw new InvalidArgumentException(what + " is null; give one vector per work");
    }
    if (v.length != model.dimension()) {
      throw new DimensionMismatchException(what + " has " + v.length + " dimensions, but " + model + " makes " + model.dimension() + "; give vectors made by that model");
    }
    for (float f : v) {
      if (!Float.isFinite(f)) {
        throw new InvalidVectorException(what + " holds a NaN or infinite component; give finite vectors");
      }
    }
  }

  /**
   * Maps a text vector (made by {@link BridgeProvenance#textModel()}) into the image space.
   *
   * @throws DimensionMismatchException if its length is not the text model's dimension
   * @throws InvalidVectorException if it holds NaN or infinite components
   */
  public float[] map(float[] text) {
    check(text, provenance.textModel(), "the text vector");
    double[] out = new double[meanImage.length];
    RidgeRegression.apply(text, meanText, meanImage, weights, out);
    float[] v = new float[out.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) out[i];
    }
    return v;
  }

  /** Which models, works, split, penalty and date made this bridge. */
  public BridgeProvenance provenance() {
    return provenance;
  }

  /** The dimension of the text vectors it reads. */
  public int textDimension() {
    return meanText.length;
  }

  /** The dimension of the image vectors it makes. */
  public int imageDimension() {
    return meanImage.length;
  }

  /** A copy of the weights {@code W}, row-major {@code textDimension × imageDimension}. */
  public double[] weights() {
    return weights.clone();
  }

  double[] meanText() {
    return meanText;
  }

  double[] meanImage() {
    return meanImage;
  }

  /**
   * Writes the bridge to {@code file}, atomically.
   *
   * @throws org.artsim.StorageException if it cannot be written (any previous file is intact)
   */
  public void save(Path file) {
    need(file, "file");
    BridgeFiles.write(file, this);
  }

  /**
   * Reads a bridge written by {@link #save}.
   *
   * @throws org.artsim.FileFormatException if the file is not a bridge, or is truncated or corrupted
   * @throws org.artsim.StorageException if it cannot be read
   */
  public static TextImageBridge load(Path file) {
    need(file, "file");
    return BridgeFiles.read(file);
  }

  @Override
  public String toString() {
    return "TextImageBridge[" + provenance + "]";
  }
}
