/**
 * artsim's contracts, values, errors, provider registry, vector kernels and file container.
 *
 * <p>Users need {@code org.artsim}, {@code org.artsim.analysis} and {@code org.artsim.spi};
 * implementers of a capability also read {@code org.artsim.vector} (kernels) and {@code
 * org.artsim.io} (the checksummed file container).
 */
module org.artsim.api {
  requires transitive java.desktop;
  requires org.slf4j;
  requires static jdk.incubator.vector;

  exports org.artsim;
  exports org.artsim.analysis;
  exports org.artsim.spi;
  exports org.artsim.vector;
  exports org.artsim.io;

  uses org.artsim.spi.VectorIndexProvider;
  uses org.artsim.spi.TextIndexProvider;
  uses org.artsim.spi.EmbedderProvider;
  uses org.artsim.spi.RecommenderProvider;
  uses org.artsim.spi.ClustererProvider;
  uses org.artsim.spi.UniquenessProvider;
  uses org.artsim.spi.DuplicateFinderProvider;
  uses org.artsim.spi.ImageQualityMeterProvider;
}
