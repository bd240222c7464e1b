package org.artsim.embed.djl;

import java.util.Map;
import org.artsim.Embedder;
import org.artsim.embed.CnnConfig;
import org.artsim.spi.EmbedderProvider;

/**
 * Provides CNN image embedders on Deep Java Library: {@code "cnn"} for any model, and the presets
 * {@code "resnet50"} (2048-d), {@code "vgg16"} (4096-d) and {@code "inception"} (1536-d) whose
 * dimension and preprocessing are the defaults (see {@link CnnConfig}).
 *
 * <p>The model is a TorchScript file ({@code .pt}), an ONNX file or a TensorFlow SavedModel
 * directory, from disk, from the classpath ({@code classpath:models/resnet50.pt}) or from a URL
 * (downloaded once). Each image is preprocessed like torchvision ({@link
 * org.artsim.embed.Preprocessing}), batches of {@link CnnConfig#effectiveBatchSize()} images run
 * through the model while the next images decode, the configured output (a {@code (batch,
 * features)} array, or a {@code (batch, channels, h, w)} map averaged over space) is taken, and
 * each vector is L2-normalised. Loading runs one probe image through the model to learn and check
 * the dimension.
 *
 * <p>Before any DJL engine class initialises, {@link DjlEnvironment#ensureOffline()} switches off
 * DJL's call home.
 */
public class CnnEmbedderProvider implements EmbedderProvider<CnnConfig> {
  private final CnnConfig.Preset preset;

  /** The generic {@code "cnn"} provider (used by {@link java.util.ServiceLoader}). */
  public CnnEmbedderProvider() {
    this(CnnConfig.CNN);
  }

  /** A provider for a preset. */
  protected CnnEmbedderProvider(CnnConfig.Preset preset) {
    this.preset = preset;
  }

  @Override
  public String name() {
    return preset.name();
  }

  @Override
  public String description() {
    return preset.description();
  }

  @Override
  public Class<CnnConfig> configType() {
    return CnnConfig.class;
  }

  @Override
  public CnnConfig defaults() {
    return CnnConfig.of(preset);
  }

  @Override
  public CnnConfig parse(Map<String, String> settings) {
    return CnnConfig.parse(preset, settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-embed";
  }

  @Override
  public Embedder create(CnnConfig config) {
    DjlEnvironment.ensureOffline();
    return new CnnEmbedder(config);
  }

  /** {@code "resnet50"}: 2048-d, resize 256, crop 224, bilinear, ImageNet statistics. */
  public static final class ResNet50 extends CnnEmbedderProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public ResNet50() {
      super(CnnConfig.RESNET50);
    }
  }

  /** {@code "vgg16"}: 4096-d (fc7), resize 256, crop 224, bilinear, ImageNet statistics. */
  public static final class Vgg16 extends CnnEmbedderProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public Vgg16() {
      super(CnnConfig.VGG16);
    }
  }

  /** {@code "inception"}: 1536-d (Inception-v4), resize 342 bicubic, crop 299, mean = std = 0.5. */
  public static final class Inception extends CnnEmbedderProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public Inception() {
      super(CnnConfig.INCEPTION);
    }
  }
}
