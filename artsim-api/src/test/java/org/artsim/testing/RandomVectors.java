package org.artsim.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.Labels;
import org.artsim.VectorEntry;

/** Seeded random vectors and entries for tests. */
public final class RandomVectors {
  private RandomVectors() {}

  /** A Gaussian vector. */
  public static float[] gaussian(SplittableRandom r, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) gaussianValue(r);
    }
    return v;
  }

  /** A standard normal value (Box-Muller, so it only needs a SplittableRandom). */
  public static double gaussianValue(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A vector of small integers in [-3, 3]: scores are exact, and ties are frequent. */
  public static float[] smallIntegers(SplittableRandom r, int dim) {
    float[] v = new float[dim];
    boolean nonZero = false;
    for (int i = 0; i < dim; i++) {
      v[i] = r.nextInt(7) - 3;
      nonZero |= v[i] != 0;
    }
    if (!nonZero) {
      v[r.nextInt(dim)] = 1;
    }
    return v;
  }

  /**
   * {@code n} entries with ids {@code "id-0000"...}, Gaussian vectors (or small integers when
   * {@code ties}), a label {@code "colour"} drawn from {@code colours} values and a label {@code
   * "shape"} from three values. With ties, about one in five vectors repeats an earlier one.
   */
  public static List<VectorEntry> entries(SplittableRandom r, int n, int dim, int colours, boolean ties) {
    var out = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      float[] v;
      if (ties && i > 0 && r.nextInt(5) == 0) {
        v = out.get(r.nextInt(i)).vector().clone();
      } else {
        v = ties ? smallIntegers(r, dim) : gaussian(r, dim);
      }
      var labels = Labels.of("colour", "c" + r.nextInt(colours), "shape", "s" + r.nextInt(3));
      out.add(new VectorEntry(String.format("id-%04d", i), v, labels));
    }
    return out;
  }
}
