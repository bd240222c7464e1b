/**
 * artsim's vector indexes: {@code flat}, {@code balltree}, {@code hnsw-lucene} and {@code hnsw},
 * found by name through {@code org.artsim.Artsim.index(...)}.
 *
 * <p>Users need only the typed configurations in {@code org.artsim.index} ({@code FlatConfig},
 * {@code BallTreeConfig}, {@code HnswConfig}); the implementations stay inside the module. The
 * {@code hnsw} provider needs hnswlib-core (and its eclipse-collections), an optional dependency:
 * without it, that provider refuses with an error naming the Maven coordinates to add.
 */
module org.artsim.index {
  requires org.artsim.api;
  requires org.apache.lucene.core;
  requires static hnswlib.core;
  requires static org.eclipse.collections.api;

  exports org.artsim.index;

  provides org.artsim.spi.VectorIndexProvider with
      org.artsim.index.flat.FlatIndexProvider,
      org.artsim.index.balltree.BallTreeIndexProvider,
      org.artsim.index.hnsw.HnswIndexProvider,
      org.artsim.index.hnsw.LuceneHnswIndexProvider;
}
