package org.artsim.recommend.unique;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;

/**
 * The stored vectors and labels of some items of an index, read once and checked: the input of the
 * uniqueness rules and the near-duplicate finder.
 *
 * @param ids the items, in the order asked for
 * @param vectors their vectors, parallel to {@code ids}
 * @param labels their labels, parallel to {@code ids}
 */
record ItemVectors(List<String> ids, float[][] vectors, List<Labels> labels) {

  /** Every item of {@code index} that has a stored vector, in {@link VectorIndex#ids()} order. */
  static ItemVectors all(VectorIndex index) {
    requireIndex(index);
    var ids = new ArrayList<String>();
    var vectors = new ArrayList<float[]>();
    var labels = new ArrayList<Labels>();
    for (String id : index.ids()) {
      var v = index.vector(id);
      if (v.isPresent()) {
        ids.add(id);
        vectors.add(v.get());
        labels.add(index.labels(id));
      }
    }
    return new ItemVectors(List.copyOf(ids), vectors.toArray(new float[0][]), List.copyOf(labels));
  }

  /**
   * The items {@code ids} of {@code index}, in that order.
   *
   * @throws InvalidArgumentException for a null index, list or id, or an id given twice
   * @throws UnknownIdException for an id that is not in the index
   */
  static ItemVectors of(VectorIndex index, List<String> ids) {
    requireIndex(index);
    if (ids == null) {
      throw new InvalidArgumentException("ids is null; give the ids of the index items to analyse (index.ids() for all)");
    }
    var seen = new HashSet<String>(ids.size() * 2);
    float[][] vectors = new float[ids.size()][];
    var labels = new ArrayList<Labels>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null) {
        throw new InvalidArgumentException("ids contains null at position " + i + "; give only ids of the index");
      }
      if (!seen.add(id)) {
        throw new InvalidArgumentException("id '" + id + "' appears twice in ids; list each item once");
      }
      var v = index.vector(id);
      if (v.isEmpty()) {
        throw new UnknownIdException("id '" + id + "' is not in the index; list only ids of the index");
      }
      vectors[i] = v.get();
      labels.add(index.labels(id));
    }
    return new ItemVectors(List.copyOf(ids), vectors, List.copyOf(labels));
  }

  static void requireIndex(VectorIndex index) {
    if (index == null) {
      throw new InvalidArgumentException("index is null; give the VectorIndex holding the items");
    }
  }

  /** The scores keyed by id, in id order. */
  Map<String, Double> keyed(double[] scores) {
    var out = new LinkedHashMap<String, Double>();
    for (int i = 0; i < scores.length; i++) {
      out.put(ids.get(i), scores[i]);
    }
    return out;
  }

  /** Checks that every vector has the length of the first and holds only finite values. */
  static void checkVectors(float[][] vectors) {
    if (vectors == null) {
      throw new InvalidArgumentException("vectors is null; give one vector per item");
    }
    int dim = vectors.length == 0 || vectors[0] == null ? 0 : vectors[0].length;
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null || vectors[i].length != dim || dim == 0) {
        throw new InvalidArgumentException(
            "vector " + i + " has " + (vectors[i] == null ? 0 : vectors[i].length) + " components but vector 0 has " + dim
                + "; give every vector the same positive length");
      }
      for (int j = 0; j < dim; j++) {
        if (!Float.isFinite(vectors[i][j])) {
          throw new InvalidArgumentException("vector " + i + " holds " + vectors[i][j] + " at component " + j + "; give finite values");
        }
      }
    }
  }
}
