package org.artsim.embed.djl;

import ai.djl.MalformedModelException;
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
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.artsim.Device;
import org.artsim.EmbeddingException;
import org.artsim.ModelLoadException;
import org.artsim.embed.ModelEngine;

/**
 * One DJL model with a pool of predictors. DJL's {@code Model} is thread-safe but a {@code
 * Predictor} is not: each call borrows an idle predictor (creating one if none is idle) and returns
 * it afterwards, so there are at most as many predictors as threads that ever ran at once. Every
 * DJL checked exception becomes an artsim {@link ModelLoadException} or {@link EmbeddingException}
 * with the cause kept. {@link #close()} closes the predictors and the model (native memory).
 */
final class DjlModel implements AutoCloseable {
  private final String component;
  private final ZooModel<NDList, NDList> model;
  private final ModelEngine engine;
  private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> idle = new ConcurrentLinkedQueue<>();
  private final List<Predictor<NDList, NDList>> all = new ArrayList<>();
  private final List<String> inputNames;
  private final List<String> outputNames;
  private volatile boolean closed;

  private DjlModel(String component, ZooModel<NDList, NDList> model, ModelEngine engine) {
    this.component = component;
    this.model = model;
    this.engine = engine;
    List<String> names = List.of();
    try {
      PairList<String, Shape> in = model.describeInput();
      if (in != null) {
        names = List.copyOf(in.keys());
      }
    } catch (RuntimeException e) {
      // PyTorch cannot describe inputs before the first run; names are not needed there
    }
    this.inputNames = names;
    List<String> outs = List.of();
    try {
      PairList<String, Shape> out = model.describeOutput();
      if (out != null) {
        outs = List.copyOf(out.keys());
      }
    } catch (RuntimeException e) {
      // not every engine describes its outputs; names then come from the arrays
    }
    if (outs.isEmpty() && ModelEngine.ONNX.equals(engine)) {
      outs = onnxOutputNames(model);
    }
    this.outputNames = outs;
  }

  /**
   * ONNX Runtime output names, in session order. DJL 0.32's {@code OrtSymbolBlock} neither names
   * its output arrays nor describes its outputs, and keeps the session private; the names are read
   * from that field reflectively, and are empty if that ever fails (outputs are then named {@code
   * #0}, {@code #1}...).
   */
  private static List<String> onnxOutputNames(ZooModel<NDList, NDList> model) {
    try {
      var block = model.getBlock();
      var field = block.getClass().getDeclaredField("session");
      field.setAccessible(true);
      Object session = field.get(block);
      Object names = session.getClass().getMethod("getOutputNames").invoke(session);
      var out = new ArrayList<String>();
      for (Object n : (Iterable<?>) names) {
        out.add(String.valueOf(n));
      }
      return List.copyOf(out);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return List.of();
    }
  }

  /** The model's output names as the engine reports them, in output order (may be empty). */
  List<String> outputNames() {
    return outputNames;
  }

  /** Loads a local model file or directory on the engine and device. */
  static DjlModel load(String component, Path path, ModelEngine requested, Device device) {
    DjlEnvironment.ensureOffline();
    ModelEngine detected = requested.isAuto() ? ModelEngine.detect(path) : requested;
    if (detected == null) {
      throw new ModelLoadException(component + ": cannot tell the engine for '" + path
          + "'; name it with engine=pytorch|onnx|tensorflow (or another DJL engine), or use a .pt/.onnx file or a SavedModel directory");
    }
    String djlName = DjlEngines.require(component, detected.djlName());
    ModelEngine engine = ModelEngine.of(djlName);
    if (engine.equals(ModelEngine.TENSORFLOW)) {
      TensorFlowBootstrap.ensure();
    }
    ai.djl.Device djlDevice = device.isCpu() ? ai.djl.Device.cpu() : ai.djl.Device.gpu(device.index());
    if (!device.isCpu()) {
      int gpus = ai.djl.engine.Engine.getEngine(djlName).getGpuCount();
      if (device.index() >= gpus) {
        throw new ModelLoadException(component + ": device " + device + " asked for, but the " + engine.djlName() + " engine sees " + gpus
            + " GPU(s); for PyTorch depend on org.artsim:artsim-engine-pytorch-cuda (type pom) instead of artsim-engine-pytorch and run on a machine"
            + " with an NVIDIA driver and CUDA 12.4+, or use device=cpu");
      }
    }
    var builder = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(path)
        .optEngine(djlName)
        .optDevice(djlDevice)
        .optTranslator(new NoopTranslator());
    if (engine.equals(ModelEngine.TENSORFLOW)) {
      builder.optOption("Tags", "serve").optOption("SignatureDefKey", "serving_default");
    }
    try {
      return new DjlModel(component, builder.build().loadModel(), engine);
    } catch (ModelNotFoundException | MalformedModelException | IOException e) {
      throw new ModelLoadException(component + ": cannot load '" + path + "' with " + engine.djlName() + " (" + e.getMessage() + "); check the file and the engine", e);
    } catch (RuntimeException e) {
      throw new ModelLoadException(component + ": cannot load '" + path + "' with " + engine.djlName() + " (" + e + ")", e);
    }
  }

  ModelEngine engine() {
    return engine;
  }

  /** The model's input names as the engine reports them (empty for TorchScript). */
  List<String> inputNames() {
    return inputNames;
  }

  /**
   * Runs the model: {@code inputs} builds the input list on a fresh manager (closed afterwards),
   * {@code output} picks the feature array from the outputs and turns it into rows.
   */
  float[][] run(Function<NDManager, NDList> inputs, Function<NDList, float[][]> output) {
    if (closed) {
      throw new org.artsim.ClosedException("embedder '" + component + "'");
    }
    Predictor<NDList, NDList> p = idle.poll();
    if (p == null) {
      p = model.newPredictor();
      synchronized (all) {
        all.add(p);
      }
    }
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList out = p.predict(inputs.apply(m));
      try {
        return output.apply(out);
      } finally {
        out.close();
      }
    } catch (TranslateException e) {
      throw new EmbeddingException(component + ": inference failed (" + e.getMessage() + ")", e);
    } catch (EmbeddingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EmbeddingException(component + ": inference failed (" + e + ")", e);
    } finally {
      idle.offer(p);
    }
  }

  /**
   * The rows of the named output (or the first): rank 2 as is, rank 1 as one row, rank 4 (N, C,
   * H, W) averaged over H and W.
   */
  float[][] rows(NDList out, String name) {
    NDArray a = null;
    if (name.isEmpty()) {
      a = out.get(0);
    } else {
      var names = new ArrayList<String>();
      for (int i = 0; i < out.size(); i++) {
        NDArray x = out.get(i);
        String n = x.getName() != null ? x.getName() : i < outputNames.size() ? outputNames.get(i) : "#" + i;
        names.add(n);
        if (name.equals(n)) {
          a = x;
        }
      }
      if (a == null) {
        throw new EmbeddingException(component + ": the model has no output '" + name + "'; its outputs are " + names);
      }
    }
    Shape s = a.getShape();
    if (s.dimension() == 4) {
      try (NDArray pooled = a.mean(new int[] {2, 3})) {
        return split(pooled.toFloatArray(), (int) s.get(0));
      }
    }
    if (s.dimension() == 1) {
      return new float[][] {a.toFloatArray()};
    }
    if (s.dimension() != 2) {
      throw new EmbeddingException(component + ": output " + (name.isEmpty() ? "0" : "'" + name + "'") + " has shape " + s + "; expected (batch, features) or (batch, channels, h, w)");
    }
    return split(a.toFloatArray(), (int) s.get(0));
  }

  private static float[][] split(float[] flat, int n) {
    int d = flat.length / n;
    float[][] rows = new float[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * d, rows[i], 0, d);
    }
    return rows;
  }

  /** Scales each row to unit length in place (rows of zero length are left as they are). */
  static float[][] normalise(float[][] rows) {
    for (float[] r : rows) {
      double ss = 0;
      for (float x : r) {
        ss += (double) x * x;
      }
      if (ss > 0) {
        double inv = 1.0 / Math.sqrt(ss);
        for (int i = 0; i < r.length; i++) {
          r[i] = (float) (r[i] * inv);
        }
      }
    }
    return rows;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (all) {
      all.forEach(Predictor::close);
      all.clear();
    }
    idle.clear();
    model.close();
  }
}
