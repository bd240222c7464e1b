package org.artsim.collection;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ingest.EmbeddingStage;
import org.artsim.collection.ingest.ImageLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an {@link ArtCollection}'s images are and how they are read: resolves a record's image
 * against the collection's image base (refusing unsafe files), decodes local images, and embeds
 * through the one {@link EmbeddingStage} every add route uses. Thread-safe; the image base may be
 * changed at any time and applies to the next resolution.
 */
final class RecordImages {
  private static final Logger LOG = LoggerFactory.getLogger(RecordImages.class);

  private final Supplier<ImageEmbedder> embedder;
  private final Function<String, CatalogueRecord> records;
  private volatile Path base;

  /**
   * @param embedder the collection's embedder (throws if the collection has none installed)
   * @param records the record of an id (throws if there is none or the collection is closed)
   */
  RecordImages(Supplier<ImageEmbedder> embedder, Function<String, CatalogueRecord> records, Path base) {
    this.embedder = embedder;
    this.records = records;
    this.base = base;
  }

  Path base() {
    return base;
  }

  void base(Path dir) {
    this.base = dir;
  }

  /** The embedding stage over the collection's embedder. */
  EmbeddingStage stage() {
    return new EmbeddingStage(embedder.get());
  }

  /** Where a record's image is; see {@link ImageLocation}. */
  ImageSource source(CatalogueRecord record) {
    Args.notNull(record, "record");
    ImageSource s = ImageLocation.resolve(record.id(), record.image(), base);
    String unsafe = ImageLocation.unsafeFile(s);
    if (unsafe != null) {
      throw new InvalidArgumentException("record '" + record.id() + "': " + unsafe);
    }
    return s;
  }

  /** The vector of a record's image. */
  float[] embed(CatalogueRecord record) {
    return stage().embedOne(source(record));
  }

  /** A record's decoded image, or null if it cannot be read here. */
  BufferedImage read(String id) {
    try {
      return ImageLocation.decodeLocal(source(records.apply(id)));
    } catch (RuntimeException e) {
      LOG.debug("cannot read the image of {}: {}", id, e.toString());
      return null;
    }
  }
}
