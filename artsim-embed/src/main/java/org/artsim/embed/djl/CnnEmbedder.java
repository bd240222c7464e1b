package org.artsim.embed.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
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
import org.artsim.embed.CnnConfig;
import org.artsim.embed.image.BatchRunner;
import org.artsim.embed.image.ImageLoader;

/**
 * A CNN feature extractor on DJL: preprocessing ({@link org.artsim.embed.Preprocessing}), one
 * forward pass per batch, the named output, L2 normalisation. Thread-safe (predictors are pooled
 * in {@link DjlModel}); close it to free native memory, after every call has returned. After {@link
 * #close()} embedding throws {@link ClosedException}; {@link #info()} stays readable.
 */
final class CnnEmbedder implements ImageEmbedder {
  private final CnnConfig config;
  private final DjlModel model;
  private final String inputName;
  private final EmbedderInfo info;
  private final int batchSize;
  private volatile boolean closed;

  CnnEmbedder(CnnConfig config) {
    this.config = config;
    this.batchSize = config.effectiveBatchSize();
    DjlModel m;
    try (var resolved = ModelLocator.resolve(config.preset(), config.model(), config.cacheDir())) {
      m = DjlModel.load(config.preset(), resolved.path(), config.engine(), config.device());
    }
    this.model = m;
    this.inputName = !config.inputName().isEmpty() ? config.inputName() : m.inputNames().isEmpty() ? "" : m.inputNames().get(0);
    int dim;
    try {
      dim = infer(List.of(new float[config.preprocessing().tensorLength()])).get(0).length;
    } catch (RuntimeException e) {
      m.close();
      throw new ModelLoadException(config.preset() + ": the model does not run on a 3x" + config.preprocessing().size() + "x" + config.preprocessing().size()
          + " input (" + e.getMessage() + "); check image_size, input and output", e);
    }
    if (config.dimension() > 0 && dim != config.dimension()) {
      m.close();
      throw new ModelLoadException(config.preset() + ": the model gives " + dim + "-d vectors but dimension is " + config.dimension()
          + "; point model at a " + config.preset() + " feature extractor, pick the right output, or set dimension=0");
    }
    var settings = new LinkedHashMap<>(config.preprocessing().describe());
    settings.put("output", config.outputName().isEmpty() ? "0" : config.outputName());
    settings.putAll(config.limits().vectorSettings());
    this.info = new EmbedderInfo(config.preset(), modelName(config.model()), dim, settings);
  }

  static String modelName(String location) {
    String s = location.replace('\\', '/');
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private List<float[]> infer(List<float[]> tensors) {
    int n = tensors.size();
    int len = config.preprocessing().tensorLength();
    int size = config.preprocessing().size();
    float[] data = new float[n * len];
    for (int i = 0; i < n; i++) {
      System.arraycopy(tensors.get(i), 0, data, i * len, len);
    }
    float[][] rows = model.run(
        mgr -> {
          NDArray x = mgr.create(data, new Shape(n, 3, size, size));
          if (!inputName.isEmpty()) {
            x.setName(inputName);
          }
          return new NDList(x);
        },
        out -> model.rows(out, config.outputName()));
    if (rows.length != n) {
      throw new EmbeddingException(config.preset() + ": the model returned " + rows.length + " rows for a batch of " + n);
    }
    return Arrays.asList(DjlModel.normalise(rows));
  }

  private float[] prepare(BufferedImage rgb) {
    return config.preprocessing().toTensor(rgb);
  }

  @Override
  public EmbedderInfo info() {
    return info;
  }

  @Override
  public float[] embedImage(ImageSource image) {
    ensureOpen();
    float[] v = infer(List.of(prepare(ImageLoader.load(image, config.limits())))).get(0);
    String bad = BatchRunner.checkVector(v);
    if (bad != null) {
      throw new EmbeddingException(image.describe() + ": " + bad);
    }
    return v;
  }

  @Override
  public List<EmbeddingResult> embedImages(List<? extends ImageSource> images, ProgressListener listener) {
    ensureOpen();
    return BatchRunner.run(images, config.limits(), batchSize, listener, this::prepare, batch -> infer(new ArrayList<>(batch)));
  }

  @Override
  public void close() {
    closed = true;
    model.close();
  }

  private void ensureOpen() {
    if (closed) {
      throw new ClosedException("embedder '" + info.provider() + "'");
    }
  }

  @Override
  public String toString() {
    return "CnnEmbedder[" + info + ", engine=" + model.engine() + ", device=" + config.device() + ", batch=" + batchSize + "]";
  }
}
