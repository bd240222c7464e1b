package org.artsim.spi;

/**
 * A typed configuration that names the provider it configures, so that {@code
 * Artsim.index(HnswConfig.defaults().withM(32), 512, Metric.COSINE)} needs no provider name and a
 * configuration can never reach a provider of another type.
 *
 * <p>Implementations are immutable values (usually records with {@code with...} methods).
 */
public interface ProviderConfig {
  /** The name of the provider this configures ({@code flat}, {@code hnsw-lucene}, {@code tfidf}...). */
  String provider();
}
