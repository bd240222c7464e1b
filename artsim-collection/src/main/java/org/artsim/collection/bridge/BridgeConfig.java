package org.artsim.collection.bridge;

import java.util.List;
import org.artsim.ConfigException;

/**
 * How a {@link TextImageBridge} is fitted, with the defaults in one place ({@link #defaults()}):
 *
 * <ul>
 *   <li>{@code lambdas = [0.01, 0.1, 1, 10, 100]} &mdash; the ridge penalties tried. With more than
 *       one, a seeded {@code validationShare} of the training works is held out, each penalty is
 *       fitted on the rest, the one with the least mean squared error on the held-out works wins,
 *       and the bridge is fitted again on all training works with it. With one, that penalty is
 *       used and nothing is held out;
 *   <li>{@code validationShare = 0.2};
 *   <li>{@code seed = 42} &mdash; the split's seed (recorded in the {@link BridgeProvenance});
 *   <li>{@code centre = true} &mdash; subtract the mean text and image vectors before fitting (an
 *       intercept), add the image mean back when mapping;
 *   <li>{@code minWorks = 10} &mdash; fewer works with both text and image than this are refused.
 * </ul>
 *
 * @param lambdas the ridge penalties to choose from (each finite and &gt; 0; at least one)
 * @param validationShare the share of the training works held out to choose the penalty, in (0, 1)
 * @param seed the seed of the held-out split
 * @param centre whether to centre both sides (fit an intercept)
 * @param minWorks the fewest works with text and image a fit accepts (at least 2)
 */
public record BridgeConfig(List<Double> lambdas, double validationShare, long seed, boolean centre, int minWorks) {
  private static final BridgeConfig DEFAULTS = new BridgeConfig(List.of(0.01, 0.1, 1.0, 10.0, 100.0), 0.2, 42, true, 10);

  /**
   * Checks every value.
   *
   * @throws ConfigException naming the value that is out of range
   */
  public BridgeConfig {
    if (lambdas == null || lambdas.isEmpty()) {
      throw new ConfigException("bridge: lambdas is " + (lambdas == null ? "null" : "empty") + "; give at least one ridge penalty > 0, e.g. List.of(1.0)");
    }
    for (Double l : lambdas) {
      if (l == null || !Double.isFinite(l) || l <= 0) {
        throw new ConfigException("bridge: every lambda must be a finite number > 0, got " + lambdas + "; the ridge penalty keeps the normal equations solvable");
      }
    }
    lambdas = List.copyOf(lambdas);
    if (!(validationShare > 0 && validationShare < 1)) {
      throw new ConfigException("bridge: validationShare must be in (0, 1), got " + validationShare + "; 0.2 holds out a fifth of the training works");
    }
    if (minWorks < 2) {
      throw new ConfigException("bridge: minWorks must be at least 2, got " + minWorks);
    }
  }

  /** The defaults listed in the class comment. */
  public static BridgeConfig defaults() {
    return DEFAULTS;
  }

  /** A copy that uses one penalty, without a held-out split. */
  public BridgeConfig withLambda(double lambda) {
    return new BridgeConfig(List.of(lambda), validationShare, seed, centre, minWorks);
  }

  /** A copy that chooses among these penalties. */
  public BridgeConfig withLambdas(List<Double> l) {
    return new BridgeConfig(l, validationShare, seed, centre, minWorks);
  }

  /** A copy with another held-out share. */
  public BridgeConfig withValidationShare(double share) {
    return new BridgeConfig(lambdas, share, seed, centre, minWorks);
  }

  /** A copy with another split seed. */
  public BridgeConfig withSeed(long s) {
    return new BridgeConfig(lambdas, validationShare, s, centre, minWorks);
  }

  /** A copy that centres (or not). */
  public BridgeConfig withCentre(boolean c) {
    return new BridgeConfig(lambdas, validationShare, seed, c, minWorks);
  }

  /** A copy with another minimum number of works. */
  public BridgeConfig withMinWorks(int n) {
    return new BridgeConfig(lambdas, validationShare, seed, centre, n);
  }
}
