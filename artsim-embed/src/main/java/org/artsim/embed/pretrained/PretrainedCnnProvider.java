package org.artsim.embed.pretrained;

import java.util.Map;
import org.artsim.Embedder;
import org.artsim.embed.CnnConfig;
import org.artsim.embed.djl.CnnEmbedderProvider;
import org.artsim.spi.EmbedderProvider;

/**
 * Provides the pretrained CNN presets as image embedders: the model file {@code ./artsim models}
 * made ({@link PretrainedModels}) runs through artsim's DJL CNN path (preprocessing, batching, L2
 * normalisation) with the preset's input size and preprocessing ({@link PretrainedCnn}).
 *
 * <p>When the model has not been made, {@link #create} throws {@link org.artsim.ModelLoadException}
 * naming {@code ./artsim models}.
 */
public abstract class PretrainedCnnProvider implements EmbedderProvider<PretrainedCnnConfig> {
  private final PretrainedCnn preset;

  /** A provider for one preset. */
  protected PretrainedCnnProvider(PretrainedCnn preset) {
    this.preset = preset;
  }

  @Override
  public String name() {
    return preset.presetName();
  }

  @Override
  public String description() {
    return preset.description();
  }

  @Override
  public Class<PretrainedCnnConfig> configType() {
    return PretrainedCnnConfig.class;
  }

  @Override
  public PretrainedCnnConfig defaults() {
    return PretrainedCnnConfig.of(preset);
  }

  @Override
  public PretrainedCnnConfig parse(Map<String, String> settings) {
    return PretrainedCnnConfig.parse(preset, settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-embed";
  }

  @Override
  public Embedder create(PretrainedCnnConfig config) {
    var model = PretrainedModels.file(config.preset(), config.modelsDir(), config.format());
    var p = config.preset();
    var cnn = CnnConfig.of(new CnnConfig.Preset(p.presetName(), p.dimension(), p.preprocessing(), p.description()))
        .withModel(model)
        .withDevice(config.device())
        .withBatchSize(config.batchSize())
        .withLimits(config.limits());
    return new CnnEmbedderProvider().create(cnn);
  }

  /** {@code "mobilenetv2"}: 1280-d pooled top of nsfwjs's MobileNetV2, 224 input. */
  public static final class MobileNetV2 extends PretrainedCnnProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public MobileNetV2() {
      super(PretrainedCnn.MOBILENETV2);
    }
  }

  /** {@code "mobilenetv2-imagenet"}: 96-d ImageNet features of MobileNetV2's block 10, 224 input. */
  public static final class MobileNetV2ImageNet extends PretrainedCnnProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public MobileNetV2ImageNet() {
      super(PretrainedCnn.MOBILENETV2_IMAGENET);
    }
  }

  /** {@code "inceptionv3"}: 768-d ImageNet features of InceptionV3's mixed5, 299 input. */
  public static final class InceptionV3 extends PretrainedCnnProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public InceptionV3() {
      super(PretrainedCnn.INCEPTIONV3);
    }
  }
}
