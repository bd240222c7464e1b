package org.artsim.collection.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.ConfigException;
import org.artsim.DimensionMismatchException;
import org.artsim.EmbedderInfo;
import org.artsim.FileFormatException;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;
import org.artsim.io.ArtsimFiles;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ridge bridge against a naive reference solve on synthetic data {@code Y = XW + noise}, its file, and its refusals. */
class TextImageBridgeTest {
  @TempDir Path tmp;

  static EmbedderInfo text(int d) {
    return new EmbedderInfo("test-text", "words", d, Map.of());
  }

  static EmbedderInfo image(int d) {
    return new EmbedderInfo("test-image", "grid", d, Map.of("grid", "4"));
  }

  /** Synthetic pairs: x uniform in [-1, 1], y = x W + b + noise. */
  record Data(List<float[]> x, List<float[]> y, double[][] w) {}

  static Data data(SplittableRandom r, int n, int dx, int dy, double noise) {
    double[][] w = new double[dx][dy];
    double[] b = new double[dy];
    for (int i = 0; i < dx; i++) {
      for (int c = 0; c < dy; c++) {
        w[i][c] = r.nextDouble(-1, 1);
      }
    }
    for (int c = 0; c < dy; c++) {
      b[c] = r.nextDouble(-2, 2);
    }
    List<float[]> xs = new ArrayList<>();
    List<float[]> ys = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      float[] x = new float[dx];
      for (int i = 0; i < dx; i++) {
        x[i] = (float) r.nextDouble(-1, 1);
      }
      float[] y = new float[dy];
      for (int c = 0; c < dy; c++) {
        double s = b[c] + noise * r.nextGaussian();
        for (int i = 0; i < dx; i++) {
          s += x[i] * w[i][c];
        }
        y[c] = (float) s;
      }
      xs.add(x);
      ys.add(y);
    }
    return new Data(xs, ys, w);
  }

  /** The reference: normal equations over the (optionally) centred rows, solved by Gauss–Jordan elimination with partial pivoting. */
  static double[][] naiveRidge(List<float[]> x, List<float[]> y, int[] rows, double lambda, boolean centre, double[] mxOut, double[] myOut) {
    int dx = x.get(0).length;
    int dy = y.get(0).length;
    double[] mx = new double[dx];
    double[] my = new double[dy];
    if (centre) {
      for (int r : rows) {
        for (int i = 0; i < dx; i++) {
          mx[i] += x.get(r)[i] / (double) rows.length;
        }
        for (int c = 0; c < dy; c++) {
          my[c] += y.get(r)[c] / (double) rows.length;
        }
      }
    }
    double[][] a = new double[dx][dx + dy];
    for (int r : rows) {
      for (int i = 0; i < dx; i++) {
        for (int j = 0; j < dx; j++) {
          a[i][j] += (x.get(r)[i] - mx[i]) * (x.get(r)[j] - mx[j]);
        }
        for (int c = 0; c < dy; c++) {
          a[i][dx + c] += (x.get(r)[i] - mx[i]) * (y.get(r)[c] - my[c]);
        }
      }
    }
    for (int i = 0; i < dx; i++) {
      a[i][i] += lambda;
    }
    for (int col = 0; col < dx; col++) {
      int p = col;
      for (int i = col + 1; i < dx; i++) {
        if (Math.abs(a[i][col]) > Math.abs(a[p][col])) {
          p = i;
        }
      }
      double[] t = a[p];
      a[p] = a[col];
      a[col] = t;
      for (int i = 0; i < dx; i++) {
        if (i != col) {
          double f = a[i][col] / a[col][col];
          for (int j = col; j < dx + dy; j++) {
            a[i][j] -= f * a[col][j];
          }
        }
      }
    }
    double[][] w = new double[dx][dy];
    for (int i = 0; i < dx; i++) {
      for (int c = 0; c < dy; c++) {
        w[i][c] = a[i][dx + c] / a[i][i];
      }
    }
    if (mxOut != null) {
      System.arraycopy(mx, 0, mxOut, 0, dx);
      System.arraycopy(my, 0, myOut, 0, dy);
    }
    return w;
  }

  static int[] all(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  @Test
  void theFittedMapMatchesTheNaiveSolveAndRecoversWOnManySeeds() {
    Seeds.stream("bridge-ridge", 40).forEach(seed -> {
      var r = new SplittableRandom(seed);
      int dx = 1 + r.nextInt(12);
      int dy = 1 + r.nextInt(9);
      int n = 10 + dx + r.nextInt(300);
      double noise = r.nextBoolean() ? 0 : 0.01;
      double lambda = Math.pow(10, r.nextInt(-4, 2));
      boolean centre = r.nextBoolean();
      var d = data(r, n, dx, dy, noise);
      String why = Seeds.reproduce(seed) + " n " + n + " dx " + dx + " dy " + dy + " lambda " + lambda + " centre " + centre;
      var b = TextImageBridge.fit(d.x(), d.y(), BridgeConfig.defaults().withLambda(lambda).withCentre(centre), text(dx), image(dy));
      double[] mx = new double[dx];
      double[] my = new double[dy];
      double[][] ref = naiveRidge(d.x(), d.y(), all(n), lambda, centre, mx, my);
      double[] w = b.weights();
      for (int i = 0; i < dx; i++) {
        for (int c = 0; c < dy; c++) {
          assertThat(w[i * dy + c]).as(why + " W[" + i + "][" + c + "] vs the reference").isCloseTo(ref[i][c], within(1e-8 * (1 + Math.abs(ref[i][c]))));
          if (centre && lambda <= 1e-2 && n >= 5 * dx + 40) {
            assertThat(w[i * dy + c]).as(why + " W[" + i + "][" + c + "] vs the true W").isCloseTo(d.w()[i][c], within(0.05));
          }
        }
      }
      assertThat(b.provenance().lambda()).isEqualTo(lambda);
      assertThat(b.provenance().trainWorks()).isEqualTo(n);
      assertThat(b.provenance().validationWorks()).isZero();
      // map: meanY + (x - meanX) W, against the reference's means and weights
      float[] q = d.x().get(r.nextInt(n));
      float[] out = b.map(q);
      for (int c = 0; c < dy; c++) {
        double e = my[c];
        for (int i = 0; i < dx; i++) {
          e += (q[i] - mx[i]) * ref[i][c];
        }
        assertThat((double) out[c]).as(why + " map[" + c + "]").isCloseTo(e, within(1e-4 * (1 + Math.abs(e))));
      }
    });
  }

  @Test
  void severalPenaltiesChooseTheOneWithTheLeastHeldOutErrorAsTheNaiveSearchDoes() {
    Seeds.stream("bridge-lambda", 15).forEach(seed -> {
      var r = new SplittableRandom(seed);
      int dx = 2 + r.nextInt(10);
      int dy = 1 + r.nextInt(6);
      int n = 20 + r.nextInt(200);
      var d = data(r, n, dx, dy, 0.05 + r.nextDouble());
      List<Double> lambdas = List.of(1e-3, 0.1, 1.0, 10.0, 100.0, 1000.0);
      var config = BridgeConfig.defaults().withLambdas(lambdas).withSeed(seed).withValidationShare(0.1 + r.nextDouble(0.4));
      var b = TextImageBridge.fit(d.x(), d.y(), config, text(dx), image(dy));
      int[] order = RidgeRegression.shuffled(n, seed);
      int held = Math.max(1, Math.min(n - 1, (int) Math.round(n * config.validationShare())));
      int[] valid = Arrays.copyOfRange(order, 0, held);
      int[] train = Arrays.copyOfRange(order, held, n);
      double best = Double.POSITIVE_INFINITY;
      double chosen = -1;
      for (double l : lambdas) {
        double[] mx = new double[dx];
        double[] my = new double[dy];
        double[][] w = naiveRidge(d.x(), d.y(), train, l, true, mx, my);
        double err = 0;
        for (int v : valid) {
          for (int c = 0; c < dy; c++) {
            double p = my[c];
            for (int i = 0; i < dx; i++) {
              p += (d.x().get(v)[i] - mx[i]) * w[i][c];
            }
            err += (p - d.y().get(v)[c]) * (p - d.y().get(v)[c]);
          }
        }
        if (err < best * (1 - 1e-9)) {
          best = err;
          chosen = l;
        }
      }
      String why = Seeds.reproduce(seed) + " n " + n;
      assertThat(b.provenance().lambda()).as(why).isEqualTo(chosen);
      assertThat(b.provenance().validationWorks()).as(why).isEqualTo(held);
      assertThat(b.provenance().seed()).as(why).isEqualTo(seed);
      double[][] ref = naiveRidge(d.x(), d.y(), all(n), chosen, true, null, null);
      assertThat(b.weights()[0]).as(why + " refitted on every work").isCloseTo(ref[0][0], within(1e-8 * (1 + Math.abs(ref[0][0]))));
    });
  }

  @Test
  void aSavedBridgeLoadsEqualAndMapsAlike() {
    var r = new SplittableRandom(7);
    var d = data(r, 80, 6, 4, 0.01);
    var b = TextImageBridge.fit(d.x(), d.y(), BridgeConfig.defaults(), text(6), image(4));
    Path f = tmp.resolve("bridge.artsim");
    b.save(f);
    var again = TextImageBridge.load(f);
    assertThat(again.provenance()).isEqualTo(b.provenance());
    assertThat(again.provenance()).isEqualTo(new BridgeProvenance(text(6), image(4), 80, 16, 42, b.provenance().lambda(), true, b.provenance().fittedAt()));
    assertThat(again.weights()).containsExactly(b.weights());
    assertThat(again.map(d.x().get(3))).containsExactly(b.map(d.x().get(3)));
    assertThat(again.toString()).contains("test-text[words, dim=6]", "80 works (16 held out, seed 42)");
  }

  @Test
  void aCorruptedOrTruncatedOrForeignFileIsAFileFormatExceptionThatSaysWhat() throws IOException {
    var d = data(new SplittableRandom(3), 30, 3, 2, 0);
    Path f = tmp.resolve("bridge.artsim");
    TextImageBridge.fit(d.x(), d.y(), BridgeConfig.defaults(), text(3), image(2)).save(f);
    byte[] good = Files.readAllBytes(f);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Path bad = tmp.resolve("flipped.artsim");
    Files.write(bad, flipped);
    assertThatThrownBy(() -> TextImageBridge.load(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("flipped.artsim is corrupted: its checksum does not match");
    Path cut = tmp.resolve("cut.artsim");
    Files.write(cut, Arrays.copyOf(good, good.length - 30));
    assertThatThrownBy(() -> TextImageBridge.load(cut)).isInstanceOf(FileFormatException.class).hasMessageContaining("cut.artsim is truncated");
    Path other = tmp.resolve("other.artsim");
    ArtsimFiles.write(other, "artsim.index.flat", 1, out -> out.writeInt(1));
    assertThatThrownBy(() -> TextImageBridge.load(other)).isInstanceOf(FileFormatException.class).hasMessageContaining("holds a 'artsim.index.flat', not a 'artsim.collection.bridge'");
  }

  @Test
  void aWellSealedFileWithImpossibleContentIsRefusedWithWhatIsWrong() {
    Path f = tmp.resolve("crafted.artsim");
    ArtsimFiles.write(f, BridgeFiles.FORMAT, BridgeFiles.VERSION, out -> {
      for (int m = 0; m < 2; m++) {
        out.writeString("p");
        out.writeString("m");
        out.writeInt(3);
        out.writeInt(0);
      }
      out.writeInt(30);
      out.writeInt(0);
      out.writeLong(1);
      out.writeDouble(1.0);
      out.writeBoolean(true);
      out.writeLong(0);
      out.writeInt(3);
      out.writeInt(5);
    });
    assertThatThrownBy(() -> TextImageBridge.load(f))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("crafted.artsim is damaged: its weights are 3 x 5, but its models make 3 and 3 dimensions");
    ArtsimFiles.write(f, BridgeFiles.FORMAT, BridgeFiles.VERSION, out -> {
      out.writeString("p");
      out.writeString("m");
      out.writeInt(-4);
      out.writeInt(0);
    });
    assertThatThrownBy(() -> TextImageBridge.load(f)).isInstanceOf(FileFormatException.class).hasMessageContaining("an embedder description is incomplete");
    ArtsimFiles.write(f, BridgeFiles.FORMAT, BridgeFiles.VERSION, out -> {
      for (int m = 0; m < 2; m++) {
        out.writeString("p");
        out.writeString("m");
        out.writeInt(1);
        out.writeInt(0);
      }
      out.writeInt(30);
      out.writeInt(0);
      out.writeLong(1);
      out.writeDouble(1.0);
      out.writeBoolean(true);
      out.writeLong(0);
      out.writeInt(1);
      out.writeInt(1);
      out.writeDouble(0);
      out.writeDouble(0);
      out.writeDouble(Double.NaN);
    });
    assertThatThrownBy(() -> TextImageBridge.load(f)).isInstanceOf(FileFormatException.class).hasMessageContaining("a weight is NaN or infinite");
  }

  @Test
  void badInputsAreRefusedWithTheirTypeAndWhatToDo() {
    var d = data(new SplittableRandom(5), 12, 3, 2, 0);
    var config = BridgeConfig.defaults();
    assertThatThrownBy(() -> TextImageBridge.fit(d.x(), d.y().subList(0, 11), config, text(3), image(2)))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("got 12 text vectors but 11 image vectors; give one pair per work");
    assertThatThrownBy(() -> TextImageBridge.fit(d.x().subList(0, 9), d.y().subList(0, 9), config, text(3), image(2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("a text bridge needs at least 10 works with both text and image (BridgeConfig.minWorks), got 9");
    assertThatThrownBy(() -> TextImageBridge.fit(d.x(), d.y(), config, text(4), image(2)))
        .isInstanceOf(DimensionMismatchException.class).hasMessageContaining("text vector 0 has 3 dimensions, but test-text[words, dim=4] makes 4");
    var nan = new ArrayList<>(d.y());
    nan.set(5, new float[] {1, Float.NaN});
    assertThatThrownBy(() -> TextImageBridge.fit(d.x(), nan, config, text(3), image(2)))
        .isInstanceOf(InvalidVectorException.class).hasMessageContaining("image vector 5 holds a NaN or infinite component");
    assertThatThrownBy(() -> TextImageBridge.fit(null, d.y(), config, text(3), image(2))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("texts is null");
    var b = TextImageBridge.fit(d.x(), d.y(), config, text(3), image(2));
    assertThatThrownBy(() -> b.map(new float[2])).isInstanceOf(DimensionMismatchException.class).hasMessageContaining("the text vector has 2 dimensions");
    assertThatThrownBy(() -> b.map(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> b.save(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("file is null");
  }

  @Test
  void configValuesOutOfRangeAreConfigExceptions() {
    var d = BridgeConfig.defaults();
    assertThat(d.lambdas()).containsExactly(0.01, 0.1, 1.0, 10.0, 100.0);
    assertThatThrownBy(() -> d.withLambda(0)).isInstanceOf(ConfigException.class).hasMessageContaining("every lambda must be a finite number > 0");
    assertThatThrownBy(() -> d.withLambda(Double.NaN)).isInstanceOf(ConfigException.class).hasMessageContaining("every lambda must be a finite number > 0");
    assertThatThrownBy(() -> d.withLambdas(List.of())).isInstanceOf(ConfigException.class).hasMessageContaining("lambdas is empty");
    assertThatThrownBy(() -> d.withValidationShare(1)).isInstanceOf(ConfigException.class).hasMessageContaining("validationShare must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> d.withMinWorks(1)).isInstanceOf(ConfigException.class).hasMessageContaining("minWorks must be at least 2, got 1");
  }
}
