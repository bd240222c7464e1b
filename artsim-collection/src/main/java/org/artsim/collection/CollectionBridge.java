package org.artsim.collection;

import java.util.ArrayList;
import java.util.List;
import org.artsim.ArtsimException;
import org.artsim.DimensionMismatchException;
import org.artsim.EmbedderInfo;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.bridge.BridgeConfig;
import org.artsim.collection.bridge.TextImageBridge;

/**
 * Fits a {@link TextImageBridge} on a collection's own works and checks that a bridge fits a
 * collection. The text of a work is its catalogue text as dense text search composes it ({@link
 * DenseTextIndex#text}: title, artist, description, extra fields such as keywords...); a work
 * "has text" when that is not blank. Its text vector is the one the dense text index already holds
 * and its image vector the one the vector index holds, so fitting embeds nothing.
 */
final class CollectionBridge {
  private CollectionBridge() {}

  /**
   * Fits a bridge on the works that have text, from the collection's text embedder into its image space.
   *
   * @throws ArtsimException if the collection has no text embedder
   * @throws InvalidArgumentException if fewer works have text than {@link BridgeConfig#minWorks()}
   */
  static TextImageBridge fit(CollectionContents contents, CollectionConfig collection, EmbedderInfo imageInfo, BridgeConfig config) {
    DenseTextIndex dense = textSide(contents, collection);
    List<float[]> texts = new ArrayList<>();
    List<float[]> images = new ArrayList<>();
    int total;
    synchronized (contents) {
      List<CatalogueRecord> records = contents.records();
      total = records.size();
      for (CatalogueRecord r : records) {
        if (DenseTextIndex.text(r).isBlank()) {
          continue;
        }
        var t = dense.vector(r.id());
        var i = contents.index().vector(r.id());
        if (t.isPresent() && i.isPresent()) {
          texts.add(t.get());
          images.add(i.get());
        }
      }
    }
    if (texts.size() < config.minWorks()) {
      throw new InvalidArgumentException(
          "only " + texts.size() + " of the collection's " + total + " works have catalogue text; a text bridge needs at least " + config.minWorks()
              + " (BridgeConfig.minWorks). Add titles, keywords or descriptions to more works, or lower minWorks");
    }
    return TextImageBridge.fit(texts, images, config, dense.info(), imageInfo);
  }

  /** The dense text index whose embedder is the bridge's text side; refuses a collection without one. */
  static DenseTextIndex textSide(CollectionContents contents, CollectionConfig collection) {
    DenseTextIndex dense = contents.dense();
    if (dense == null) {
      throw new ArtsimException(
          "a text bridge reads the collection's text embedder, and this collection has none" + (collection.denseTextSearch() ? " installed ('" + collection.textEmbedder().provider() + "')" : "")
              + "; name one with CollectionConfig.withTextEmbedder(ProviderSettings.of(\"minilm\"))");
    }
    return dense;
  }

  /**
   * Checks that a bridge reads the collection's text vectors and writes its image vectors.
   *
   * @throws DimensionMismatchException if its dimensions differ from the collection's
   * @throws IncompatibleEmbedderException if it was fitted for other embedders
   */
  static void check(TextImageBridge bridge, EmbedderInfo imageInfo, EmbedderInfo textInfo) {
    var p = bridge.provenance();
    if (bridge.imageDimension() != imageInfo.dimension()) {
      throw new DimensionMismatchException(
          "the text bridge makes " + bridge.imageDimension() + "-dimensional image vectors, but this collection's embedder " + imageInfo + " makes " + imageInfo.dimension()
              + "; fit a bridge on this collection with fitTextBridge");
    }
    if (bridge.textDimension() != textInfo.dimension()) {
      throw new DimensionMismatchException(
          "the text bridge reads " + bridge.textDimension() + "-dimensional text vectors, but this collection's text embedder " + textInfo + " makes " + textInfo.dimension()
              + "; fit a bridge on this collection with fitTextBridge");
    }
    if (!p.imageModel().compatibleWith(imageInfo)) {
      throw new IncompatibleEmbedderException(
          "the text bridge was fitted for the image embedder " + p.imageModel() + ", but this collection's vectors are made by " + imageInfo
              + "; its outputs would be compared with vectors of another space. Fit a bridge on this collection with fitTextBridge");
    }
    if (!p.textModel().compatibleWith(textInfo)) {
      throw new IncompatibleEmbedderException(
          "the text bridge was fitted for the text embedder " + p.textModel() + ", but this collection's text embedder is " + textInfo
              + "; queries would be embedded into another space. Fit a bridge on this collection with fitTextBridge");
    }
  }
}
