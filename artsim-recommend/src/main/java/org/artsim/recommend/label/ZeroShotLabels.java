package org.artsim.recommend.label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.DimensionMismatchException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.TextEmbedder;
import org.artsim.VectorIndex;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.Vectors;

/**
 * Zero-shot labels from text prompts, CLIP style (Radford et al. 2021, "Learning Transferable
 * Visual Models From Natural Language Supervision", arXiv:2103.00020): each candidate label has a
 * prompt ("a photograph of a vase", "an ink painting"); the prompts are embedded once by the text
 * side of a joint image-text embedder; an image vector gets the label whose prompt vector has the
 * highest cosine similarity. The confidence is a softmax over {@code scale × cosine} (CLIP's learnt
 * logit scale is 100, the default), so it reads as a probability over the given labels only.
 *
 * <p>Only meaningful when the image vectors come from the same embedder's image side (CLIP). The
 * prompt vectors are computed in the factory; afterwards the object is immutable and thread-safe.
 */
public final class ZeroShotLabels {
  /** CLIP's logit scale. */
  public static final double CLIP_LOGIT_SCALE = 100;

  private final List<String> labels;
  private final float[][] prompts;
  private final double scale;
  private final VectorKernels kernels = VectorKernels.get();

  private ZeroShotLabels(List<String> labels, float[][] prompts, double scale) {
    this.labels = labels;
    this.prompts = prompts;
    this.scale = scale;
  }

  /**
   * Labels with their prompts ({@code {"vase": "a photograph of a vase", ...}}), in map order, at
   * CLIP's logit scale.
   *
   * @throws InvalidArgumentException for no labels, or a blank prompt
   * @throws org.artsim.EmbeddingException if a prompt cannot be embedded
   */
  public static ZeroShotLabels of(TextEmbedder embedder, Map<String, String> promptsByLabel) {
    return of(embedder, promptsByLabel, CLIP_LOGIT_SCALE);
  }

  /** As {@link #of(TextEmbedder, Map)}, with another softmax scale (> 0). */
  public static ZeroShotLabels of(TextEmbedder embedder, Map<String, String> promptsByLabel, double scale) {
    if (embedder == null) {
      throw new InvalidArgumentException("embedder is null; give the text side of the embedder that made the image vectors");
    }
    if (promptsByLabel == null || promptsByLabel.isEmpty()) {
      throw new InvalidArgumentException("no labels given; give at least one label with its prompt");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new InvalidArgumentException("softmax scale must be finite and > 0, got " + scale);
    }
    var labels = new ArrayList<String>();
    float[][] vectors = new float[promptsByLabel.size()][];
    int i = 0;
    for (var e : promptsByLabel.entrySet()) {
      if (e.getKey() == null) {
        throw new InvalidArgumentException("a label is null; name every label");
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new InvalidArgumentException("the prompt for label '" + e.getKey() + "' is blank; describe the label, e.g. \"a photograph of a vase\"");
      }
      labels.add(e.getKey());
      float[] v = embedder.embedText(e.getValue());
      vectors[i++] = Vectors.prepare(v, v.length, Metric.COSINE, "embedding of the prompt for '" + e.getKey() + "'");
    }
    return new ZeroShotLabels(List.copyOf(labels), vectors, scale);
  }

  /** One prompt per label from a template with {@code {}} for the label: {@code "a photograph of {}"}. */
  public static ZeroShotLabels fromTemplate(TextEmbedder embedder, List<String> labels, String template) {
    if (template == null || !template.contains("{}")) {
      throw new InvalidArgumentException("template must contain {} where the label goes, got " + template);
    }
    if (labels == null) {
      throw new InvalidArgumentException("labels is null; give the candidate labels");
    }
    var map = new LinkedHashMap<String, String>();
    for (String l : labels) {
      if (l == null) {
        throw new InvalidArgumentException("labels contains null; name every label");
      }
      map.put(l, template.replace("{}", l));
    }
    return of(embedder, map);
  }

  /** The candidate labels, in order. */
  public List<String> labels() {
    return labels;
  }

  /**
   * The best label for an image vector from the same embedder.
   *
   * @throws DimensionMismatchException if its length differs from the prompt vectors'
   */
  public LabelPrediction predict(float[] imageVector) {
    int dim = prompts[0].length;
    if (imageVector == null || imageVector.length != dim) {
      throw new DimensionMismatchException(
          "image vector has " + (imageVector == null ? 0 : imageVector.length) + " components, but the prompt vectors have " + dim
              + "; embed images and prompts with the same embedder");
    }
    float[] q = Vectors.prepare(imageVector, dim, Metric.COSINE, "image vector");
    double[] logits = new double[prompts.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < prompts.length; i++) {
      logits[i] = scale * kernels.dot(q, prompts[i]);
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    Integer[] order = new Integer[logits.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    final double[] p = logits;
    java.util.Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : labels.get(a).compareTo(labels.get(b)));
    var probs = new LinkedHashMap<String, Double>();
    for (int i : order) {
      probs.put(labels.get(i), p[i] / sum);
    }
    return new LabelPrediction(labels.get(order[0]), p[order[0]] / sum, probs);
  }

  /** Predictions for every item of an index of image vectors, in {@link VectorIndex#ids()} order. */
  public Map<String, LabelPrediction> predictIndex(VectorIndex index) {
    if (index == null) {
      throw new InvalidArgumentException("index is null; give the VectorIndex of image vectors to label");
    }
    var out = new LinkedHashMap<String, LabelPrediction>();
    for (String id : index.ids()) {
      index.vector(id).ifPresent(v -> out.put(id, predict(v)));
    }
    return out;
  }

  @Override
  public String toString() {
    return "ZeroShotLabels" + labels;
  }
}
