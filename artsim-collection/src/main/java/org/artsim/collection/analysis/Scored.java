package org.artsim.collection.analysis;

/**
 * An item id with a score (uniqueness, brightness...). Lists of these are ordered as their method
 * says, ties by id.
 *
 * @param id the item id
 * @param score the score
 */
public record Scored(String id, double score) {
  @Override
  public String toString() {
    return id + "(" + String.format(java.util.Locale.ROOT, "%.4f", score) + ")";
  }
}
