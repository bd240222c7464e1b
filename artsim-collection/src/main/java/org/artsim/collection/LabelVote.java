package org.artsim.collection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.artsim.Hit;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorIndex;

/**
 * Label suggestions of an {@link ArtCollection}: the {@value #NEIGHBOURS} nearest works that carry
 * the field vote for their value, each with weight {@code 1 / (1 + d)}, where {@code d} is the
 * metric's distance to the query ({@code 1 - cos} under cosine, Euclidean under L2; under dot the
 * distance {@code -score} is taken relative to the nearest voter, so that weights stay in (0, 1]).
 * A value's share is its weight over the total: shares are in [0, 1] and sum to 1. Suggestions are
 * ranked by share, ties by value ({@link String#compareTo}).
 *
 * <p>For a work of the collection, the work itself and its exact duplicates (works whose stored
 * vector equals its vector, component for component) never vote: a copy filed under another label
 * would otherwise decide alone. An outside image is voted on by its nearest works whatever they are.
 *
 * <p>Written here rather than taken from artsim-recommend's {@code KnnLabelVote}: the collection
 * compiles against the api only, and that vote neither skips duplicates nor weighs by similarity
 * without dividing by zero on them. Reads the current index (it follows rebuilds); thread-safe.
 */
final class LabelVote {
  /** The number of labelled neighbours that vote. */
  static final int NEIGHBOURS = 10;

  private final CollectionContents contents;
  private final Function<ImageSource, float[]> embedImage;

  /** @param embedImage embeds an outside image through the collection's embedding stage */
  LabelVote(CollectionContents contents, Function<ImageSource, float[]> embedImage) {
    this.contents = contents;
    this.embedImage = embedImage;
  }

  /** Suggestions for a work of the collection; see the class comment. */
  List<LabelSuggestion> forWork(String id, String field, int n) {
    contents.checkOpen();
    Args.notNull(id, "id");
    contents.get(id);
    LabelFilter labelled = labelled(field, n);
    VectorIndex index = contents.index();
    float[] own = contents.vector(id);
    List<Hit> voters = new ArrayList<>(NEIGHBOURS);
    int depth = NEIGHBOURS + 1;
    while (true) {
      List<Hit> hits = index.search(SearchRequest.of(own, depth).withFilter(labelled));
      voters.clear();
      for (Hit h : hits) {
        if (voters.size() < NEIGHBOURS && !h.id().equals(id) && !sameVector(index, h.id(), own)) {
          voters.add(h);
        }
      }
      if (voters.size() == NEIGHBOURS || hits.size() < depth || depth >= index.size()) {
        break;
      }
      depth = (int) Math.min(index.size(), 2L * depth);
    }
    return tally(voters, field, n, index.metric());
  }

  /** Suggestions for an outside image, checked before it is embedded; no neighbour is skipped. */
  List<LabelSuggestion> forImage(ImageSource image, String field, int n) {
    contents.checkOpen();
    Args.notNull(image, "image");
    LabelFilter labelled = labelled(field, n);
    float[] vector = embedImage.apply(image);
    VectorIndex index = contents.index();
    return tally(index.search(SearchRequest.of(vector, NEIGHBOURS).withFilter(labelled)), field, n, index.metric());
  }

  /** Checks the field and {@code n}; the filter that passes every work carrying the field. */
  private LabelFilter labelled(String field, int n) {
    if (n < 1) {
      throw new InvalidArgumentException("n must be >= 1 (the number of suggestions to return), got " + n);
    }
    contents.checkField(field);
    Set<String> values = contents.index().labelValues(field);
    if (values.isEmpty()) {
      throw new InvalidArgumentException("no record carries the label field '" + field + "', so no neighbour can vote; add labelled records first");
    }
    return LabelFilter.anyOf(field, values);
  }

  private static boolean sameVector(VectorIndex index, String id, float[] own) {
    return index.vector(id).map(v -> Arrays.equals(v, own)).orElse(false);
  }

  /** The weighted vote of {@code voters}; see the class comment. */
  static List<LabelSuggestion> tally(List<Hit> voters, String field, int n, Metric metric) {
    if (voters.isEmpty()) {
      throw new InvalidArgumentException("no other record carries the label field '" + field + "', so no neighbour can vote; label more records");
    }
    double nearest = Double.POSITIVE_INFINITY;
    for (Hit h : voters) {
      nearest = Math.min(nearest, metric.distance(h.score()));
    }
    Map<String, double[]> weights = new LinkedHashMap<>();
    double total = 0;
    for (Hit h : voters) {
      double d = metric.distance(h.score());
      double w = 1 / (1 + Math.max(0, metric == Metric.DOT ? d - nearest : d));
      double[] acc = weights.computeIfAbsent(h.label(field), v -> new double[2]);
      acc[0] += w;
      acc[1]++;
      total += w;
    }
    var out = new ArrayList<LabelSuggestion>(weights.size());
    for (var e : weights.entrySet()) {
      out.add(new LabelSuggestion(e.getKey(), Math.min(1, e.getValue()[0] / total), (int) e.getValue()[1]));
    }
    out.sort((a, b) -> a.share() != b.share() ? Double.compare(b.share(), a.share()) : a.value().compareTo(b.value()));
    return List.copyOf(out.subList(0, Math.min(n, out.size())));
  }
}
