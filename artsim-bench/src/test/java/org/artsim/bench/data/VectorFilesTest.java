package org.artsim.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.artsim.ArtsimException;
import org.artsim.bench.index.BenchData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
  @TempDir Path dir;

  private static float[][] random(int n, int dim, long seed) {
    var r = new SplittableRandom(seed);
    float[][] x = new float[n][dim];
    for (float[] row : x) {
      for (int d = 0; d < dim; d++) {
        row[d] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void npyRoundTripsExactly() {
    for (long seed = 0; seed < 5; seed++) {
      float[][] x = random(7 + (int) seed, 3 + (int) seed, seed);
      Path p = dir.resolve("x" + seed + ".npy");
      VectorFiles.writeNpy(p, x);
      assertThat(VectorFiles.read(p)).isDeepEqualTo(x);
    }
  }

  @Test
  void readsFvecs() throws IOException {
    float[][] x = random(4, 5, 9);
    ByteBuffer b = ByteBuffer.allocate(4 * (1 + 5) * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : x) {
      b.putInt(5);
      for (float v : row) {
        b.putFloat(v);
      }
    }
    Path p = dir.resolve("x.fvecs");
    Files.write(p, b.array());
    assertThat(VectorFiles.read(p)).isDeepEqualTo(x);
  }

  @Test
  void benchDataSplitsBaseAndQueries() {
    float[][] x = random(10, 4, 1);
    Path p = dir.resolve("d.npy");
    VectorFiles.writeNpy(p, x);
    var data = BenchData.named("file:" + p, 7, 3);
    assertThat(data.base()).isDeepEqualTo(java.util.Arrays.copyOfRange(x, 0, 7));
    assertThat(data.queries()).isDeepEqualTo(java.util.Arrays.copyOfRange(x, 7, 10));
    assertThatThrownBy(() -> BenchData.named("file:" + p, 8, 3))
        .isInstanceOf(ArtsimException.class).hasMessageContaining("has 10 rows; need n + queries = 11");
  }

  @Test
  void rejectsUnknownEndingAndFloat64() throws IOException {
    Path txt = dir.resolve("x.txt");
    Files.writeString(txt, "1 2 3");
    assertThatThrownBy(() -> VectorFiles.read(txt)).isInstanceOf(ArtsimException.class).hasMessageContaining("must end in .npy or .fvecs");
    Path npy = dir.resolve("f8.npy");
    VectorFiles.writeNpy(npy, random(2, 2, 3));
    byte[] bytes = Files.readAllBytes(npy);
    String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
    Files.write(npy, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> VectorFiles.read(npy)).isInstanceOf(ArtsimException.class).hasMessageContaining("float32 '<f4'");
  }
}
