package org.artsim;

import java.util.List;

/**
 * An {@link Embedder} for text. When the same object is also an {@link ImageEmbedder} (CLIP),
 * text and image vectors live in one space, so a text query finds images.
 */
public interface TextEmbedder extends Embedder {

  /**
   * Embeds one text.
   *
   * @throws EmbeddingException if the text cannot be embedded
   */
  float[] embedText(String text);

  /** Embeds many texts, one result per input in input order, reporting progress. */
  List<EmbeddingResult> embedTexts(List<String> texts, ProgressListener listener);
}
