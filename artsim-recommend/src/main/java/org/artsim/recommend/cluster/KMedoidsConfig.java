package org.artsim.recommend.cluster;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of {@link KMedoids}, and the typed configuration of the {@code "fasterpam"} clusterer
 * ({@code Artsim.clusterer(KMedoidsConfig.defaults().withInit(Initialization.LAB))}); the
 * clusterer takes {@code k} and {@code seed} from each {@code cluster} call instead of from here.
 *
 * @param k the number of clusters (medoids), at least 1; setting {@code k}
 * @param init how the first medoids are chosen; setting {@code init} ({@code build}, {@code lab},
 *     {@code random})
 * @param seed the seed of every random choice (LAB samples, random initialisation, CLARA samples);
 *     equal seeds give equal results; setting {@code seed}
 * @param maxIterations the most passes over the data FasterPAM makes, at least 1; setting {@code
 *     max_iterations}
 * @param matrixLimit up to this many vectors, {@link KMedoids#fit(float[][], org.artsim.Metric,
 *     KMedoidsConfig)} precomputes a full float distance matrix ({@code 4n²} bytes); above it,
 *     distances are computed on the fly; setting {@code matrix_limit}
 * @param claraSamples how many samples CLARA clusters, at least 1; setting {@code clara_samples}
 * @param claraSampleSize objects per CLARA sample, or 0 for {@code 80 + 4k} (Kaufman and
 *     Rousseeuw's choice); setting {@code clara_sample_size}
 * @param restarts extra FasterPAM runs from random medoids (seeded from {@code seed}) after the
 *     first run from {@code init}; the run with the lowest loss wins (the earlier on ties). FasterPAM
 *     stops at a local optimum for single swaps, as PAM does; restarts make reaching the global
 *     optimum more likely at a proportional cost. Default 0; setting {@code restarts}
 */
public record KMedoidsConfig(
    int k, Initialization init, long seed, int maxIterations, int matrixLimit, int claraSamples, int claraSampleSize, int restarts)
    implements ProviderConfig {

  /** The name of the clusterer provider this configures. */
  public static final String PROVIDER = "fasterpam";

  /** How FasterPAM's starting medoids are chosen. */
  public enum Initialization {
    /**
     * PAM's BUILD (Kaufman and Rousseeuw 1990): the object with the least distance sum, then
     * greedily the object that lowers the total deviation most. {@code O(k·n²)}; a starting point so
     * good that FasterPAM needs few swaps.
     */
    BUILD,
    /**
     * LAB, the linear approximate BUILD (Schubert and Rousseeuw 2019): each medoid is chosen by
     * BUILD's rule on a fresh random sample of {@code 10 + ⌈√n⌉} objects. {@code O(k·n)}; the choice
     * for large n.
     */
    LAB,
    /** {@code k} distinct objects drawn uniformly. {@code O(k)}; FasterPAM then does more swaps. */
    RANDOM
  }

  private static final KMedoidsConfig DEFAULTS = new KMedoidsConfig(8, Initialization.BUILD, 42L, 100, 10_000, 5, 0, 0);

  /** Validates the settings. */
  public KMedoidsConfig {
    if (k < 1) {
      throw new ConfigException(PROVIDER + ": k must be >= 1, got " + k);
    }
    if (init == null) {
      throw new ConfigException(PROVIDER + ": init is null; use build, lab or random");
    }
    if (maxIterations < 1) {
      throw new ConfigException(PROVIDER + ": max_iterations must be >= 1, got " + maxIterations);
    }
    if (matrixLimit < 0 || matrixLimit > VectorDissimilarity.MAX_MATRIX) {
      throw new ConfigException(PROVIDER + ": matrix_limit must be in [0, " + VectorDissimilarity.MAX_MATRIX + "], got " + matrixLimit);
    }
    if (claraSamples < 1) {
      throw new ConfigException(PROVIDER + ": clara_samples must be >= 1, got " + claraSamples);
    }
    if (claraSampleSize < 0) {
      throw new ConfigException(PROVIDER + ": clara_sample_size must be 0 (80 + 4k) or positive, got " + claraSampleSize);
    }
    if (restarts < 0) {
      throw new ConfigException(PROVIDER + ": restarts must be >= 0, got " + restarts);
    }
  }

  /** The defaults: k = 8, BUILD, seed 42, 100 passes, matrix up to 10,000 objects, CLARA 5 × (80 + 4k), no restarts. */
  public static KMedoidsConfig defaults() {
    return DEFAULTS;
  }

  /** The defaults with {@code k} clusters. */
  public static KMedoidsConfig of(int k) {
    return DEFAULTS.withK(k);
  }

  /** A copy with another k. */
  public KMedoidsConfig withK(int k) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, claraSamples, claraSampleSize, restarts);
  }

  /** A copy with another initialisation. */
  public KMedoidsConfig withInit(Initialization init) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, claraSamples, claraSampleSize, restarts);
  }

  /** A copy with another seed. */
  public KMedoidsConfig withSeed(long seed) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, claraSamples, claraSampleSize, restarts);
  }

  /** A copy with another pass limit. */
  public KMedoidsConfig withMaxIterations(int maxIterations) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, claraSamples, claraSampleSize, restarts);
  }

  /** A copy with another matrix limit. */
  public KMedoidsConfig withMatrixLimit(int matrixLimit) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, claraSamples, claraSampleSize, restarts);
  }

  /** A copy with other CLARA settings. */
  public KMedoidsConfig withClara(int samples, int sampleSize) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, samples, sampleSize, restarts);
  }

  /** A copy with another number of random restarts. */
  public KMedoidsConfig withRestarts(int restarts) {
    return new KMedoidsConfig(k, init, seed, maxIterations, matrixLimit, claraSamples, claraSampleSize, restarts);
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** The CLARA sample size in effect for {@code n} objects. */
  public int effectiveClaraSampleSize(int n) {
    int s = claraSampleSize == 0 ? 80 + 4 * k : claraSampleSize;
    return Math.min(n, Math.max(s, k));
  }

  /** Reads the settings named above; unknown keys are refused. */
  public static KMedoidsConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PROVIDER, settings);
    var config =
        new KMedoidsConfig(
            c.getInt("k", DEFAULTS.k),
            c.getEnum("init", Initialization.class, DEFAULTS.init),
            c.getLong("seed", DEFAULTS.seed),
            c.getInt("max_iterations", DEFAULTS.maxIterations),
            c.getInt("matrix_limit", DEFAULTS.matrixLimit),
            c.getInt("clara_samples", DEFAULTS.claraSamples),
            c.getInt("clara_sample_size", DEFAULTS.claraSampleSize),
            c.getInt("restarts", DEFAULTS.restarts));
    c.finish();
    return config;
  }
}
