package org.artsim;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * An {@link Embedder} for images. Batch embedding reports one {@link EmbeddingResult} per input:
 * a bad image (missing, corrupt, unsupported, too large, a URL that times out) fails alone and
 * never becomes a placeholder vector.
 */
public interface ImageEmbedder extends Embedder {

  /**
   * Embeds one image.
   *
   * @throws EmbeddingException if the image cannot be read or embedded
   */
  float[] embedImage(ImageSource image);

  /** Embeds an image file. */
  default float[] embedImage(Path path) {
    return embedImage(ImageSource.of(path));
  }

  /** Embeds a decoded image. */
  default float[] embedImage(BufferedImage image) {
    return embedImage(ImageSource.of(image));
  }

  /** Embeds many images, one result per input in input order, reporting progress. */
  List<EmbeddingResult> embedImages(List<? extends ImageSource> images, ProgressListener listener);

  /** Embeds many images, one result per input in input order. */
  default List<EmbeddingResult> embedImages(List<? extends ImageSource> images) {
    return embedImages(images, ProgressListener.NONE);
  }
}
