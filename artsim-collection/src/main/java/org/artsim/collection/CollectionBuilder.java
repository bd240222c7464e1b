package org.artsim.collection;

import java.nio.file.Path;
import org.artsim.ImageEmbedder;
import org.artsim.UnknownProviderException;

/**
 * Builds an {@link ArtCollection} ({@code ArtCollection.builder()}): its {@link CollectionConfig},
 * and optionally an embedder instance of the caller's and the directory relative image paths
 * resolve against. Not thread-safe; {@link #build()} may be called more than once.
 */
public final class CollectionBuilder {
  private CollectionConfig config = CollectionConfig.defaults();
  private ImageEmbedder embedder;
  private Path imageBase;

  CollectionBuilder() {}

  /** Provider names and settings (default {@link CollectionConfig#defaults()}). */
  public CollectionBuilder config(CollectionConfig c) {
    this.config = Args.notNull(c, "config");
    return this;
  }

  /** An embedder instance instead of the configured one (stays the caller's to close). */
  public CollectionBuilder embedder(ImageEmbedder e) {
    this.embedder = Args.notNull(e, "embedder");
    return this;
  }

  /** The directory relative image paths are resolved against (default: the working directory). */
  public CollectionBuilder imageBase(Path dir) {
    this.imageBase = dir;
    return this;
  }

  /**
   * Creates the collection.
   *
   * @throws UnknownProviderException if a configured provider is not installed (the message names the module to add)
   */
  public ArtCollection build() {
    return CollectionAssembly.create(config, embedder, imageBase);
  }
}
