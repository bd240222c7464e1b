package org.artsim.embed.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.artsim.ClosedException;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.ModelLoadException;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.TextEmbedder;
import org.artsim.embed.ClipConfig;
import org.artsim.embed.ModelEngine;
import org.artsim.embed.image.BatchRunner;
import org.artsim.embed.image.ImageLoader;

/**
 * CLIP: image and text vectors in one space, L2-normalised. TorchScript: one model, the image and
 * text methods picked with DJL's {@code module_method:<name>} marker array. ONNX: two sessions,
 * inputs fed by name ({@code pixel_values}; {@code input_ids} and, if the graph has it, {@code
 * attention_mask} of ones). Thread-safe; close it after every call has returned. After {@link
 * #close()} embedding throws {@link ClosedException}; {@link #info()} stays readable.
 */
final class ClipEmbedder implements ImageEmbedder, TextEmbedder {
  private final ClipConfig config;
  private final DjlModel vision;
  private final DjlModel text;
  private final ClipTokenizer tokenizer;
  private final EmbedderInfo info;
  private final boolean torchScript;
  private volatile boolean closed;

  ClipEmbedder(ClipConfig config) {
    this.config = config;
    var cache = config.cacheDir();
    DjlModel v = null;
    DjlModel t = null;
    ClipTokenizer tok = null;
    String modelName;
    Path modelDir = null;
    try {
      boolean onnxTowers = !config.visionModel().isEmpty() || !config.textModel().isEmpty();
      if (onnxTowers) {
        if (config.visionModel().isEmpty() || config.textModel().isEmpty()) {
          throw new ModelLoadException("clip: set both vision_model and text_model (the two ONNX graphs), or model");
        }
        try (var rv = ModelLocator.resolve("clip", config.visionModel(), cache); var rt = ModelLocator.resolve("clip", config.textModel(), cache)) {
          v = DjlModel.load("clip", rv.path(), ModelEngine.ONNX, config.device());
          t = DjlModel.load("clip", rt.path(), ModelEngine.ONNX, config.device());
          modelDir = rv.temporary() == null ? rv.path().getParent() : null;
        }
        modelName = CnnEmbedder.modelName(config.visionModel()) + "+" + CnnEmbedder.modelName(config.textModel());
        this.torchScript = false;
      } else {
        try (var r = ModelLocator.resolve("clip", config.model(), cache)) {
          Path p = r.path();
          if (Files.isDirectory(p)) {
            Path dir = Files.exists(p.resolve("vision_model.onnx")) ? p : p.resolve("onnx");
            if (!Files.exists(dir.resolve("vision_model.onnx")) || !Files.exists(dir.resolve("text_model.onnx"))) {
              throw new ModelLoadException("clip: directory '" + p + "' holds no vision_model.onnx and text_model.onnx (nor onnx/ with them); point model at a TorchScript file or such a directory");
            }
            v = DjlModel.load("clip", dir.resolve("vision_model.onnx"), ModelEngine.ONNX, config.device());
            t = DjlModel.load("clip", dir.resolve("text_model.onnx"), ModelEngine.ONNX, config.device());
            modelDir = p;
            this.torchScript = false;
          } else {
            v = DjlModel.load("clip", p, config.engine().isAuto() ? ModelEngine.PYTORCH : config.engine(), config.device());
            t = v;
            modelDir = r.temporary() == null ? p.toAbsolutePath().getParent() : null;
            this.torchScript = v.engine().equals(ModelEngine.PYTORCH);
          }
        }
        modelName = CnnEmbedder.modelName(config.model());
      }
      DjlEngines.requireTokenizers("clip");
      String tokLocation = config.tokenizer();
      if (tokLocation.isEmpty()) {
        if (modelDir == null || !Files.exists(modelDir.resolve("tokenizer.json"))) {
          throw new ModelLoadException("clip: no tokenizer configured and no tokenizer.json beside the model; set tokenizer to a HuggingFace tokenizer.json");
        }
        tokLocation = modelDir.resolve("tokenizer.json").toString();
      }
      try (var rtok = ModelLocator.resolve("clip", tokLocation, cache)) {
        tok = ClipTokenizer.load(rtok.path(), config.contextLength(), config.padToContext());
      }
    } catch (RuntimeException e) {
      closeAll(v, t, tok);
      throw e;
    }
    this.vision = v;
    this.text = t;
    this.tokenizer = tok;
    int dim;
    int textDim;
    try {
      dim = infer(List.of(new float[config.preprocessing().tensorLength()])).get(0).length;
      textDim = embedTextRaw("a");
    } catch (RuntimeException e) {
      close();
      throw new ModelLoadException("clip: the model does not run (" + e.getMessage() + "); check the model, image_method/text_method or image_output/text_output", e);
    }
    if (dim != textDim) {
      close();
      throw new ModelLoadException("clip: image vectors have " + dim + " dimensions but text vectors " + textDim + "; the two towers are not from one CLIP model");
    }
    var settings = new LinkedHashMap<>(config.preprocessing().describe());
    settings.put("context_length", Integer.toString(config.contextLength()));
    settings.put("pad_to_context", Boolean.toString(config.padToContext()));
    settings.putAll(config.limits().vectorSettings());
    this.info = new EmbedderInfo(ClipEmbedderProvider.NAME, modelName, dim, settings);
  }

  private static void closeAll(DjlModel v, DjlModel t, ClipTokenizer tok) {
    if (t != null && t != v) {
      t.close();
    }
    if (v != null) {
      v.close();
    }
    if (tok != null) {
      tok.close();
    }
  }

  private NDArray marker(NDManager m, String method) {
    NDArray mk = m.create(new float[] {0});
    mk.setName("module_method:" + method);
    return mk;
  }

  private List<float[]> infer(List<float[]> tensors) {
    int n = tensors.size();
    int len = config.preprocessing().tensorLength();
    int size = config.preprocessing().size();
    float[] data = new float[n * len];
    for (int i = 0; i < n; i++) {
      System.arraycopy(tensors.get(i), 0, data, i * len, len);
    }
    float[][] rows = vision.run(
        m -> {
          NDArray x = m.create(data, new Shape(n, 3, size, size));
          if (torchScript) {
            return new NDList(x, marker(m, config.imageMethod()));
          }
          x.setName(vision.inputNames().isEmpty() ? "pixel_values" : vision.inputNames().get(0));
          return new NDList(x);
        },
        out -> vision.rows(out, torchScript ? "" : config.imageOutput()));
    if (rows.length != n) {
      throw new EmbeddingException("clip: the image tower returned " + rows.length + " rows for " + n + " images");
    }
    return Arrays.asList(DjlModel.normalise(rows));
  }

  private float[] textVector(String s) {
    long[] ids = tokenizer.encode(s);
    float[][] rows = text.run(
        m -> {
          NDArray x = m.create(ids, new Shape(1, ids.length));
          if (torchScript) {
            return new NDList(x, marker(m, config.textMethod()));
          }
          var list = new NDList();
          List<String> names = text.inputNames().isEmpty() ? List.of("input_ids") : text.inputNames();
          for (String name : names) {
            if (name.equals("attention_mask")) {
              long[] ones = new long[ids.length];
              Arrays.fill(ones, 1L);
              NDArray mask = m.create(ones, new Shape(1, ids.length));
              mask.setName(name);
              list.add(mask);
            } else if (name.equals("input_ids") || names.size() == 1) {
              x.setName(name);
              list.add(x);
            } else {
              throw new EmbeddingException("clip: the text model wants an input '" + name + "'; only input_ids and attention_mask are supported");
            }
          }
          return list;
        },
        out -> text.rows(out, torchScript ? "" : config.textOutput()));
    return DjlModel.normalise(rows)[0];
  }

  private int embedTextRaw(String s) {
    return textVector(s).length;
  }

  /** The token ids the text becomes (exposed for tests and debugging). */
  long[] tokenize(String s) {
    return tokenizer.encode(s);
  }

  @Override
  public EmbedderInfo info() {
    return info;
  }

  @Override
  public float[] embedText(String s) {
    ensureOpen();
    float[] v = textVector(s);
    String bad = BatchRunner.checkVector(v);
    if (bad != null) {
      throw new EmbeddingException("clip: text '" + s + "': " + bad);
    }
    return v;
  }

  @Override
  public List<EmbeddingResult> embedTexts(List<String> texts, ProgressListener listener) {
    ensureOpen();
    if (texts == null) {
      throw new org.artsim.InvalidArgumentException("clip: texts is null; pass a list of texts");
    }
    var tracker = new ProgressTracker("embed texts", texts.size(), listener);
    var out = new ArrayList<EmbeddingResult>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(EmbeddingResult.success(i, embedText(texts.get(i))));
      } catch (EmbeddingException e) {
        out.add(EmbeddingResult.failure(i, e));
      }
      tracker.advance(1);
    }
    return out;
  }

  @Override
  public float[] embedImage(ImageSource image) {
    ensureOpen();
    float[] v = infer(List.of(config.preprocessing().toTensor(ImageLoader.load(image, config.limits())))).get(0);
    String bad = BatchRunner.checkVector(v);
    if (bad != null) {
      throw new EmbeddingException(image.describe() + ": " + bad);
    }
    return v;
  }

  @Override
  public List<EmbeddingResult> embedImages(List<? extends ImageSource> images, ProgressListener listener) {
    ensureOpen();
    return BatchRunner.run(images, config.limits(), config.effectiveBatchSize(), listener, (BufferedImage img) -> config.preprocessing().toTensor(img), b -> infer(new ArrayList<>(b)));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAll(vision, text, tokenizer);
  }

  private void ensureOpen() {
    if (closed) {
      throw new ClosedException("embedder 'clip'");
    }
  }

  @Override
  public String toString() {
    return "ClipEmbedder[" + info + ", engine=" + vision.engine() + ", device=" + config.device() + "]";
  }
}
