package org.artsim.bench.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes the benchmark's TensorFlow ResNet-50: reads the op list, weights and probe pair that
 * {@code artsim-bench/python/embed_resnet50.py} wrote to {@code DIR} (the torchvision network with
 * BatchNorm folded into its convolutions), builds the same network with TensorFlow Java and exports
 * it as a SavedModel to {@code DIR/savedmodel} (tag {@code serve}, signature {@code serving_default},
 * input {@code x} float32 (N, 3, 224, 224), output {@code y} (N, 2048)). It then runs the probe input
 * through the exported graph and fails unless the output matches Python torch's to 1e-3 of its
 * largest magnitude, so the TensorFlow figures time the same arithmetic as the PyTorch ones.
 *
 * <p>The graph is NHWC inside (TensorFlow's CPU convolutions need it): the NCHW input is transposed
 * once. Padding follows torchvision (explicit zero padding, then VALID); the max pool pads with zero,
 * which equals torch's -inf padding after a ReLU.
 *
 * <pre>java -cp artsim-bench/target/benchmarks.jar org.artsim.bench.embed.MakeTfResNet50 /tmp/artsim-bench-models/resnet50_tf</pre>
 */
public final class MakeTfResNet50 {
  private MakeTfResNet50() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: MakeTfResNet50 DIR (written by embed_resnet50.py --out DIR/..)");
    }
    Path dir = Path.of(args[0]);
    Path out = dir.resolve("savedmodel");
    FloatBuffer weights = floats(dir.resolve("weights.f32"));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 224, 224)));
      Map<String, Operand<TFloat32>> tensors = new HashMap<>();
      tensors.put("x", tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1})));
      Operand<TFloat32> y = null;
      for (String line : Files.readAllLines(dir.resolve("graph.txt"))) {
        String[] f = line.trim().split(" ");
        switch (f[0]) {
          case "conv" -> tensors.put(f[2], conv(tf, tensors.get(f[1]), f, weights));
          case "maxpool" -> tensors.put(f[2], tf.nn.maxPool(pad(tf, tensors.get(f[1]), 1), tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID"));
          case "add" -> tensors.put(f[3], tf.nn.relu(tf.math.add(tensors.get(f[1]), tensors.get(f[2]))));
          case "mean" -> {
            y = tf.withName("y").math.mean(tensors.get(f[1]), tf.constant(new int[] {1, 2}));
            tensors.put(f[2], y);
          }
          default -> throw new IllegalArgumentException("unknown op in graph.txt: " + line);
        }
      }
      if (y == null || weights.hasRemaining()) {
        throw new IllegalStateException("graph.txt and weights.f32 disagree: " + (y == null ? "no mean op" : weights.remaining() + " weights left over"));
      }
      try (Session s = new Session(g)) {
        SavedModelBundle.exporter(out.toString())
            .withSession(s)
            .withSignature(Signature.builder().key("serving_default").input("x", x).output("y", y).build())
            .export();
      }
    }
    checkProbe(out, dir);
  }

  private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> in, String[] f, FloatBuffer weights) {
    int kh = Integer.parseInt(f[3]);
    int kw = Integer.parseInt(f[4]);
    int cin = Integer.parseInt(f[5]);
    int cout = Integer.parseInt(f[6]);
    long stride = Long.parseLong(f[7]);
    int padding = Integer.parseInt(f[8]);
    float[] w = new float[kh * kw * cin * cout];
    weights.get(w);
    float[] b = new float[cout];
    weights.get(b);
    var kernel = tf.constant(Shape.of(kh, kw, cin, cout), DataBuffers.of(w, true, false));
    Operand<TFloat32> c = tf.nn.conv2d(padding == 0 ? in : pad(tf, in, padding), kernel, List.of(1L, stride, stride, 1L), "VALID");
    Operand<TFloat32> biased = tf.nn.biasAdd(c, tf.constant(b));
    return f[9].equals("1") ? tf.nn.relu(biased) : biased;
  }

  private static Operand<TFloat32> pad(Ops tf, Operand<TFloat32> in, int p) {
    return tf.pad(in, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f));
  }

  private static void checkProbe(Path savedModel, Path dir) throws IOException {
    float[] input = array(floats(dir.resolve("probe_input.f32")));
    float[] expected = array(floats(dir.resolve("probe_output.f32")));
    try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(1, 3, 224, 224), DataBuffers.of(input, true, false));
        var result = bundle.function("serving_default").call(Map.of("x", x))) {
      TFloat32 y = (TFloat32) result.get("y").orElseThrow();
      float[] got = new float[expected.length];
      y.copyTo(DataBuffers.of(got, false, false));
      double maxAbs = 0;
      double maxDiff = 0;
      for (int i = 0; i < got.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
        maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
      }
      if (!(maxDiff <= 1e-3 * maxAbs)) {
        throw new IllegalStateException("TensorFlow's ResNet-50 differs from Python torch's on the probe: max |diff| " + maxDiff + ", max |y| " + maxAbs);
      }
      System.out.printf("wrote %s; probe max |diff| %.3g of max |y| %.3g%n", savedModel, maxDiff, maxAbs);
    }
  }

  private static FloatBuffer floats(Path file) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
  }

  private static float[] array(FloatBuffer b) {
    float[] a = new float[b.remaining()];
    b.get(a);
    return a;
  }
}
