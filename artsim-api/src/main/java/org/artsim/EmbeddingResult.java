package org.artsim;

/**
 * The outcome of embedding one item of a batch: a vector, or the error that item met. A failed
 * item never yields a placeholder vector, and never stops the rest of the batch.
 *
 * @param index the item's position in the input list
 * @param vector the embedding, or null if the item failed
 * @param error why the item failed, or null if it succeeded
 */
public record EmbeddingResult(int index, float[] vector, EmbeddingException error) {
  /** Checks that exactly one of vector and error is set. */
  public EmbeddingResult {
    if ((vector == null) == (error == null)) {
      throw new IllegalStateException("an embedding result holds either a vector or an error");
    }
  }

  /** A successful result. */
  public static EmbeddingResult success(int index, float[] vector) {
    return new EmbeddingResult(index, vector, null);
  }

  /** A failed result. */
  public static EmbeddingResult failure(int index, EmbeddingException error) {
    return new EmbeddingResult(index, null, error);
  }

  /** Whether the item was embedded. */
  public boolean ok() {
    return vector != null;
  }

  /**
   * The vector.
   *
   * @throws EmbeddingException the item's error, if it failed
   */
  public float[] vectorOrThrow() {
    if (error != null) {
      throw error;
    }
    return vector;
  }

  @Override
  public String toString() {
    return ok() ? "EmbeddingResult[" + index + ", dim=" + vector.length + "]" : "EmbeddingResult[" + index + ", error=" + error.getMessage() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmbeddingResult r
        && index == r.index
        && java.util.Arrays.equals(vector, r.vector)
        && java.util.Objects.equals(error, r.error);
  }

  @Override
  public int hashCode() {
    return 31 * index + java.util.Arrays.hashCode(vector);
  }
}
