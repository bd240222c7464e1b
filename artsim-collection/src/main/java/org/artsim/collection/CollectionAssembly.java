package org.artsim.collection;

import java.nio.file.Path;
import java.util.UUID;
import org.artsim.DimensionMismatchException;
import org.artsim.EmbedderInfo;
import org.artsim.ImageEmbedder;
import org.artsim.TextEmbedder;
import org.artsim.UnknownProviderException;
import org.artsim.collection.bridge.TextImageBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an {@link ArtCollection} together, new ({@link #create}) or saved ({@link #load}), from
 * parts the {@link PartsFactory} makes and the {@link CollectionStore} reads. On failure, every part
 * it created is closed again.
 */
final class CollectionAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionAssembly.class);

  private CollectionAssembly() {}

  static ArtCollection create(CollectionConfig config, ImageEmbedder given, Path imageBase) {
    boolean owns = given == null;
    ImageEmbedder e = owns ? new PartsFactory(config).embedder() : given;
    CollectionContents contents = null;
    try {
      EmbedderInfo info = e.info();
      var c = owns ? config : config.withEmbedder(ProviderSettings.of(info.provider(), info.settings()));
      var parts = new PartsFactory(c);
      contents = new CollectionContents(parts.index(info.dimension(), c.metric(), 0), parts.text(), dense(parts, true), parts);
      return new ArtCollection(UUID.randomUUID().toString(), parts, e, owns, info, contents, imageBase);
    } catch (RuntimeException ex) {
      if (contents != null) {
        contents.close();
      }
      if (owns) {
        e.close();
      }
      throw ex;
    }
  }

  /**
   * The dense text index the config asks for, or null. A missing text embedder fails a new
   * collection, and is logged for a loaded one (which then searches by the text index only).
   */
  private static DenseTextIndex dense(PartsFactory parts, boolean creating) {
    TextEmbedder te;
    try {
      te = parts.textEmbedder();
    } catch (UnknownProviderException e) {
      if (creating) {
        throw e;
      }
      LOG.warn("loading without dense text search: {}", e.getMessage());
      return null;
    }
    if (te == null) {
      return null;
    }
    try {
      return DenseTextIndex.create(te, parts);
    } catch (RuntimeException e) {
      te.close();
      throw e;
    }
  }

  /**
   * The saved text bridge, if it fits the collection's embedders; a bridge that does not (the
   * text embedder installed now makes other vectors) is logged and left out, so that the
   * collection still loads and can fit a new one. Without the text embedder installed it is kept
   * (searches by text then say what to install).
   */
  private static TextImageBridge usableBridge(CollectionStore.Loaded saved, DenseTextIndex dense) {
    TextImageBridge b = saved.bridge();
    if (b == null || dense == null) {
      return b;
    }
    try {
      CollectionBridge.check(b, saved.info(), dense.info());
      return b;
    } catch (IncompatibleEmbedderException | DimensionMismatchException e) {
      LOG.warn("the saved text bridge is not used: {}", e.getMessage());
      return null;
    }
  }

  static ArtCollection load(Path dir, ImageEmbedder given) {
    var saved = CollectionStore.load(dir, c -> new PartsFactory(c).text());
    var parts = new PartsFactory(saved.config());
    ImageEmbedder e = given;
    try {
      if (given == null) {
        try {
          e = new PartsFactory(saved.config().withEmbedder(ProviderSettings.of(saved.info().provider(), saved.info().settings()))).embedder();
        } catch (UnknownProviderException ex) {
          LOG.warn("loading {} without its embedder: {}; searches by text and by id work, searches by image do not", dir, ex.getMessage());
        }
      }
      if (e != null && !saved.info().compatibleWith(e.info())) {
        throw new IncompatibleEmbedderException(
            "the collection in " + dir + " was embedded with " + saved.info() + ", but the embedder given makes " + e.info()
                + "; vectors of different embedders cannot be compared. Load it with the embedder it was made with, or ingest the catalogue again into a new collection");
      }
      var contents = new CollectionContents(saved.index(), saved.text(), dense(parts, false), parts);
      try {
        contents.restore(saved.records());
        contents.bridge(usableBridge(saved, contents.dense()));
      } catch (RuntimeException ex) {
        if (contents.dense() != null) {
          contents.dense().close();
        }
        throw ex;
      }
      return new ArtCollection(saved.id(), parts, e, given == null, saved.info(), contents, saved.imageBase());
    } catch (RuntimeException ex) {
      saved.index().close();
      if (saved.text() != null) {
        saved.text().close();
      }
      if (given == null && e != null) {
        e.close();
      }
      throw ex;
    }
  }
}
