package org.artsim;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What made a set of vectors: the provider, the model, the output dimension and the settings that
 * change the vectors (preprocessing, layer). Stored beside saved vectors so that a collection can
 * refuse to mix vectors from different embedders.
 *
 * <p>Two infos are {@link #compatibleWith compatible} when provider, model, dimension and settings
 * are equal; the device and engine do not change the space and are not part of it.
 */
public record EmbedderInfo(String provider, String model, int dimension, Map<String, String> settings) {
  /** Validates and copies the settings (sorted by key). */
  public EmbedderInfo {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (dimension <= 0) {
      throw new InvalidArgumentException("embedder dimension must be positive, got " + dimension);
    }
    settings = Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** Whether vectors made by {@code other} live in the same space as vectors made by this. */
  public boolean compatibleWith(EmbedderInfo other) {
    return equals(other);
  }

  @Override
  public String toString() {
    return provider + "[" + model + ", dim=" + dimension + (settings.isEmpty() ? "" : ", " + settings) + "]";
  }
}
