package org.artsim.bench.embed;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone, without artsim: DJL runs a model on one ready random (batch, 3, 224, 224)
 * tensor per operation, as Python's "inference only" loop does, so that EmbedBenchmark's
 * end-to-end figures can be split into the engine's share and artsim's (decode, preprocessing,
 * copies, normalisation). images/s = ops/s &times; batch. Models as in {@link EmbedBenchmark}
 * ({@code -Dartsim.bench.models=DIR}); {@code tiny.pt} is the committed test fixture ({@code
 * -Dartsim.bench.tiny=PATH}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1, time = 15)
@Measurement(iterations = 2, time = 20)
public class DjlInferenceBenchmark {
  /** {@code resnet50.pt} (PyTorch), {@code resnet50.onnx} (ONNX Runtime) or {@code tiny.pt} (PyTorch). */
  @Param({"resnet50.pt", "resnet50.onnx", "tiny.pt"})
  public String model;

  /** Images per inference call. */
  @Param({"1", "32"})
  public int batch;

  private ZooModel<NDList, NDList> zoo;
  private Predictor<NDList, NDList> predictor;
  private NDManager manager;
  private NDArray input;

  @Setup(Level.Trial)
  public void setUp() throws IOException, ModelNotFoundException, MalformedModelException {
    Path file = model.equals("tiny.pt")
        ? Path.of(System.getProperty("artsim.bench.tiny", EmbedBenchmark.TINY))
        : Path.of(System.getProperty("artsim.bench.models", "/tmp/artsim-bench-models")).resolve(model);
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing; run artsim-bench/python/embed_resnet50.py --out DIR (or run from the repository root for tiny.pt)");
    }
    String engine = model.endsWith(".onnx") ? "OnnxRuntime" : "PyTorch";
    zoo = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(file).optEngine(engine).optTranslator(new NoopTranslator()).build().loadModel();
    predictor = zoo.newPredictor();
    manager = NDManager.newBaseManager(engine);
    input = manager.randomNormal(new Shape(batch, 3, 224, 224));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    predictor.close();
    zoo.close();
    manager.close();
  }

  /** One inference call. */
  @Benchmark
  public float infer() throws TranslateException {
    try (NDList out = predictor.predict(new NDList(input))) {
      return out.singletonOrThrow().toFloatArray()[0];
    }
  }
}
