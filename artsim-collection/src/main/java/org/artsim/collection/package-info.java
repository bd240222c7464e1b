/**
 * The collection facade: {@link org.artsim.collection.ArtCollection} wires an image embedder, a
 * vector index, a text index and a recommender, chosen by provider name ({@link
 * org.artsim.collection.CollectionConfig}) or passed as instances, around {@link
 * org.artsim.collection.CatalogueRecord}s, and saves the whole collection in one directory ({@link
 * org.artsim.collection.CollectionStore}).
 *
 * <h2>Plugging in your own parts</h2>
 *
 * Any provider registered under {@code META-INF/services} can be named in the configuration
 * ({@code CollectionConfig.defaults().withEmbedder("mine")}); an instance can be passed to {@code
 * ArtCollection.builder()}; clusters, uniqueness and duplicates take other algorithms through
 * {@code ArtCollection.use(...)}.
 */
package org.artsim.collection;
