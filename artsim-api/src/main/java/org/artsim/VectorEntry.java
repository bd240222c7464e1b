package org.artsim;

import java.util.Objects;

/**
 * An id, its vector and its labels: one item to add to a {@link VectorIndex} in bulk.
 *
 * <p>The vector array is not copied here; indexes copy it when they store it.
 */
public record VectorEntry(String id, float[] vector, Labels labels) {
  /** Validates that no field is null. */
  public VectorEntry {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give every item an id");
    }
    if (vector == null) {
      throw new InvalidArgumentException("vector of '" + id + "' is null; pass its embedding");
    }
    if (labels == null) {
      throw new InvalidArgumentException("labels of '" + id + "' are null; pass Labels.none() for none");
    }
  }

  /** An entry without labels. */
  public static VectorEntry of(String id, float[] vector) {
    return new VectorEntry(id, vector, Labels.none());
  }

  @Override
  public String toString() {
    return "VectorEntry[" + id + ", dim=" + vector.length + ", " + labels + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorEntry e
        && id.equals(e.id)
        && java.util.Arrays.equals(vector, e.vector)
        && labels.equals(e.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, java.util.Arrays.hashCode(vector), labels);
  }
}
