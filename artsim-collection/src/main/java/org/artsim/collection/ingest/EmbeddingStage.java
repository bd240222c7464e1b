package org.artsim.collection.ingest;

import java.util.ArrayList;
import java.util.List;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.ProgressListener;
import org.artsim.collection.iiif.IiifImages;
import org.artsim.collection.iiif.IiifLimits;

/**
 * Turns images into vectors with one embedder: the single embedding route of a collection (adding
 * one record, a batch, or a whole catalogue all come through here). Each item ends with a vector or
 * its own error, and one bad image never stops the others. A local path that is not a regular file
 * ({@code /dev/zero}, a FIFO) is refused without being read ({@link ImageLocation#unsafeFile}).
 * An IIIF {@code info.json} URL is replaced by the derivative of the size the embedder needs
 * ({@link IiifImages}; its limits from the embedder's settings), its failures that item's error.
 * Ingestion adds checkpointing per batch ({@link Checkpoint}).
 *
 * <p>Thread-safe if the embedder is (artsim's embedders are).
 */
public final class EmbeddingStage {
  private final ImageEmbedder embedder;
  private volatile IiifLimits iiif;

  /** A stage over {@code embedder} (not closed by the stage). */
  public EmbeddingStage(ImageEmbedder embedder) {
    if (embedder == null) {
      throw new InvalidArgumentException("embedder is null; give the collection's ImageEmbedder");
    }
    this.embedder = embedder;
  }

  private IiifLimits iiifLimits() {
    IiifLimits l = iiif;
    if (l == null) {
      l = IiifLimits.forEmbedder(embedder.info().settings());
      iiif = l;
    }
    return l;
  }

  /** What makes the vectors. */
  public EmbedderInfo info() {
    return embedder.info();
  }

  /**
   * Embeds every source; result {@code i} belongs to {@code sources.get(i)}.
   *
   * @throws InvalidArgumentException if the list or one of its sources is null
   */
  public List<EmbeddingResult> embed(List<? extends ImageSource> sources, ProgressListener listener) {
    if (sources == null) {
      throw new InvalidArgumentException("sources is null; give a list of image sources");
    }
    var results = new EmbeddingResult[sources.size()];
    var safe = new ArrayList<ImageSource>();
    var where = new ArrayList<Integer>();
    for (int i = 0; i < sources.size(); i++) {
      ImageSource s = sources.get(i);
      if (s == null) {
        throw new InvalidArgumentException("source " + i + " is null; give an image source for every item");
      }
      String unsafe = ImageLocation.unsafeFile(s);
      if (unsafe != null) {
        results[i] = EmbeddingResult.failure(i, new EmbeddingException(unsafe));
      } else if (IiifImages.isInfoJson(s)) {
        try {
          safe.add(IiifImages.derivative(((ImageSource.OfUrl) s).uri(), iiifLimits()));
          where.add(i);
        } catch (EmbeddingException e) {
          results[i] = EmbeddingResult.failure(i, e);
        }
      } else {
        safe.add(s);
        where.add(i);
      }
    }
    if (!safe.isEmpty()) {
      List<EmbeddingResult> done = embedder.embedImages(safe, listener == null ? ProgressListener.NONE : listener);
      for (int j = 0; j < done.size(); j++) {
        int i = where.get(j);
        EmbeddingResult r = done.get(j);
        results[i] = r.ok() ? EmbeddingResult.success(i, r.vector()) : EmbeddingResult.failure(i, r.error());
      }
    }
    return List.of(results);
  }

  /**
   * Embeds one image.
   *
   * @throws EmbeddingException if it cannot be read or embedded
   */
  public float[] embedOne(ImageSource source) {
    return embed(List.of(source), ProgressListener.NONE).get(0).vectorOrThrow();
  }
}
