package org.artsim.collection;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.artsim.InvalidArgumentException;
import org.artsim.analysis.Clusterer;
import org.artsim.analysis.Clusters;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.DuplicateGroup;
import org.artsim.analysis.ImageQuality;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.analysis.Scored;
import org.artsim.analysis.UniquenessScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-collection analysis of an {@link ArtCollection} ({@code art.analysis()}): clusters around
 * real works, uniqueness, near-duplicates, per-label means and image quality. It works only through
 * the api's analysis contracts ({@link Clusterer}, {@link UniquenessScorer}, {@link
 * DuplicateFinder}, {@link ImageQualityMeter}), whose providers the collection's {@link
 * CollectionConfig} names ({@code fasterpam}, {@code fiftyone}, {@code greedy}, {@code pixels} by
 * default) and creates on first use; a provider that is not installed is an {@code
 * UnknownProviderException} naming the module to add.
 *
 * <p>Results are in collection order or ranked as each method says, ties by id. Thread-safe; every
 * method reads a consistent snapshot of the ids and vectors.
 */
public final class CollectionAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionAnalysis.class);

  private final CollectionContents contents;
  private final PartsFactory parts;
  private final Function<String, BufferedImage> images;
  private final Map<String, Map.Entry<String, ImageQuality>> qualityCache = new HashMap<>();
  private Clusterer clusterer;
  private UniquenessScorer uniqueness;
  private DuplicateFinder duplicates;
  private ImageQualityMeter meter;

  CollectionAnalysis(CollectionContents contents, PartsFactory parts, Function<String, BufferedImage> images) {
    this.contents = contents;
    this.parts = parts;
    this.images = images;
  }

  private synchronized Clusterer clusterer() {
    return clusterer != null ? clusterer : (clusterer = parts.clusterer());
  }

  private synchronized UniquenessScorer scorer() {
    return uniqueness != null ? uniqueness : (uniqueness = parts.uniqueness());
  }

  private synchronized DuplicateFinder finder() {
    return duplicates != null ? duplicates : (duplicates = parts.duplicateFinder());
  }

  private synchronized ImageQualityMeter meter() {
    return meter != null ? meter : (meter = parts.qualityMeter());
  }

  /** The vectors of every record, in collection order (unit length under cosine). */
  public float[][] vectors() {
    contents.checkOpen();
    synchronized (contents) {
      var ids = contents.ids();
      var out = new float[ids.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = contents.vector(ids.get(i));
      }
      return out;
    }
  }

  /**
   * {@code k} clusters around real works, deterministic for {@code seed}.
   *
   * @throws InvalidArgumentException if the collection is empty or {@code k} is not in [1, size]
   */
  public Clusters clusters(int k, long seed) {
    contents.checkOpen();
    String[] ids;
    float[][] v;
    synchronized (contents) {
      ids = contents.ids().toArray(String[]::new);
      v = vectors();
    }
    if (ids.length == 0) {
      throw new InvalidArgumentException("the collection is empty; add records before clustering");
    }
    if (k < 1 || k > ids.length) {
      throw new InvalidArgumentException("k must be in [1, " + ids.length + "] (the number of records), got " + k);
    }
    return clusterer().cluster(ids, v, contents.index().metric(), k, seed);
  }

  /** Every record's uniqueness in [0, 1] (as the configured scorer defines it), in collection order. */
  public Map<String, Double> uniqueness() {
    contents.checkOpen();
    return scorer().score(contents.index(), contents.ids());
  }

  /** The {@code n} most unique records, most unique first (ties by id). */
  public List<Scored> mostUnique(int n) {
    Args.notNegative(n, "n");
    var ranked = UniquenessScorer.ranked(uniqueness());
    return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
  }

  /** The {@code n} least unique records, least unique first. */
  public List<Scored> leastUnique(int n) {
    Args.notNegative(n, "n");
    var ranked = new ArrayList<>(UniquenessScorer.ranked(uniqueness()));
    Collections.reverse(ranked);
    return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
  }

  /**
   * The mean of per-record scores for each value of a label field (e.g. mean uniqueness per
   * artist), highest first, ties by value. Scores of ids not in the collection are ignored.
   *
   * @throws org.artsim.InvalidArgumentException if {@code field} is not a label field of the collection
   */
  public Map<String, Double> meanPerLabel(Map<String, Double> scores, String field) {
    Args.notNull(scores, "scores");
    contents.checkOpen();
    contents.checkField(field);
    var sums = new TreeMap<String, double[]>();
    scores.forEach(
        (id, s) -> {
          String v = id != null && s != null && contents.contains(id) ? contents.get(id).indexLabels().get(field) : null;
          if (v != null) {
            double[] a = sums.computeIfAbsent(v, x -> new double[2]);
            a[0] += s;
            a[1]++;
          }
        });
    var out = new LinkedHashMap<String, Double>();
    sums.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0] / e.getValue()[1]).thenComparing(Map.Entry::getKey))
        .forEach(e -> out.put(e.getKey(), e.getValue()[0] / e.getValue()[1]));
    return out;
  }

  /**
   * Groups of near-duplicates within {@code threshold} (cosine distance under cosine).
   *
   * @throws InvalidArgumentException if the threshold is negative or not finite
   */
  public List<DuplicateGroup> duplicates(double threshold) {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new InvalidArgumentException("threshold must be a finite distance >= 0, got " + threshold);
    }
    contents.checkOpen();
    return finder().find(contents.index(), contents.ids(), threshold);
  }

  /**
   * The image quality of a record (measured once per image, then cached); null if its image cannot
   * be read here.
   *
   * @throws org.artsim.UnknownIdException if the id is not present
   */
  public ImageQuality imageQuality(String id) {
    Args.notNull(id, "id");
    contents.checkOpen();
    String image = contents.get(id).image();
    synchronized (qualityCache) {
      var cached = qualityCache.get(id);
      if (cached != null && java.util.Objects.equals(cached.getKey(), image)) {
        return cached.getValue();
      }
    }
    BufferedImage img = images.apply(id);
    if (img == null) {
      return null;
    }
    ImageQuality q = meter().measure(img);
    synchronized (qualityCache) {
      qualityCache.put(id, new java.util.AbstractMap.SimpleImmutableEntry<>(image, q));
    }
    return q;
  }

  /**
   * Records sorted by an image-quality measure, highest first when {@code descending} (ties by id).
   * Records whose image cannot be read here are left out (and logged).
   */
  public List<Scored> sortByQuality(ImageQuality.Measure measure, boolean descending) {
    Args.notNull(measure, "measure");
    var out = new ArrayList<Scored>();
    for (String id : contents.ids()) {
      ImageQuality q = imageQuality(id);
      if (q == null) {
        LOG.info("no image quality for {}: its image cannot be read from here", id);
      } else {
        out.add(new Scored(id, measure.of(q)));
      }
    }
    Comparator<Scored> c = Comparator.comparingDouble(Scored::score);
    out.sort((descending ? c.reversed() : c).thenComparing(Scored::id));
    return out;
  }
}
