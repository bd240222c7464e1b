package org.artsim.bench.embed;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
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
 * Images per second of each embedder &times; engine at batch 1 and 32, end to end from decoded
 * 320 &times; 256 RGB images: preprocessing (Pillow-exact resize, crop, normalise; in parallel),
 * inference, L2 normalisation. One operation embeds {@code batch} images with one {@code
 * embedImages} call, so images/s = ops/s &times; batch.
 *
 * <p>The CNN models are one full-size random-weight ResNet-50 made by {@code
 * artsim-bench/python/embed_resnet50.py --out DIR}, for three engines: TorchScript {@code
 * resnet50.pt} ({@code resnet50-pytorch}), ONNX {@code resnet50.onnx} ({@code resnet50-onnx}) and a
 * TensorFlow SavedModel {@code resnet50_tf/savedmodel} ({@code resnet50-tensorflow}; written by
 * {@link MakeTfResNet50} from the same weights, checked against Python torch's output). The CLIP
 * models are a ViT-B/32-shaped image tower ({@code embed_resnet50.py --clip --out DIR}): TorchScript
 * {@code clip_vit_b32.pt} with {@code encode_image}/{@code encode_text} ({@code clip-vit-pytorch})
 * and the published two-graph ONNX layout {@code clip_onnx/} ({@code clip-vit-onnx}), each with a
 * {@code tokenizer.json}; CLIP preprocessing. Point {@code -Dartsim.bench.models=DIR} at them
 * (default {@code /tmp/artsim-bench-models}). {@code tiny-pytorch} is the committed narrow
 * ResNet-style test fixture ({@code -Dartsim.bench.tiny=PATH}, default relative to the repository
 * root): its inference is cheap, so it shows what artsim's pipeline costs per image around a model.
 * The {@code color} embedder needs no model. Add {@code
 * -p device=gpu:0} on a GPU machine with the jar built with {@code -Pcuda}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1, time = 15)
@Measurement(iterations = 2, time = 20)
public class EmbedBenchmark {
  /** The committed narrow ResNet-style test fixture, relative to the repository root. */
  static final String TINY = "artsim-embed/src/test/resources/fixtures/cnn/tiny_resnet.pt";

  /** The embedder and engine: see the class comment. */
  @Param({"color", "resnet50-pytorch", "resnet50-onnx", "resnet50-tensorflow", "clip-vit-pytorch", "clip-vit-onnx", "tiny-pytorch"})
  public String embedder;

  /** Images per {@code embedImages} call (and per inference batch). */
  @Param({"1", "32"})
  public int batch;

  /** {@code cpu} or {@code gpu:0}. */
  @Param({"cpu"})
  public String device;

  private ImageEmbedder e;
  private List<ImageSource> images;

  @Setup(Level.Trial)
  public void setUp() {
    Path models = Path.of(System.getProperty("artsim.bench.models", "/tmp/artsim-bench-models"));
    e = switch (embedder) {
      case "color" -> Artsim.imageEmbedder("color", null);
      case "resnet50-pytorch" -> Artsim.imageEmbedder("resnet50", settings(models, "resnet50.pt", make(models, "--out")));
      case "resnet50-onnx" -> Artsim.imageEmbedder("resnet50", settings(models, "resnet50.onnx", make(models, "--out")));
      case "resnet50-tensorflow" -> Artsim.imageEmbedder("resnet50", settings(models, "resnet50_tf/savedmodel", make(models, "--out") + ", then MakeTfResNet50 " + models.resolve("resnet50_tf")));
      case "clip-vit-pytorch" -> (ImageEmbedder) Artsim.embedder("clip", settings(models, "clip_vit_b32.pt", make(models, "--clip --out")));
      case "clip-vit-onnx" -> (ImageEmbedder) Artsim.embedder("clip", settings(models, "clip_onnx", make(models, "--clip --out")));
      case "tiny-pytorch" -> Artsim.imageEmbedder("cnn", settings(Path.of(""), System.getProperty("artsim.bench.tiny", TINY),
          "run from the repository root, where the fixture is committed, or set -Dartsim.bench.tiny"));
      default -> throw new IllegalArgumentException("unknown embedder " + embedder + "; see the @Param list");
    };
    images = new ArrayList<>();
    var rnd = new SplittableRandom(42);
    for (int i = 0; i < batch; i++) {
      var img = new BufferedImage(320, 256, BufferedImage.TYPE_INT_RGB);
      var g = img.createGraphics();
      g.setPaint(new GradientPaint(0, 0, new Color(rnd.nextInt(1 << 24)), 320, 256, new Color(rnd.nextInt(1 << 24))));
      g.fillRect(0, 0, 320, 256);
      for (int k = 0; k < 20; k++) {
        g.setColor(new Color(rnd.nextInt(1 << 24)));
        g.fillOval(rnd.nextInt(320), rnd.nextInt(256), 10 + rnd.nextInt(60), 10 + rnd.nextInt(60));
      }
      g.dispose();
      images.add(new ImageSource.OfImage(img, "bench" + i));
    }
  }

  private Map<String, String> settings(Path models, String model, String remedy) {
    Path m = models.resolve(model);
    if (!Files.exists(m)) {
      throw new IllegalStateException(m + " is missing; " + remedy);
    }
    return Map.of("model", m.toString(), "batch_size", Integer.toString(batch), "device", device);
  }

  private static String make(Path models, String options) {
    return "run artsim-bench/python/embed_resnet50.py " + options + " " + models;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    e.close();
  }

  /** One batch. */
  @Benchmark
  public float embedBatch() {
    List<EmbeddingResult> r = e.embedImages(images);
    return r.get(r.size() - 1).vectorOrThrow()[0];
  }
}
