package org.artsim.embed;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.Device;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "clip"} embedder: image and text towers of one CLIP model, in one space.
 *
 * <p>The model is either one TorchScript file with exported image and text methods ({@code model}),
 * or the two ONNX graphs as published (HF {@code onnx/vision_model.onnx} and {@code
 * onnx/text_model.onnx}): set {@code model} to a directory holding them (directly or in {@code
 * onnx/}), or set {@code vision_model} and {@code text_model} to their locations. Locations are
 * local paths, {@code classpath:} resources or {@code http(s)} URLs (downloaded once into {@code
 * cache_dir}).
 *
 * @param model TorchScript file, or directory of the ONNX graphs; setting {@code model}
 * @param visionModel ONNX image tower location ({@code ""}: from {@code model}); setting {@code vision_model}
 * @param textModel ONNX text tower location ({@code ""}: from {@code model}); setting {@code text_model}
 * @param tokenizer a HuggingFace {@code tokenizer.json} ({@code ""}: {@code tokenizer.json} beside the
 *     model); setting {@code tokenizer}
 * @param engine {@link ModelEngine#AUTO} (by file), {@code pytorch} or {@code onnx}; setting {@code engine}
 * @param device {@code cpu} or {@code gpu:N}; setting {@code device}
 * @param preprocessing image to tensor, CLIP's by default (bicubic 224, crop 224, CLIP mean/std)
 * @param imageMethod TorchScript method for images; setting {@code image_method} (default {@code encode_image})
 * @param textMethod TorchScript method for texts; setting {@code text_method} (default {@code encode_text})
 * @param imageOutput ONNX output holding image embeddings; setting {@code image_output} (default {@code image_embeds})
 * @param textOutput ONNX output holding text embeddings; setting {@code text_output} (default {@code text_embeds})
 * @param contextLength tokens per text, including start and end tokens; longer texts are truncated;
 *     setting {@code context_length} (default 77)
 * @param padToContext pad token ids with 0 to {@code contextLength} (OpenAI's TorchScript exports
 *     need it; HF exports do not); setting {@code pad_to_context}
 * @param batchSize images per inference call (0: 8 on CPU, 64 on a GPU); setting {@code batch_size}
 * @param cacheDir where downloads are kept; setting {@code cache_dir}
 * @param limits bounds on reading images
 */
public record ClipConfig(
    String model,
    String visionModel,
    String textModel,
    String tokenizer,
    ModelEngine engine,
    Device device,
    Preprocessing preprocessing,
    String imageMethod,
    String textMethod,
    String imageOutput,
    String textOutput,
    int contextLength,
    boolean padToContext,
    int batchSize,
    Path cacheDir,
    ImageLimits limits) implements ProviderConfig {
  private static final ClipConfig DEFAULTS = new ClipConfig(
      "", "", "", "", ModelEngine.AUTO, Device.cpu(), Preprocessing.clip224(), "encode_image", "encode_text", "image_embeds", "text_embeds", 77, false, 0,
      CnnConfig.defaultCacheDir(), ImageLimits.defaults());

  /** Validates the settings. */
  public ClipConfig {
    model = model == null ? "" : model;
    visionModel = visionModel == null ? "" : visionModel;
    textModel = textModel == null ? "" : textModel;
    tokenizer = tokenizer == null ? "" : tokenizer;
    if (engine == null || !(engine.isAuto() || engine.equals(ModelEngine.PYTORCH) || engine.equals(ModelEngine.ONNX))) {
      throw new ConfigException("clip: engine must be auto, pytorch or onnx, got " + engine);
    }
    if (device == null) {
      throw new ConfigException("clip: device is null; use Device.cpu() or Device.gpu(0)");
    }
    if (preprocessing == null) {
      throw new ConfigException("clip: preprocessing is null; use Preprocessing.clip224()");
    }
    if (cacheDir == null) {
      throw new ConfigException("clip: cache_dir is null");
    }
    if (limits == null) {
      throw new ConfigException("clip: limits is null; use ImageLimits.defaults()");
    }
    String[] keys = {"image_method", "text_method", "image_output", "text_output"};
    String[] values = {imageMethod, textMethod, imageOutput, textOutput};
    for (int i = 0; i < keys.length; i++) {
      if (values[i] == null || values[i].isBlank()) {
        throw new ConfigException("clip: " + keys[i] + " must not be empty");
      }
    }
    if (contextLength < 2 || contextLength > 4096) {
      throw new ConfigException("clip: context_length must be in [2, 4096], got " + contextLength);
    }
    if (batchSize < 0 || batchSize > 4096) {
      throw new ConfigException("clip: batch_size must be in [0, 4096] (0 = by device), got " + batchSize);
    }
  }

  /** {@code "clip"}. */
  @Override
  public String provider() {
    return "clip";
  }

  /** No model yet; CLIP preprocessing, methods {@code encode_image}/{@code encode_text}, 77 tokens. */
  public static ClipConfig defaults() {
    return DEFAULTS;
  }

  /** A copy loading a TorchScript file or a directory of ONNX graphs. */
  public ClipConfig withModel(String model) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy loading a local TorchScript file or ONNX directory. */
  public ClipConfig withModel(Path model) {
    return withModel(model.toString());
  }

  /** A copy loading the two ONNX towers from these locations. */
  public ClipConfig withOnnxTowers(String visionModel, String textModel) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, ModelEngine.ONNX, device, preprocessing,
        imageMethod, textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy with another tokenizer.json location. */
  public ClipConfig withTokenizer(String tokenizer) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy with another engine. */
  public ClipConfig withEngine(ModelEngine engine) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy on another device. */
  public ClipConfig withDevice(Device device) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy with other TorchScript method names. */
  public ClipConfig withMethods(String imageMethod, String textMethod) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy with another context length and padding rule. */
  public ClipConfig withContext(int contextLength, boolean padToContext) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** A copy with another batch size. */
  public ClipConfig withBatchSize(int batchSize) {
    return new ClipConfig(model, visionModel, textModel, tokenizer, engine, device, preprocessing, imageMethod,
        textMethod, imageOutput, textOutput, contextLength, padToContext, batchSize, cacheDir, limits);
  }

  /** The batch size in effect: the configured one, or 8 on CPU and 64 on a GPU. */
  public int effectiveBatchSize() {
    return batchSize > 0 ? batchSize : device.isCpu() ? 8 : 64;
  }

  /** Reads the settings; unknown keys are refused, and every error names {@code clip} and the key. */
  public static ClipConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("clip", settings);
    var d = DEFAULTS;
    var config = new ClipConfig(
        c.getString("model", d.model),
        c.getString("vision_model", d.visionModel),
        c.getString("text_model", d.textModel),
        c.getString("tokenizer", d.tokenizer),
        c.get("engine", d.engine, ModelEngine::of, "auto, pytorch or onnx"),
        c.get("device", d.device, Device::parse, "cpu, gpu or gpu:N"),
        Preprocessing.read(c, d.preprocessing),
        c.getString("image_method", d.imageMethod),
        c.getString("text_method", d.textMethod),
        c.getString("image_output", d.imageOutput),
        c.getString("text_output", d.textOutput),
        c.getInt("context_length", d.contextLength),
        c.getBoolean("pad_to_context", d.padToContext),
        c.getInt("batch_size", d.batchSize),
        Path.of(c.getString("cache_dir", d.cacheDir.toString())),
        ImageLimits.read("clip", c));
    c.finish();
    return config;
  }
}
