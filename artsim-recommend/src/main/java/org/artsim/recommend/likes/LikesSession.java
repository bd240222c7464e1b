package org.artsim.recommend.likes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.RecommendationSession;
import org.artsim.Recommendations;
import org.artsim.SearchRequest;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;
import org.artsim.recommend.cluster.Dissimilarity;
import org.artsim.recommend.cluster.KMedoidsConfig;
import org.artsim.recommend.cluster.Silhouette;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryOut;
import org.artsim.vector.Vectors;

/**
 * One visitor's likes, shown items and history; see {@link LikesRecommenderProvider}. Not
 * thread-safe: one thread at a time. Once its recommender is closed, every method but {@code
 * toString} throws {@link org.artsim.ClosedException}.
 */
final class LikesSession implements RecommendationSession {
  static final String NO_LIKES = "no likes yet: like an item first";
  static final String LIKES_GONE = "none of the liked items is in the index any more: like an item first";
  static final String ALL_SEEN = "every item has been shown or liked: clear the session to start over";
  static final String ALL_SEEN_FILTER = "every item that passes the filter has been shown or liked: widen the filter or clear the session";

  private final LikesRecommender recommender;
  private final VectorIndex index;
  private final LikesConfig config;
  private final LinkedHashSet<String> likes = new LinkedHashSet<>();
  private final LinkedHashSet<String> shown = new LinkedHashSet<>();
  private final List<List<String>> history = new ArrayList<>();

  LikesSession(LikesRecommender recommender) {
    this.recommender = recommender;
    this.index = recommender.index();
    this.config = recommender.config();
  }

  @Override
  public void like(String id) {
    recommender.checkOpen();
    if (id == null) {
      throw new InvalidArgumentException("id is null; like an item by its id");
    }
    if (!index.contains(id)) {
      throw new UnknownIdException("no item with id '" + id + "' in the index; like an item of the index");
    }
    likes.add(id);
  }

  @Override
  public boolean unlike(String id) {
    recommender.checkOpen();
    if (id == null) {
      throw new InvalidArgumentException("id is null; unlike an item by its id");
    }
    return likes.remove(id);
  }

  @Override
  public void clear() {
    recommender.checkOpen();
    likes.clear();
    shown.clear();
    history.clear();
  }

  @Override
  public void markShown(Collection<String> ids) {
    recommender.checkOpen();
    if (ids == null) {
      throw new InvalidArgumentException("ids is null; pass the ids that were shown");
    }
    for (String id : ids) {
      if (id == null) {
        throw new InvalidArgumentException("shown ids contain null; pass only ids");
      }
    }
    shown.addAll(ids);
  }

  void restoreSeen(List<String> shownIds, List<List<String>> batches) {
    shown.addAll(shownIds);
    for (var b : batches) {
      history.add(List.copyOf(b));
    }
  }

  @Override
  public Set<String> likes() {
    recommender.checkOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(likes));
  }

  @Override
  public Set<String> shown() {
    recommender.checkOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(shown));
  }

  @Override
  public List<List<String>> history() {
    recommender.checkOpen();
    return List.copyOf(history);
  }

  @Override
  public Recommendations recommend(int k) {
    recommender.checkOpen();
    return recommend(k, LabelFilter.none());
  }

  @Override
  public Recommendations recommend(int k, LabelFilter filter) {
    recommender.checkOpen();
    if (k < 1) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more recommendations");
    }
    if (filter == null) {
      throw new InvalidArgumentException("filter is null; use LabelFilter.none() for no condition");
    }
    if (likes.isEmpty()) {
      return new Recommendations(List.of(), NO_LIKES);
    }
    var liked = new ArrayList<float[]>();
    for (String id : likes) {
      index.vector(id).ifPresent(liked::add);
    }
    if (liked.isEmpty()) {
      return new Recommendations(List.of(), LIKES_GONE);
    }
    List<List<float[]>> tastes = config.multiInterest() ? tastes(liked) : List.of(liked);
    int pool = config.popularityRerank() ? config.candidatePool() : 1;
    // at most every item of the index can be found, so a huge k is clamped there (no overflow, no huge buffers)
    int perTaste = (int) Math.min(index.size(), (long) k * tastes.size() * pool);
    var lists = new ArrayList<List<Hit>>(tastes.size());
    for (var taste : tastes) {
      var candidates = unseenNear(query(taste), perTaste, filter);
      lists.add(config.popularityRerank() ? rerank(candidates) : candidates);
    }
    List<Hit> batch = interleave(lists, k);
    var ids = new ArrayList<String>(batch.size());
    for (Hit h : batch) {
      ids.add(h.id());
    }
    shown.addAll(ids);
    history.add(List.copyOf(ids));
    String reason = "";
    if (batch.isEmpty()) {
      reason = filter.isNone() ? ALL_SEEN : ALL_SEEN_FILTER;
    } else if (batch.size() < k) {
      reason = "only " + batch.size() + " unseen item" + (batch.size() == 1 ? "" : "s") + " left" + (filter.isNone() ? "" : " that pass the filter");
    }
    return new Recommendations(batch, reason);
  }

  /** The mean of the vectors; unit length unless the index is L2 (see the provider's Javadoc). */
  private float[] query(List<float[]> vectors) {
    int dim = vectors.get(0).length;
    double[] sum = new double[dim];
    for (float[] v : vectors) {
      for (int i = 0; i < dim; i++) {
        sum[i] += v[i];
      }
    }
    float[] mean = new float[dim];
    for (int i = 0; i < dim; i++) {
      mean[i] = (float) (sum[i] / vectors.size());
    }
    if (index.metric() != Metric.L2) {
      if (Vectors.norm(mean) == 0) {
        return vectors.get(0).clone();
      }
      Vectors.normaliseInPlace(mean);
    }
    return mean;
  }

  /** The likes split into tastes by k-medoids and silhouette, largest taste first; one taste if no split is clear. */
  private List<List<float[]>> tastes(List<float[]> liked) {
    int n = liked.size();
    int maxK = Math.min(config.maxInterests(), n - 1);
    if (n < 3 || maxK < 2) {
      return List.of(liked);
    }
    Metric metric = index.metric() == Metric.L2 ? Metric.L2 : Metric.COSINE;
    var d = Dissimilarity.precomputed(liked.toArray(new float[0][]), metric);
    var choice = Silhouette.chooseK(d, 2, maxK, KMedoidsConfig.of(2).withSeed(config.seed()));
    if (choice.silhouette() < config.minSilhouette()) {
      return List.of(liked);
    }
    int[] assignment = choice.result().assignment();
    var groups = new ArrayList<List<float[]>>();
    for (int c = 0; c < choice.k(); c++) {
      groups.add(new ArrayList<>());
    }
    int[] firstLike = new int[choice.k()];
    java.util.Arrays.fill(firstLike, Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      groups.get(assignment[i]).add(liked.get(i));
      firstLike[assignment[i]] = Math.min(firstLike[assignment[i]], i);
    }
    var order = new ArrayList<Integer>();
    for (int c = 0; c < choice.k(); c++) {
      order.add(c);
    }
    order.sort((a, b) -> groups.get(a).size() != groups.get(b).size() ? groups.get(b).size() - groups.get(a).size() : firstLike[a] - firstLike[b]);
    var out = new ArrayList<List<float[]>>();
    for (int c : order) {
      out.add(groups.get(c));
    }
    return out;
  }

  /**
   * Up to {@code need} items near {@code q} that are neither liked nor shown, best first: asks the
   * index for more until enough are found or it has no more.
   */
  private List<Hit> unseenNear(float[] q, int need, LabelFilter filter) {
    int n = index.size();
    if (n == 0) {
      return List.of();
    }
    int excluded = excludedCount();
    int fetch = (int) Math.min(n, (long) need + Math.min(excluded, need + 16L));
    while (true) {
      List<Hit> hits = index.search(SearchRequest.of(q, Math.max(1, fetch)).withFilter(filter));
      var unseen = new ArrayList<Hit>(Math.min(need, hits.size()));
      for (Hit h : hits) {
        if (!likes.contains(h.id()) && !shown.contains(h.id())) {
          unseen.add(h);
          if (unseen.size() == need) {
            break;
          }
        }
      }
      if (unseen.size() >= need || hits.size() < fetch || fetch >= n) {
        return unseen;
      }
      fetch = (int) Math.min(n, Math.max(2L * fetch, (long) need + excludedCount()));
    }
  }

  private int excludedCount() {
    if (shown.isEmpty()) {
      return likes.size();
    }
    var all = new HashSet<>(shown);
    all.addAll(likes);
    return all.size();
  }

  /** Re-ranks candidates by blended similarity and popularity (see the provider's Javadoc). */
  private List<Hit> rerank(List<Hit> candidates) {
    if (candidates.isEmpty()) {
      return candidates;
    }
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    double maxPop = 0;
    double[] pop = new double[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      Hit h = candidates.get(i);
      min = Math.min(min, h.score());
      max = Math.max(max, h.score());
      pop[i] = popularity(h);
      maxPop = Math.max(maxPop, pop[i]);
    }
    double w = config.popularityWeight();
    double[] blended = new double[candidates.size()];
    Integer[] order = new Integer[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      double sim = max > min ? (candidates.get(i).score() - min) / (max - min) : 1.0;
      double p = maxPop > 0 ? pop[i] / maxPop : 0.0;
      blended[i] = (1 - w) * sim + w * p;
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> blended[a] != blended[b] ? Double.compare(blended[b], blended[a]) : Integer.compare(a, b));
    var out = new ArrayList<Hit>(candidates.size());
    for (int i : order) {
      Hit h = candidates.get(i);
      out.add(new Hit(h.id(), (float) blended[i], h.labels()));
    }
    return out;
  }

  private double popularity(Hit h) {
    String v = h.label(config.popularityField());
    if (v == null) {
      return 0;
    }
    try {
      double p = Double.parseDouble(v.trim());
      return Double.isFinite(p) && p > 0 ? p : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Takes one item from each list in turn, skipping ids already taken, until k or all lists are used up. */
  private static List<Hit> interleave(List<List<Hit>> lists, int k) {
    if (lists.size() == 1) {
      var only = lists.get(0);
      return only.size() <= k ? only : only.subList(0, k);
    }
    var out = new ArrayList<Hit>(Math.min(k, 1024));
    var taken = new HashSet<String>();
    int[] pos = new int[lists.size()];
    boolean progress = true;
    while (out.size() < k && progress) {
      progress = false;
      for (int t = 0; t < lists.size() && out.size() < k; t++) {
        var list = lists.get(t);
        while (pos[t] < list.size() && taken.contains(list.get(pos[t]).id())) {
          pos[t]++;
        }
        if (pos[t] < list.size()) {
          Hit h = list.get(pos[t]++);
          taken.add(h.id());
          out.add(h);
          progress = true;
        }
      }
    }
    return out;
  }

  @Override
  public void save(Path path) {
    recommender.checkOpen();
    if (path == null) {
      throw new InvalidArgumentException("path is null; give the file to write the session to");
    }
    ArtsimFiles.write(path, LikesRecommender.FORMAT, LikesRecommender.FORMAT_VERSION, this::write);
  }

  private void write(BinaryOut out) throws IOException {
    out.writeString(index.kind());
    writeIds(out, likes);
    writeIds(out, shown);
    out.writeInt(history.size());
    for (var batch : history) {
      writeIds(out, batch);
    }
  }

  private static void writeIds(BinaryOut out, Collection<String> ids) throws IOException {
    out.writeInt(ids.size());
    for (String id : ids) {
      out.writeString(id);
    }
  }

  @Override
  public String toString() {
    return "LikesSession[likes=" + likes.size() + ", shown=" + shown.size() + ", batches=" + history.size() + ", recommender=" + recommender.kind() + "]";
  }
}
