package org.artsim.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.vector.Vectors;

/**
 * The README's main command ({@code ./artsim demo}): builds an exact index over generated
 * clustered vectors labelled by culture, then prints a query's nearest neighbours with and without
 * a culture condition.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo; {@code args[0]} optionally sets the number of vectors (default 20,000). */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int dim = 512;
    String[] cultures = {"japanese", "american", "egyptian", "french", "chinese"};
    var random = new SplittableRandom(42);
    float[][] centres = new float[50][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = Vectors.normalised(gaussian(random, dim, 1.0));
    }
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(centres.length);
      float[] v = gaussian(random, dim, 0.6 / Math.sqrt(dim));
      for (int d = 0; d < dim; d++) {
        v[d] += centres[c][d];
      }
      entries.add(new VectorEntry("work-" + i, v, Labels.of("culture", cultures[c % cultures.length], "cluster", "c" + c)));
    }
    long t0 = System.nanoTime();
    VectorIndex index = Artsim.index("flat", dim, Metric.COSINE);
    index.addAll(entries);
    long t1 = System.nanoTime();
    System.out.printf("built %s in %.0f ms%n", index, (t1 - t0) / 1e6);

    float[] query = entries.get(7).vector();
    System.out.println("query: work-7 " + entries.get(7).labels());
    print("10 nearest", index.search(query, 10));
    print("5 nearest egyptian works", index.search(query, 5, LabelFilter.anyOf("culture", "egyptian")));
    print("closest work per culture", index.matchesPerLabel(query, 1, "culture", List.of(cultures)).values().stream().flatMap(List::stream).toList());
  }

  private static void print(String title, List<Hit> hits) {
    System.out.println(title + ":");
    for (Hit h : hits) {
      System.out.printf("  %-12s %.4f  %s%n", h.id(), h.score(), h.labels());
    }
  }

  private static float[] gaussian(SplittableRandom r, int dim, double sigma) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      double u = 1.0 - r.nextDouble();
      v[i] = (float) (sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble()));
    }
    return v;
  }
}
