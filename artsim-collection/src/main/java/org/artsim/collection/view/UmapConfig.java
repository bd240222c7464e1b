package org.artsim.collection.view;

import org.artsim.ConfigException;

/**
 * Settings of {@link UmapMap}, with the defaults of umap-learn (McInnes, Healy and Melville 2018)
 * in one place.
 *
 * @param nNeighbors the size of each point's neighbourhood in the kNN graph, at least 2 and below
 *     the number of points (default 15)
 * @param minDist how tightly points may be packed in the map, in [0, spread] (default 0.1)
 * @param spread the scale of the embedded points, positive (default 1)
 * @param epochs optimisation epochs, or 0 for the default: 500 for up to 10,000 points, 200 above
 * @param negativeSampleRate negative samples per positive edge sample, at least 1 (default 5)
 * @param learningRate the initial SGD step, positive (default 1)
 * @param seed the seed of the negative sampling and of the initial jitter; the map is a function of
 *     the vectors, the settings and this seed
 */
public record UmapConfig(int nNeighbors, double minDist, double spread, int epochs, int negativeSampleRate, double learningRate, long seed) {
  private static final UmapConfig DEFAULTS = new UmapConfig(15, 0.1, 1.0, 0, 5, 1.0, 42);

  /** Points above which the default number of epochs drops from 500 to 200, as in umap-learn. */
  public static final int LARGE = 10_000;

  /** Validates the settings. */
  public UmapConfig {
    if (nNeighbors < 2) {
      throw new ConfigException("umap: nNeighbors must be >= 2, got " + nNeighbors);
    }
    if (!(spread > 0) || Double.isInfinite(spread)) {
      throw new ConfigException("umap: spread must be a positive number, got " + spread);
    }
    if (!(minDist >= 0 && minDist <= spread)) {
      throw new ConfigException("umap: minDist must be in [0, spread=" + spread + "], got " + minDist);
    }
    if (epochs < 0 || epochs > 100_000) {
      throw new ConfigException("umap: epochs must be 0 (default) or in [1, 100000], got " + epochs);
    }
    if (negativeSampleRate < 1 || negativeSampleRate > 100) {
      throw new ConfigException("umap: negativeSampleRate must be in [1, 100], got " + negativeSampleRate);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new ConfigException("umap: learningRate must be a positive number, got " + learningRate);
    }
  }

  /** The defaults: 15 neighbours, minDist 0.1, spread 1, epochs by size, 5 negative samples, rate 1, seed 42. */
  public static UmapConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another neighbourhood size. */
  public UmapConfig withNeighbors(int k) {
    return new UmapConfig(k, minDist, spread, epochs, negativeSampleRate, learningRate, seed);
  }

  /** A copy with another minimum distance. */
  public UmapConfig withMinDist(double d) {
    return new UmapConfig(nNeighbors, d, spread, epochs, negativeSampleRate, learningRate, seed);
  }

  /** A copy with another number of epochs (0: by size). */
  public UmapConfig withEpochs(int e) {
    return new UmapConfig(nNeighbors, minDist, spread, e, negativeSampleRate, learningRate, seed);
  }

  /** A copy with another seed. */
  public UmapConfig withSeed(long s) {
    return new UmapConfig(nNeighbors, minDist, spread, epochs, negativeSampleRate, learningRate, s);
  }

  /** The epochs to run for {@code n} points. */
  public int epochsFor(int n) {
    return epochs > 0 ? epochs : n > LARGE ? 200 : 500;
  }
}
