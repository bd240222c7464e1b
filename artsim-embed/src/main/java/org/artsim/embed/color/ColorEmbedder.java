package org.artsim.embed.color;

import java.util.List;
import java.util.Map;
import org.artsim.ClosedException;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.ProgressListener;
import org.artsim.embed.ColorConfig;
import org.artsim.embed.image.BatchRunner;
import org.artsim.embed.image.ImageLoader;

/**
 * The {@code "color"} embedder (descriptor documented on {@link ColorEmbedderProvider}).
 * Thread-safe and stateless apart from its config; after {@link #close()} embedding throws {@link
 * ClosedException} (it holds no native memory).
 */
final class ColorEmbedder implements ImageEmbedder {
  private static final int BATCH = 16;
  private final ColorConfig config;
  private final ColorDescriptor descriptor;
  private final EmbedderInfo info;
  private volatile boolean closed;

  ColorEmbedder(ColorConfig config) {
    this.config = config;
    this.descriptor = new ColorDescriptor(config);
    this.info = new EmbedderInfo(
        ColorEmbedderProvider.NAME,
        "lab-4x6x6+hog-2x2x8+edges-8",
        ColorDescriptor.DIMENSION,
        settings(config));
  }

  private static Map<String, String> settings(ColorConfig config) {
    var settings = new java.util.TreeMap<String, String>();
    settings.put("working_size", Integer.toString(config.workingSize()));
    settings.put("color_weight", Double.toString(config.colorWeight()));
    settings.put("orientation_weight", Double.toString(config.orientationWeight()));
    settings.put("edge_weight", Double.toString(config.edgeWeight()));
    settings.putAll(config.limits().vectorSettings());
    return settings;
  }

  @Override
  public EmbedderInfo info() {
    return info;
  }

  @Override
  public float[] embedImage(ImageSource image) {
    ensureOpen();
    return descriptor.describe(ImageLoader.load(image, config.limits()));
  }

  @Override
  public List<EmbeddingResult> embedImages(List<? extends ImageSource> images, ProgressListener listener) {
    ensureOpen();
    return BatchRunner.run(images, config.limits(), BATCH, listener, descriptor::describe, batch -> batch);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new ClosedException("embedder '" + info.provider() + "'");
    }
  }

  @Override
  public String toString() {
    return "ColorEmbedder" + info;
  }
}
