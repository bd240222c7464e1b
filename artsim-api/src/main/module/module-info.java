/**
 * artsim's contracts, values, errors, provider registry, vector kernels and file container.
 *
 * <p>Users need {@code org.artsim}, {@code org.artsim.analysis} and {@code org.artsim.spi};
 * implementers of a capability also read {@code org.artsim.vector} (kernels, top-k). The
 * checksummed file container {@code org.artsim.io} is plumbing of artsim's own modules: it is
 * exported to them only (on the class path, where modules do not apply, it stays reachable, with no
 * compatibility promise).
 */
module org.artsim.api {
  requires transitive java.desktop;
  requires org.slf4j;
  requires static jdk.incubator.vector;

  exports org.artsim;
  exports org.artsim.analysis;
  exports org.artsim.spi;
  exports org.artsim.vector;
  exports org.artsim.io to
      org.artsim.index,
      org.artsim.text,
      org.artsim.recommend,
      org.artsim.embed,
      org.artsim.collection;

  uses org.artsim.spi.VectorIndexProvider;
  uses org.artsim.spi.TextIndexProvider;
  uses org.artsim.spi.EmbedderProvider;
  uses org.artsim.spi.RecommenderProvider;
  uses org.artsim.spi.ClustererProvider;
  uses org.artsim.spi.UniquenessProvider;
  uses org.artsim.spi.DuplicateFinderProvider;
  uses org.artsim.spi.ImageQualityMeterProvider;
}
