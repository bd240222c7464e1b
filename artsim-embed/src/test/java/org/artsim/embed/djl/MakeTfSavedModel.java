package org.artsim.embed.djl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes the TensorFlow SavedModel fixture ({@code fixtures/tf/savedmodel}) from the weights that
 * {@code tools/fixtures/make_models.py} put in {@code fixtures/tf/weights.f32}: signature {@code
 * serving_default}, tag {@code serve}, input {@code x} float32 (N, 3, 224, 224), output {@code y} =
 * relu(mean over H and W of x, times W [3, 8], plus b [8]) of shape (N, 8). Not a test; run it once
 * with TensorFlow Java from DJL's {@code tensorflow-api} (TF 2.16.1) on the test classpath:
 *
 * <pre>
 * mvn -q -o -pl artsim-api,artsim-embed test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp artsim-embed/target/test-classes:artsim-embed/target/classes:$(cat /tmp/cp.txt) \
 *   -Dai.djl.offline=true org.artsim.embed.djl.MakeTfSavedModel artsim-embed/src/test/resources/fixtures/tf
 * </pre>
 */
public final class MakeTfSavedModel {
  private MakeTfSavedModel() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    TensorFlowBootstrap.ensure();
    var buf = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("weights.f32"))).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[][] w = new float[3][8];
    for (int i = 0; i < 3; i++) {
      buf.get(w[i]);
    }
    float[] b = new float[8];
    buf.get(b);
    Path out = dir.resolve("savedmodel");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 224, 224)));
      var pooled = tf.math.mean(x, tf.constant(new int[] {2, 3}));
      var y = tf.withName("y").nn.relu(tf.math.add(tf.linalg.matMul(pooled, tf.constant(w)), tf.constant(b)));
      try (Session s = new Session(g)) {
        SavedModelBundle.exporter(out.toString())
            .withSession(s)
            .withSignature(Signature.builder().key("serving_default").input("x", x).output("y", y).build())
            .export();
      }
    }
  }
}
