package org.artsim;

/**
 * How closeness between two vectors is measured. Every artsim search returns a <em>score</em>
 * where higher means closer, whatever the metric; {@link #distance(float)} turns a score back into
 * the metric's usual distance.
 *
 * <ul>
 *   <li>{@link #COSINE}: vectors are L2-normalised when added and queries when searched; the score
 *       is the cosine similarity in [-1, 1]. Zero vectors are rejected.
 *   <li>{@link #DOT}: the raw inner product; vectors are stored as given (maximum inner product
 *       search, as SynapseML's ConditionalKNN does).
 *   <li>{@link #L2}: the score is the <em>negated squared</em> Euclidean distance, so that higher
 *       is still closer; {@code distance(score)} gives the Euclidean distance.
 * </ul>
 */
public enum Metric {
  /** Cosine similarity of L2-normalised vectors. */
  COSINE,
  /** Inner product of the vectors as given. */
  DOT,
  /** Euclidean distance; scores are negated squared distances. */
  L2;

  /**
   * The metric's usual distance for a score this metric produced: {@code 1 - score} for cosine,
   * {@code -score} for dot, {@code sqrt(-score)} (the Euclidean distance) for L2.
   */
  public double distance(float score) {
    return switch (this) {
      case COSINE -> 1.0 - score;
      case DOT -> -score;
      case L2 -> Math.sqrt(Math.max(0.0, -score));
    };
  }

  /** Whether vectors are normalised to unit length when they enter an index under this metric. */
  public boolean normalises() {
    return this == COSINE;
  }

  /**
   * Parses a metric name, ignoring case: {@code cosine}, {@code dot} (also {@code ip}, {@code
   * inner_product}) or {@code l2} (also {@code euclidean}).
   *
   * @throws ConfigException for any other name
   */
  public static Metric parse(String name) {
    if (name == null) {
      throw new ConfigException("metric is null; use one of cosine, dot, l2");
    }
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "cosine", "cos" -> COSINE;
      case "dot", "ip", "inner_product", "innerproduct" -> DOT;
      case "l2", "euclidean" -> L2;
      default -> throw new ConfigException("unknown metric '" + name + "'; use one of cosine, dot, l2");
    };
  }
}
