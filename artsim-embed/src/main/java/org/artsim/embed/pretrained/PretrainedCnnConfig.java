package org.artsim.embed.pretrained;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.Device;
import org.artsim.embed.ImageLimits;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of a pretrained CNN preset ({@code mobilenetv2}, {@code mobilenetv2-imagenet}, {@code
 * inceptionv3}). Input size, dimension and preprocessing are fixed by the preset ({@link
 * PretrainedCnn}); only where the model is and how it runs can change.
 *
 * @param preset the preset; {@link #provider()} is its name
 * @param modelsDir the directory {@code ./artsim models} wrote; setting {@code models_dir}
 * @param format TorchScript (DJL PyTorch) or ONNX (DJL ONNX Runtime); setting {@code format}
 *     ({@code torchscript}, {@code onnx})
 * @param device {@code cpu} or {@code gpu:N} (TorchScript only); setting {@code device}
 * @param batchSize images per inference call (0: by device); setting {@code batch_size}
 * @param limits bounds on reading images (settings of {@link ImageLimits})
 */
public record PretrainedCnnConfig(
    PretrainedCnn preset, Path modelsDir, ModelFormat format, Device device, int batchSize, ImageLimits limits)
    implements ProviderConfig {

  /** Validates the settings. */
  public PretrainedCnnConfig {
    if (preset == null) {
      throw new ConfigException("pretrained cnn: preset is null; use one of PretrainedCnn.values()");
    }
    String n = preset.presetName();
    if (modelsDir == null) {
      throw new ConfigException(n + ": models_dir is null; use PretrainedModels.defaultDirectory()");
    }
    if (format == null) {
      throw new ConfigException(n + ": format is null; use torchscript or onnx");
    }
    if (device == null) {
      throw new ConfigException(n + ": device is null; use Device.cpu() or Device.gpu(0)");
    }
    if (format == ModelFormat.ONNX && !device.isCpu()) {
      throw new ConfigException(n + ": format onnx runs on the CPU only, got device " + device + "; use format torchscript for a GPU");
    }
    if (batchSize < 0 || batchSize > 4096) {
      throw new ConfigException(n + ": batch_size must be in [0, 4096] (0 = by device), got " + batchSize);
    }
    if (limits == null) {
      throw new ConfigException(n + ": limits is null; use ImageLimits.defaults()");
    }
  }

  /** The preset's defaults: the default models directory, TorchScript, CPU, batch by device. */
  public static PretrainedCnnConfig of(PretrainedCnn preset) {
    return new PretrainedCnnConfig(preset, PretrainedModels.defaultDirectory(), ModelFormat.TORCHSCRIPT, Device.cpu(), 0, ImageLimits.defaults());
  }

  @Override
  public String provider() {
    return preset.presetName();
  }

  /** A copy reading the models from another directory. */
  public PretrainedCnnConfig withModelsDir(Path modelsDir) {
    return new PretrainedCnnConfig(preset, modelsDir, format, device, batchSize, limits);
  }

  /** A copy loading the other file format. */
  public PretrainedCnnConfig withFormat(ModelFormat format) {
    return new PretrainedCnnConfig(preset, modelsDir, format, device, batchSize, limits);
  }

  /** A copy running on another device. */
  public PretrainedCnnConfig withDevice(Device device) {
    return new PretrainedCnnConfig(preset, modelsDir, format, device, batchSize, limits);
  }

  /** A copy with another batch size (0: by device). */
  public PretrainedCnnConfig withBatchSize(int batchSize) {
    return new PretrainedCnnConfig(preset, modelsDir, format, device, batchSize, limits);
  }

  /** A copy with other image limits. */
  public PretrainedCnnConfig withLimits(ImageLimits limits) {
    return new PretrainedCnnConfig(preset, modelsDir, format, device, batchSize, limits);
  }

  /**
   * Reads string settings over the preset's defaults; unknown keys are refused. The keys an
   * embedder of this preset records in its {@link org.artsim.EmbedderInfo#settings()} ({@code
   * image_size, resize, crop, interpolation, mean, std, output}, which a saved collection hands back
   * when it is loaded) are accepted with the preset's own values and refused with any other: the
   * preset's preprocessing is fixed (the {@code cnn} provider takes other preprocessing).
   */
  public static PretrainedCnnConfig parse(PretrainedCnn preset, Map<String, String> settings) {
    var c = ConfigMap.of(preset.presetName(), withoutFixed(preset, settings));
    var d = of(preset);
    var config = new PretrainedCnnConfig(
        preset,
        c.get("models_dir", d.modelsDir, Path::of, "a directory path"),
        c.getEnum("format", ModelFormat.class, d.format),
        c.get("device", d.device, Device::parse, "cpu, gpu or gpu:N"),
        c.getInt("batch_size", d.batchSize),
        ImageLimits.read(preset.presetName(), c));
    c.finish();
    return config;
  }

  /** {@code settings} less the preset's fixed keys, each checked against the preset's value. */
  private static Map<String, String> withoutFixed(PretrainedCnn preset, Map<String, String> settings) {
    if (settings == null) {
      return null;
    }
    var fixed = new java.util.TreeMap<>(preset.preprocessing().describe());
    fixed.put("output", "0");
    var rest = new java.util.LinkedHashMap<>(settings);
    for (var e : fixed.entrySet()) {
      String given = rest.remove(e.getKey());
      if (given != null && !given.equals(e.getValue())) {
        throw new ConfigException(preset.presetName() + ": " + e.getKey() + " is fixed by the preset at '" + e.getValue() + "', got '" + given
            + "'; use the cnn provider with model=<file> for other preprocessing");
      }
    }
    return rest;
  }
}
