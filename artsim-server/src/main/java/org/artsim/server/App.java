package org.artsim.server;

import org.artsim.collection.ArtCollection;

/**
 * What every handler reads: the collection, the limits, and the shared views of the collection
 * (works, cached analyses, images, sessions).
 */
record App(ArtCollection art, ServerConfig config, Works works, Analyses analyses, Images images, Sessions sessions) {
  static App of(ArtCollection art, ServerConfig config) {
    return new App(art, config, new Works(art), new Analyses(art), new Images(art), new Sessions(art, config.maxSessions()));
  }

  /** A {@code k} parameter: 1 to {@link ServerConfig#maxResults()}. */
  int k(Request r, String name, int fallback) {
    return r.intParam(name, Math.min(fallback, config.maxResults()), 1, config.maxResults());
  }
}
