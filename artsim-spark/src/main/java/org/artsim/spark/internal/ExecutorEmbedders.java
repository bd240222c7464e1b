package org.artsim.spark.internal;

import java.util.HashMap;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.ImageEmbedder;
import org.artsim.InvalidArgumentException;

/**
 * The image embedders created in this JVM (one executor), keyed by name and settings: a model is
 * loaded once per executor, not once per task or partition. Embedders are thread-safe, so the
 * executor's task threads share one; they stay open for the life of the JVM.
 */
public final class ExecutorEmbedders {
  private static final Map<String, ImageEmbedder> EMBEDDERS = new HashMap<>();
  private static long created;

  private ExecutorEmbedders() {}

  /** The embedder for this name and settings, created on first use in this JVM. */
  public static synchronized ImageEmbedder get(String name, Map<String, String> settings) {
    String key = name + settings;
    ImageEmbedder e = EMBEDDERS.get(key);
    if (e == null) {
      Embedder made = settings.isEmpty() ? Artsim.embedder(name) : Artsim.embedder(name, settings);
      if (!(made instanceof ImageEmbedder image)) {
        made.close();
        throw new InvalidArgumentException("embedder '" + name + "' does not embed images; choose an image embedder such as color or clip");
      }
      e = image;
      created++;
      EMBEDDERS.put(key, e);
    }
    return e;
  }

  /** How many embedders this JVM has created (to check once-per-executor creation). */
  public static synchronized long created() {
    return created;
  }
}
