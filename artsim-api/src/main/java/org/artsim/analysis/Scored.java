package org.artsim.analysis;

import java.util.Locale;

/**
 * An item id with a score (uniqueness, brightness...). Lists of these are ordered as the method
 * that made them says, ties by id.
 *
 * @param id the item id
 * @param score the score
 */
public record Scored(String id, double score) {
  @Override
  public String toString() {
    return id + "(" + String.format(Locale.ROOT, "%.4f", score) + ")";
  }
}
