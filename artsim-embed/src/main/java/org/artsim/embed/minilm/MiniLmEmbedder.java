package org.artsim.embed.minilm;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.artsim.ClosedException;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ModelLoadException;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.TextEmbedder;

/**
 * all-MiniLM-L6-v2 on DJL's ONNX Runtime engine: tokenise (special tokens added, cut to {@code
 * max_tokens}), pad the batch, run, {@link MeanPooling}. Thread-safe: the tokenizer is, and each
 * call takes its own predictor. Close it to free native memory.
 */
final class MiniLmEmbedder implements TextEmbedder {
  static final int DIMENSION = 384;

  private final MiniLmConfig config;
  private final HuggingFaceTokenizer tokenizer;
  private final ZooModel<NDList, NDList> model;
  private final List<String> inputNames;
  private final EmbedderInfo info;
  private final AtomicBoolean closed = new AtomicBoolean();

  MiniLmEmbedder(MiniLmConfig config) {
    this.config = config;
    var files = MiniLmFiles.locate(config);
    try {
      this.tokenizer = HuggingFaceTokenizer.newInstance(files.tokenizer(), Map.of(
          "addSpecialTokens", "true", "padding", "false", "truncation", "true", "maxLength", Integer.toString(config.maxTokens())));
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(MiniLmConfig.NAME + ": cannot load the tokenizer " + files.tokenizer() + " (" + e.getMessage()
          + "); model_dir must hold the model's HuggingFace tokenizer.json", e);
    }
    try {
      this.model = Criteria.builder().setTypes(NDList.class, NDList.class)
          .optModelPath(files.model()).optEngine("OnnxRuntime").optTranslator(new NoopTranslator()).build().loadModel();
    } catch (LinkageError e) {
      // DJL's engine class failed to initialise: ONNX Runtime's environment was created before DJL's,
      // with other thread settings (LangChain4j's in-process models do that).
      tokenizer.close();
      throw new ModelLoadException(MiniLmConfig.NAME + ": DJL's ONNX Runtime engine cannot start (" + e
          + "); another library started ONNX Runtime first in this JVM: create artsim's embedders before it", e);
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      tokenizer.close();
      throw new ModelLoadException(MiniLmConfig.NAME + ": cannot load " + files.model() + " with ONNX Runtime (" + e.getMessage()
          + "); point model_dir at all-MiniLM-L6-v2 exported to ONNX", e);
    }
    var names = new ArrayList<String>();
    model.describeInput().forEach(p -> names.add(p.getKey()));
    if (!names.contains("input_ids") || !names.contains("attention_mask")) {
      close();
      throw new ModelLoadException(MiniLmConfig.NAME + ": " + files.model() + " has inputs " + names + "; a BERT sentence model needs input_ids and attention_mask");
    }
    this.inputNames = List.copyOf(names);
    int dim;
    try {
      dim = infer(List.of("dimension probe")).get(0).length;
    } catch (RuntimeException e) {
      close();
      throw new ModelLoadException(MiniLmConfig.NAME + ": " + files.model() + " does not run on a tokenised probe text (" + e.getMessage()
          + "); point model_dir at all-MiniLM-L6-v2 exported to ONNX", e);
    }
    if (dim != DIMENSION) {
      close();
      throw new ModelLoadException(MiniLmConfig.NAME + ": " + files.model() + " gives " + dim + "-d vectors; all-MiniLM-L6-v2 gives " + DIMENSION);
    }
    this.info = new EmbedderInfo(MiniLmConfig.NAME, "all-MiniLM-L6-v2", DIMENSION,
        Map.of("max_tokens", Integer.toString(config.maxTokens()), "pooling", "mean over attention mask, L2-normalised"));
  }

  private List<float[]> infer(List<String> texts) {
    if (closed.get()) {
      throw new ClosedException("embedder '" + MiniLmConfig.NAME + "'");
    }
    int n = texts.size();
    var encodings = new ArrayList<Encoding>(n);
    int longest = 0;
    for (String t : texts) {
      Encoding e = tokenizer.encode(t);
      if (e.getIds().length > config.maxTokens()) {
        throw new EmbeddingException(MiniLmConfig.NAME + ": the tokenizer gave " + e.getIds().length + " tokens for max_tokens " + config.maxTokens());
      }
      encodings.add(e);
      longest = Math.max(longest, e.getIds().length);
    }
    long[] ids = new long[n * longest];
    long[] mask = new long[n * longest];
    long[] types = new long[n * longest];
    for (int i = 0; i < n; i++) {
      Encoding e = encodings.get(i);
      System.arraycopy(e.getIds(), 0, ids, i * longest, e.getIds().length);
      System.arraycopy(e.getAttentionMask(), 0, mask, i * longest, e.getAttentionMask().length);
      System.arraycopy(e.getTypeIds(), 0, types, i * longest, e.getTypeIds().length);
    }
    try (NDManager mgr = model.getNDManager().newSubManager(); Predictor<NDList, NDList> p = model.newPredictor()) {
      var inputs = new NDList();
      Shape shape = new Shape(n, longest);
      for (String name : inputNames) {
        long[] data = switch (name) {
          case "input_ids" -> ids;
          case "attention_mask" -> mask;
          case "token_type_ids" -> types;
          default -> throw new EmbeddingException(MiniLmConfig.NAME + ": the model asks for an unknown input " + name);
        };
        NDArray a = mgr.create(data, shape);
        a.setName(name);
        inputs.add(a);
      }
      NDArray out = p.predict(inputs).get(0);
      if (out.getShape().dimension() != 3 || out.getShape().get(0) != n || out.getShape().get(1) != longest) {
        throw new EmbeddingException(MiniLmConfig.NAME + ": the model returned shape " + out.getShape() + " for " + n + " texts of " + longest + " tokens");
      }
      float[] hidden = out.toFloatArray();
      int dim = (int) out.getShape().get(2);
      var rows = MeanPooling.pool(hidden, mask, n, longest, dim);
      var result = new ArrayList<float[]>(n);
      for (int i = 0; i < n; i++) {
        checkVector(rows[i], texts.get(i));
        result.add(rows[i]);
      }
      return result;
    } catch (TranslateException e) {
      throw new EmbeddingException(MiniLmConfig.NAME + ": inference failed (" + e.getMessage() + ")", e);
    }
  }

  private static void checkVector(float[] v, String text) {
    double ss = 0;
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new EmbeddingException(MiniLmConfig.NAME + ": the model gave a non-finite value for a text of " + text.length() + " chars");
      }
      ss += (double) x * x;
    }
    if (ss == 0) {
      throw new EmbeddingException(MiniLmConfig.NAME + ": the model gave a zero vector for a text of " + text.length() + " chars");
    }
  }

  private static String require(String text) {
    if (text == null) {
      throw new EmbeddingException(MiniLmConfig.NAME + ": text is null; pass a string (it may be empty)");
    }
    return text;
  }

  @Override
  public EmbedderInfo info() {
    return info;
  }

  @Override
  public float[] embedText(String text) {
    return infer(List.of(require(text))).get(0);
  }

  @Override
  public List<EmbeddingResult> embedTexts(List<String> texts, ProgressListener listener) {
    if (closed.get()) {
      throw new ClosedException("embedder '" + MiniLmConfig.NAME + "'");
    }
    if (texts == null) {
      throw new EmbeddingException(MiniLmConfig.NAME + ": texts is null; pass a list");
    }
    var tracker = new ProgressTracker("embed texts", texts.size(), listener == null ? ProgressListener.NONE : listener);
    var out = new ArrayList<EmbeddingResult>(texts.size());
    for (int from = 0; from < texts.size(); from += config.batchSize()) {
      int to = Math.min(texts.size(), from + config.batchSize());
      var batch = new ArrayList<String>();
      var at = new ArrayList<Integer>();
      for (int i = from; i < to; i++) {
        if (texts.get(i) == null) {
          out.add(EmbeddingResult.failure(i, new EmbeddingException(MiniLmConfig.NAME + ": text " + i + " is null")));
        } else {
          batch.add(texts.get(i));
          at.add(i);
        }
      }
      if (!batch.isEmpty()) {
        try {
          var vectors = infer(batch);
          for (int k = 0; k < batch.size(); k++) {
            out.add(EmbeddingResult.success(at.get(k), vectors.get(k)));
          }
        } catch (EmbeddingException e) {
          for (int k = 0; k < batch.size(); k++) {
            out.add(EmbeddingResult.failure(at.get(k), e));
          }
        }
      }
      tracker.advance(to - from);
    }
    out.sort(Comparator.comparingInt(EmbeddingResult::index));
    return out;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (model != null) {
        model.close();
      }
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return "MiniLmEmbedder[" + info + ", batch=" + config.batchSize() + "]";
  }
}
