package org.artsim.spark.internal;

import java.io.Serializable;
import java.util.HashMap;
import org.artsim.Labels;
import org.artsim.VectorEntry;

/**
 * One training item on its way from a DataFrame row into a shard's index: its id, vector and
 * label values (fields with no value are absent).
 */
public record ItemRecord(String id, float[] vector, HashMap<String, String> labels) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The item as an artsim index entry. */
  public VectorEntry toEntry() {
    return new VectorEntry(id, vector, labels.isEmpty() ? Labels.none() : Labels.of(labels));
  }
}
