package org.artsim.index.hnsw;

import org.artsim.ConfigException;

/**
 * Whether hnswlib-core, an optional dependency of artsim-index that only the {@code "hnsw"}
 * provider needs, is on the class path; and the error that says how to add it. Stateless.
 */
final class Hnswlib {
  /** The Maven coordinates to add. */
  static final String COORDINATES = "com.github.jelmerk:hnswlib-core:1.2.1";

  private Hnswlib() {}

  /**
   * Checks that hnswlib-core's classes can be loaded by the loader that loaded artsim-index.
   *
   * @throws ConfigException naming the Maven coordinates to add, and the alternative provider
   */
  static void require() {
    try {
      Class.forName("com.github.jelmerk.hnswlib.core.hnsw.HnswIndex", false, Hnswlib.class.getClassLoader());
      Class.forName("org.eclipse.collections.api.list.primitive.MutableIntList", false, Hnswlib.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(
          "hnsw: the \"hnsw\" index needs hnswlib-core, an optional dependency of artsim-index that is not on the class path; add the Maven dependency "
              + COORDINATES + " (it brings eclipse-collections), or use the \"hnsw-lucene\" index, which needs nothing more",
          e);
    }
  }
}
