package org.artsim.recommend.label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;

/**
 * Labels from embeddings, the cheap way: a k-nearest-neighbour vote among the items of a {@link
 * VectorIndex} that carry a label field ("which culture is this work most likely from?").
 *
 * <p>The {@code k} nearest items having the field (any value) vote; the value with the most votes
 * wins, ties going to the smaller value ({@link String#compareTo}, as scikit-learn picks the
 * smallest class on ties). The confidence is the winner's share of the votes. With {@link
 * KnnVoteConfig#distanceWeighted()}, votes weigh {@code 1/distance} in the index metric's distance.
 * This is scikit-learn's {@code KNeighborsClassifier} over whatever the index searches: exact with
 * the flat index, approximate with HNSW.
 *
 * <p>Which values exist is read from the index when the vote is created; values added later are
 * not voted for until a new vote is made. Thread-safe if the index is.
 */
public final class KnnLabelVote {
  private static final int BATCH = 256;

  private final VectorIndex index;
  private final String field;
  private final KnnVoteConfig config;
  private final LabelFilter labelled;

  private KnnLabelVote(VectorIndex index, String field, KnnVoteConfig config) {
    this.index = index;
    this.field = field;
    this.config = config;
    Set<String> values = index.labelValues(field);
    if (values.isEmpty()) {
      throw new InvalidArgumentException("no item of the index has label '" + field + "'; label some items first or check the field name");
    }
    this.labelled = LabelFilter.anyOf(field, values);
  }

  /**
   * A vote over the items of {@code index} that carry {@code field}.
   *
   * @throws InvalidArgumentException if no item carries the field
   */
  public static KnnLabelVote over(VectorIndex index, String field, KnnVoteConfig config) {
    if (index == null) {
      throw new InvalidArgumentException("index is null; give the VectorIndex whose labelled items vote");
    }
    if (field == null || field.isBlank()) {
      throw new InvalidArgumentException("label field is null or blank; name the field to predict, e.g. \"culture\"");
    }
    return new KnnLabelVote(index, field, config == null ? KnnVoteConfig.defaults() : config);
  }

  /** A vote with the default settings (k = 10, one vote each). */
  public static KnnLabelVote over(VectorIndex index, String field) {
    return over(index, field, KnnVoteConfig.defaults());
  }

  /** The predicted value for a vector (not necessarily in the index). */
  public LabelPrediction predict(float[] vector) {
    if (vector == null) {
      throw new InvalidArgumentException("vector is null; give the vector to label");
    }
    return vote(index.search(SearchRequest.of(vector, config.k()).withFilter(labelled)), null);
  }

  /** Predictions for many vectors, in order (one batched search per 256 vectors). */
  public List<LabelPrediction> predictAll(float[][] vectors) {
    if (vectors == null) {
      throw new InvalidArgumentException("vectors is null; give the vectors to label");
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null) {
        throw new InvalidArgumentException("vector " + i + " is null; give only vectors");
      }
    }
    var out = new ArrayList<LabelPrediction>(vectors.length);
    for (int from = 0; from < vectors.length; from += BATCH) {
      int to = Math.min(vectors.length, from + BATCH);
      float[][] batch = java.util.Arrays.copyOfRange(vectors, from, to);
      for (List<Hit> hits : index.searchBatch(batch, config.k(), labelled)) {
        out.add(vote(hits, null));
      }
    }
    return out;
  }

  /**
   * The predicted value for an item of the index, from its neighbours other than itself (the
   * leave-one-out prediction, for checking existing labels or filling missing ones).
   *
   * @throws UnknownIdException if the id is not in the index
   */
  public LabelPrediction predictItem(String id) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give the id of an item of the index");
    }
    float[] v = index.vector(id).orElseThrow(() -> new UnknownIdException("no item with id '" + id + "' in the index; add it first or check the id"));
    return vote(index.search(SearchRequest.of(v, config.k() + 1).withFilter(labelled)), id);
  }

  /**
   * The share of {@code vectors} whose prediction equals {@code truth} (held-out accuracy).
   *
   * @throws InvalidArgumentException if the lengths differ or there are no vectors
   */
  public double accuracy(float[][] vectors, List<String> truth) {
    if (vectors == null || truth == null) {
      throw new InvalidArgumentException((vectors == null ? "vectors" : "truth") + " is null; give the vectors and their true labels");
    }
    if (vectors.length == 0 || vectors.length != truth.size()) {
      throw new InvalidArgumentException(
          "accuracy needs one true label per vector and at least one vector, got " + vectors.length + " vectors and " + truth.size() + " labels");
    }
    var predictions = predictAll(vectors);
    int right = 0;
    for (int i = 0; i < vectors.length; i++) {
      if (predictions.get(i).label().equals(truth.get(i))) {
        right++;
      }
    }
    return (double) right / vectors.length;
  }

  private LabelPrediction vote(List<Hit> hits, String exclude) {
    Metric metric = index.metric();
    var voters = new ArrayList<Hit>(config.k());
    for (Hit h : hits) {
      if (!h.id().equals(exclude) && voters.size() < config.k()) {
        voters.add(h);
      }
    }
    if (voters.isEmpty()) {
      throw new InvalidArgumentException("no labelled neighbour to vote; the index has no other item with label '" + field + "'");
    }
    var weights = new HashMap<String, Double>();
    boolean exact = false;
    if (config.distanceWeighted()) {
      for (Hit h : voters) {
        exact |= metric.distance(h.score()) <= 0;
      }
    }
    for (Hit h : voters) {
      double w = 1;
      if (config.distanceWeighted()) {
        double d = metric.distance(h.score());
        w = exact ? (d <= 0 ? 1 : 0) : 1 / d;
      }
      if (w > 0) {
        weights.merge(h.label(field), w, Double::sum);
      }
    }
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    var ranked = new ArrayList<>(weights.entrySet());
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    var shares = new LinkedHashMap<String, Double>();
    ranked.forEach(e -> shares.put(e.getKey(), e.getValue() / total));
    var best = ranked.get(0);
    return new LabelPrediction(best.getKey(), best.getValue() / total, shares);
  }

  @Override
  public String toString() {
    return "KnnLabelVote[field=" + field + ", k=" + config.k() + (config.distanceWeighted() ? ", distance-weighted" : "") + "]";
  }
}
