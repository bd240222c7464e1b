package org.artsim.collection;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.artsim.ArtsimException;
import org.artsim.Hit;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.LabelFilter;
import org.artsim.QueryExplanation;
import org.artsim.SearchRequest;
import org.artsim.TextEmbedder;
import org.artsim.TextSearchResult;
import org.artsim.collection.bridge.TextImageBridge;
import org.artsim.collection.bridge.TextImageRoute;

/**
 * The searches of an {@link ArtCollection}: by text (keyword, dense or both fused), images by text (CLIP or a text bridge), by image, by vector, similar works and
 * matches per label value. Checks the arguments (null, negative {@code k}, label fields no record
 * carries) and reads the collection's current index through {@link CollectionContents}, so it
 * follows index rebuilds. Thread-safe: it keeps no state of its own.
 */
final class CollectionSearch {
  private final CollectionContents contents;
  private final CollectionConfig config;
  private final Supplier<ImageEmbedder> embedder;
  private final Function<ImageSource, float[]> embedImage;
  private final boolean clip;

  /**
   * @param embedder the collection's embedder (throws if the collection has none installed)
   * @param embedImage embeds a query image through the collection's embedding stage
   * @param clip whether the embedder has a text side ({@link TextEmbedder}) into its image space
   */
  CollectionSearch(CollectionContents contents, CollectionConfig config, Supplier<ImageEmbedder> embedder, Function<ImageSource, float[]> embedImage, boolean clip) {
    this.contents = contents;
    this.config = config;
    this.embedder = embedder;
    this.embedImage = embedImage;
    this.clip = clip;
  }

  /** The mode of a search that names none: hybrid when both text indexes are there, else the one that is. */
  TextSearchMode defaultMode() {
    if (contents.dense() == null) {
      return TextSearchMode.TFIDF;
    }
    return contents.text() == null ? TextSearchMode.DENSE : TextSearchMode.HYBRID;
  }

  TextSearchResult text(String query, int k, LabelFilter filter, TextSearchMode mode) {
    contents.checkOpen();
    Args.notNull(query, "query");
    Args.notNegative(k, "k");
    Args.notNull(mode, "mode");
    LabelFilter f = contents.checkFilter(filter);
    if (mode != TextSearchMode.DENSE && contents.text() == null) {
      throw new ArtsimException("text search is off for this collection: no text index '" + config.textIndex().provider() + "' is installed; add org.artsim:artsim-text for 'tfidf'");
    }
    if (mode != TextSearchMode.TFIDF && contents.dense() == null) {
      throw new ArtsimException(
          "dense text search (" + mode + ") needs a text embedder, and this collection has none" + (config.denseTextSearch() ? " installed ('" + config.textEmbedder().provider() + "')" : "")
              + "; name one with CollectionConfig.withTextEmbedder (e.g. 'minilm'), or search in mode TFIDF");
    }
    return switch (mode) {
      case TFIDF -> contents.text().search(query, k, f);
      case DENSE -> new TextSearchResult(contents.dense().search(query, k, f), denseExplanation(query, "dense: the catalogue texts nearest the query's text vector"));
      case HYBRID -> hybrid(query, k, f);
    };
  }

  private QueryExplanation denseExplanation(String query, String message) {
    return new QueryExplanation(query, List.of(), List.of(), List.of(), message + " ('" + contents.dense().embedderName() + "')");
  }

  /** Reciprocal rank fusion of the text index's and the dense index's lists; see {@link TextSearchMode#HYBRID}. */
  private TextSearchResult hybrid(String query, int k, LabelFilter filter) {
    int depth = Math.max(k, TextSearchMode.FUSION_DEPTH);
    TextSearchResult keyword = contents.text().search(query, depth, filter);
    List<Hit> dense = contents.dense().search(query, depth, filter);
    List<Hit> fused = RankFusion.fuse(List.of(keyword.hits(), dense), TextSearchMode.RRF_K, k);
    QueryExplanation e = keyword.explanation();
    String message = "hybrid: reciprocal rank fusion (k=" + TextSearchMode.RRF_K + ") of the text index (" + keyword.hits().size() + " hits: " + e.message() + ") and dense text search ("
        + dense.size() + " hits, '" + contents.dense().embedderName() + "')";
    return new TextSearchResult(fused, new QueryExplanation(query, e.matchedTerms(), e.rewrites(), e.ignoredTerms(), message));
  }

  /** The route {@link #imagesByText} takes now: CLIP first, then a text bridge with its text embedder installed. */
  TextImageRoute textImageRoute() {
    contents.checkOpen();
    if (clip) {
      return TextImageRoute.CLIP;
    }
    return contents.bridge() != null && contents.dense() != null ? TextImageRoute.BRIDGE : TextImageRoute.NONE;
  }

  List<Hit> imagesByText(String description, int k, LabelFilter filter) {
    Args.notNull(description, "description");
    Args.notNegative(k, "k");
    if (textImageRoute() == TextImageRoute.CLIP) {
      return vector(((TextEmbedder) embedder.get()).embedText(description), k, filter);
    }
    TextImageBridge bridge = contents.bridge();
    DenseTextIndex dense = contents.dense();
    if (bridge != null && dense != null) {
      return vector(bridge.map(dense.unitVector(description)), k, filter);
    }
    if (bridge != null) {
      throw new ArtsimException(
          "the collection's text bridge reads vectors of the text embedder " + bridge.provenance().textModel() + ", which is not installed; add the module that provides '"
              + bridge.provenance().textModel().provider() + "' ('minilm' ships in org.artsim:artsim-embed with an ONNX Runtime engine), or search the catalogue text with searchText");
    }
    ImageEmbedder e = embedder.get();
    throw new ArtsimException(
        "the embedder " + e.info() + " has no text side and the collection has no text bridge, so text cannot be matched against images; fit a bridge from the works that have "
            + "catalogue text with fitTextBridge (it needs a text embedder: CollectionConfig.withTextEmbedder), use a CLIP embedder, or search the catalogue text with searchText");
  }

  List<Hit> image(ImageSource image, int k, LabelFilter filter) {
    return vector(embedImage.apply(Args.notNull(image, "image")), k, filter);
  }

  List<Hit> vector(float[] vector, int k, LabelFilter filter) {
    contents.checkOpen();
    Args.notNull(vector, "vector");
    Args.notNegative(k, "k");
    return contents.index().search(SearchRequest.of(vector, k).withFilter(contents.checkFilter(filter)));
  }

  List<Hit> similarTo(String id, int k, LabelFilter filter) {
    contents.checkOpen();
    contents.get(Args.notNull(id, "id"));
    Args.notNegative(k, "k");
    return contents.index().similarTo(id, k, contents.checkFilter(filter));
  }

  Map<String, List<Hit>> matchesPerLabel(String id, String field, Collection<String> values, int k) {
    contents.checkField(field);
    Args.notNull(values, "values");
    var out = new LinkedHashMap<String, List<Hit>>();
    for (String v : values) {
      out.put(v, similarTo(id, k, LabelFilter.anyOf(field, Args.notNull(v, "value"))));
    }
    return out;
  }

  List<String> labelValues(String field) {
    contents.checkOpen();
    contents.checkField(field);
    return contents.index().labelValues(field).stream().sorted().toList();
  }
}
