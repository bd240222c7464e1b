package org.artsim.embed;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.Device;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of a CNN image embedder ({@code "cnn"} and its presets {@code "resnet50"}, {@code
 * "vgg16"}, {@code "inception"}).
 *
 * @param preset the preset name whose dimension and preprocessing are the defaults ({@code cnn},
 *     {@code resnet50}, {@code vgg16}, {@code inception})
 * @param model where the model is: a local file or directory, {@code classpath:path/in/jar.pt}, or
 *     an {@code http(s)://} URL (downloaded once into {@code cacheDir}); setting {@code model}
 * @param engine the engine, or {@link ModelEngine#AUTO} to pick by the file; setting {@code engine}
 *     ({@code auto}, {@code pytorch}, {@code onnx}, {@code tensorflow}, or any DJL engine's name)
 * @param device where it runs, {@code cpu} or {@code gpu:N}; setting {@code device}
 * @param preprocessing image to tensor (settings {@code image_size}, {@code resize}, {@code crop},
 *     {@code interpolation}, {@code mean}, {@code std})
 * @param inputName the model input to feed ({@code ""}: the model's first input); setting {@code
 *     input}
 * @param outputName the model output holding the feature (the named feature layer; {@code ""}: the
 *     first output); setting {@code output}
 * @param dimension the expected vector length (0: whatever the model gives); checked when the model
 *     loads; setting {@code dimension}
 * @param batchSize images per inference call (0: 8 on CPU, 64 on a GPU); setting {@code batch_size}
 * @param cacheDir where downloaded models are kept; setting {@code cache_dir}
 * @param limits bounds on reading images (settings of {@link ImageLimits})
 */
public record CnnConfig(
    String preset,
    String model,
    ModelEngine engine,
    Device device,
    Preprocessing preprocessing,
    String inputName,
    String outputName,
    int dimension,
    int batchSize,
    Path cacheDir,
    ImageLimits limits) implements ProviderConfig {

  /** A named preset: output dimension and preprocessing of a well-known architecture. */
  public record Preset(String name, int dimension, Preprocessing preprocessing, String description) {}

  /** ResNet-50 penultimate layer: 2048-d, resize 256, crop 224, bilinear, ImageNet stats. */
  public static final Preset RESNET50 = new Preset("resnet50", 2048, Preprocessing.imagenet224(), "ResNet-50 pooled features (2048-d), torchvision preprocessing");
  /** VGG-16 fc7: 4096-d, resize 256, crop 224, bilinear, ImageNet stats. */
  public static final Preset VGG16 = new Preset("vgg16", 4096, Preprocessing.imagenet224(), "VGG-16 fc7 features (4096-d), torchvision preprocessing");
  /** Inception-v4 penultimate layer: 1536-d, resize 342 bicubic, crop 299, mean = std = 0.5. */
  public static final Preset INCEPTION = new Preset(
      "inception", 1536, new Preprocessing(299, 342, true, org.artsim.embed.image.PilResampler.Filter.BICUBIC, Preprocessing.HALF, Preprocessing.HALF),
      "Inception-v4 pooled features (1536-d), 299 input, Inception preprocessing");
  /** Any CNN: dimension from the model, ImageNet preprocessing at 224. */
  public static final Preset CNN = new Preset("cnn", 0, Preprocessing.imagenet224(), "any image model (TorchScript, ONNX, TF SavedModel) giving a feature vector");

  /** Validates the settings. */
  public CnnConfig {
    if (preset == null || preset.isBlank()) {
      throw new ConfigException(name(preset) + ": preset is empty; use cnn, resnet50, vgg16 or inception");
    }
    if (model == null) {
      model = "";
    }
    if (engine == null) {
      throw new ConfigException(preset + ": engine is null; use ModelEngine.AUTO");
    }
    if (device == null) {
      throw new ConfigException(preset + ": device is null; use Device.cpu() or Device.gpu(0)");
    }
    if (preprocessing == null) {
      throw new ConfigException(preset + ": preprocessing is null");
    }
    inputName = inputName == null ? "" : inputName;
    outputName = outputName == null ? "" : outputName;
    if (dimension < 0) {
      throw new ConfigException(preset + ": dimension must be >= 0 (0 = from the model), got " + dimension);
    }
    if (batchSize < 0 || batchSize > 4096) {
      throw new ConfigException(preset + ": batch_size must be in [0, 4096] (0 = by device), got " + batchSize);
    }
    if (cacheDir == null) {
      throw new ConfigException(preset + ": cache_dir is null");
    }
    if (limits == null) {
      throw new ConfigException(preset + ": limits is null; use ImageLimits.defaults()");
    }
  }

  /** The preset's name: {@code cnn}, {@code resnet50}, {@code vgg16} or {@code inception}. */
  @Override
  public String provider() {
    return preset;
  }

  private static String name(String preset) {
    return preset == null ? "cnn" : preset;
  }

  /** The default download cache: {@code ~/.cache/artsim/models}. */
  public static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "artsim", "models");
  }

  /** The defaults of a preset, with no model set yet. */
  public static CnnConfig of(Preset p) {
    return new CnnConfig(p.name(), "", ModelEngine.AUTO, Device.cpu(), p.preprocessing(), "", "", p.dimension(), 0, defaultCacheDir(), ImageLimits.defaults());
  }

  /** The generic defaults ({@link #CNN}), with no model set yet. */
  public static CnnConfig defaults() {
    return of(CNN);
  }

  /** A copy loading another model (path, {@code classpath:} resource or URL). */
  public CnnConfig withModel(String model) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy loading a local model file or directory. */
  public CnnConfig withModel(Path model) {
    return withModel(model.toString());
  }

  /** A copy with another engine. */
  public CnnConfig withEngine(ModelEngine engine) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy running on another device. */
  public CnnConfig withDevice(Device device) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy with other preprocessing. */
  public CnnConfig withPreprocessing(Preprocessing preprocessing) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy feeding another input and reading another output. */
  public CnnConfig withNames(String inputName, String outputName) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy expecting another dimension (0: any). */
  public CnnConfig withDimension(int dimension) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy with another batch size (0: by device). */
  public CnnConfig withBatchSize(int batchSize) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** A copy with other image limits. */
  public CnnConfig withLimits(ImageLimits limits) {
    return new CnnConfig(preset, model, engine, device, preprocessing, inputName, outputName, dimension, batchSize, cacheDir, limits);
  }

  /** The batch size in effect: the configured one, or 8 on CPU and 64 on a GPU. */
  public int effectiveBatchSize() {
    return batchSize > 0 ? batchSize : device.isCpu() ? 8 : 64;
  }

  /** Reads the settings over a preset's defaults; unknown keys are refused, and every error names the preset and the key. */
  public static CnnConfig parse(Preset p, Map<String, String> settings) {
    var c = ConfigMap.of(p.name(), settings);
    var d = of(p);
    var config = new CnnConfig(
        p.name(),
        c.getString("model", d.model),
        c.get("engine", d.engine, ModelEngine::of, "auto, pytorch, onnx, tensorflow or the name of another DJL engine on the class path"),
        c.get("device", d.device, Device::parse, "cpu, gpu or gpu:N"),
        Preprocessing.read(c, d.preprocessing),
        c.getString("input", d.inputName),
        c.getString("output", d.outputName),
        c.getInt("dimension", d.dimension),
        c.getInt("batch_size", d.batchSize),
        Path.of(c.getString("cache_dir", d.cacheDir.toString())),
        ImageLimits.read(p.name(), c));
    c.finish();
    return config;
  }
}
