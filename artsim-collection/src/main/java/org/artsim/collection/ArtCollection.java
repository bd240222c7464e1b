package org.artsim.collection;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.artsim.ArtsimException;
import org.artsim.EmbedderInfo;
import org.artsim.Hit;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.LabelFilter;
import org.artsim.ProgressListener;
import org.artsim.RecommendationSession;
import org.artsim.Recommender;
import org.artsim.TextEmbedder;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.artsim.VectorIndex;
import org.artsim.collection.bridge.BridgeConfig;
import org.artsim.collection.bridge.TextImageBridge;
import org.artsim.collection.bridge.TextImageRoute;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.EmbeddingStage;
import org.artsim.collection.ingest.ImageLocation;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.IngestionReport;
import org.artsim.collection.ingest.Ingestor;

/**
 * A searchable art collection: catalogue records, their image vectors, a vector index, a text
 * index and a recommender, wired together for the common job.
 *
 * <pre>{@code
 * import org.artsim.collection.ArtCollection;  import org.artsim.collection.ingest.ColumnMapping;
 * var art = ArtCollection.create();          // color embedder, flat/hnsw, tfidf, likes
 * art.ingest(Path.of("catalogue.csv"), ColumnMapping.standard());
 * art.searchText("blue vase", 5);   art.similarTo("w-0042", 5, LabelFilter.anyOf("culture", "japanese"));
 * var s = art.newSession(); s.like("w-0042"); s.recommend(5);   art.analysis().clusters(8, 42);
 * art.save(Path.of("my-collection"));   ArtCollection.load(Path.of("my-collection"));
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Every record has exactly one vector in the index, made by {@link #embedderInfo()}, and one
 *       document in the text index (when text search is on). A change that fails (unreadable
 *       image, duplicate id) changes nothing. Every add route embeds through one {@link
 *       EmbeddingStage}.
 *   <li>Search results are best first (higher score is closer), ties by id; {@link #similarTo}
 *       never returns the item itself. A null filter means no filter. Label field names are exact
 *       (case-sensitive): a filter or field no record carries is an {@code
 *       InvalidArgumentException} with the nearest field as a hint (on an empty collection nothing
 *       is checked).
 *   <li>Thread-safe: searches run concurrently with each other; changes are serialised. When an
 *       "auto" collection crosses its threshold, the index is rebuilt and swapped atomically;
 *       {@link #index()} and open sessions follow it.
 *   <li>Null or negative arguments are refused with an {@code InvalidArgumentException} naming the
 *       argument; after {@link #close()} every method that reads or changes content throws {@code
 *       ClosedException}.
 *   <li>{@link #save} writes one directory atomically ({@link CollectionStore}); {@link #load}
 *       refuses files of another collection ({@link CollectionMismatchException}) and an embedder
 *       other than the one that made the vectors ({@link IncompatibleEmbedderException}).
 * </ul>
 *
 * Relative image paths resolve against {@link #imageBase()} (null: the working directory); during
 * ingestion against {@link IngestOptions#imageBase()} or else the catalogue's directory, and the
 * records keep the absolute path.
 */
public final class ArtCollection implements AutoCloseable {
  private final String id;
  private final PartsFactory parts;
  private final ImageEmbedder embedder;
  private final boolean ownsEmbedder;
  private final EmbedderInfo embedderInfo;
  private final CollectionContents contents;
  private final CollectionAnalysis analysis;
  private final CollectionSearch search;
  private final LazyRecommender recommender;
  private final RecordImages images;
  private final CollectionChanges changes;
  private final LabelVote labelVote;

  ArtCollection(String id, PartsFactory parts, ImageEmbedder embedder, boolean owns, EmbedderInfo info, CollectionContents contents, Path imageBase) {
    this.id = id;
    this.parts = parts;
    this.embedder = embedder;
    this.ownsEmbedder = owns;
    this.embedderInfo = info;
    this.contents = contents;
    this.images = new RecordImages(this::embedder, this::record, imageBase);
    this.analysis = new CollectionAnalysis(contents, parts, this::readImage);
    this.search = new CollectionSearch(contents, parts.config(), this::embedder, image -> images.stage().embedOne(image), embedder instanceof TextEmbedder);
    this.recommender = new LazyRecommender(contents, parts);
    this.changes = new CollectionChanges(contents, images);
    this.labelVote = new LabelVote(contents, image -> images.stage().embedOne(image));
  }

  /** A new, empty collection with the {@linkplain CollectionConfig#defaults() defaults}. */
  public static ArtCollection create() {
    return builder().build();
  }

  /** A new, empty collection from a configuration. */
  public static ArtCollection create(CollectionConfig config) {
    return builder().config(config).build();
  }

  /** A builder, to pass an embedder instance or an image base. */
  public static CollectionBuilder builder() {
    return new CollectionBuilder();
  }

  /**
   * Loads a collection saved with {@link #save}, creating its embedder as it was saved. If that
   * embedder is not installed, the collection still loads for searches by text and by id; searches
   * by image then explain what to add.
   *
   * @throws IncompatibleEmbedderException if the installed embedder of that name makes different vectors
   * @throws CollectionMismatchException if a file of the directory belongs to another collection or save
   */
  public static ArtCollection load(Path dir) {
    return CollectionAssembly.load(Args.notNull(dir, "dir"), null);
  }

  /**
   * Loads a collection saved with {@link #save}, with an embedder of the caller's (not closed by the collection).
   *
   * @throws IncompatibleEmbedderException if {@code embedder} makes vectors other than the saved ones
   */
  public static ArtCollection load(Path dir, ImageEmbedder embedder) {
    return CollectionAssembly.load(Args.notNull(dir, "dir"), Args.notNull(embedder, "embedder"));
  }

  /** This collection's id, random at creation and kept by every save. */
  public String id() {
    return id;
  }

  /** The components' names and settings. */
  public CollectionConfig config() {
    return parts.config();
  }

  /** What made the vectors. */
  public EmbedderInfo embedderInfo() {
    return embedderInfo;
  }

  /** The embedder; throws {@code ArtsimException} if the collection was loaded without its embedder installed. */
  public ImageEmbedder embedder() {
    contents.checkOpen();
    if (embedder == null) {
      throw new ArtsimException(
          "this collection was loaded without its embedder: '" + embedderInfo.provider() + "' is not installed; add the module that provides it "
              + "(the default 'color' ships in org.artsim:artsim-embed) or load with ArtCollection.load(dir, embedder)");
    }
    return embedder;
  }

  /**
   * The vector index, read-only, for direct searches. The reference stays valid for the
   * collection's life: when an "auto" collection rebuilds its index, it follows the new one.
   */
  public VectorIndex index() {
    return contents.index();
  }

  /** The text index, if text search is on. */
  public Optional<TextIndex> textIndex() {
    return Optional.ofNullable(contents.text());
  }

  /** The whole-collection analysis: clusters, uniqueness, duplicates, per-label means, image quality. */
  public CollectionAnalysis analysis() {
    return analysis;
  }

  /** The directory relative image paths are resolved against, or null (the working directory). */
  public Path imageBase() {
    return images.base();
  }

  /** Sets the directory relative image paths are resolved against (null: the working directory). */
  public void imageBase(Path dir) {
    images.base(dir);
  }

  /** The number of records. */
  public int size() {
    contents.checkOpen();
    return contents.size();
  }

  /** The ids, in the order the records were added. */
  public List<String> ids() {
    contents.checkOpen();
    return contents.ids();
  }

  /** The records, in the order they were added. */
  public List<CatalogueRecord> records() {
    contents.checkOpen();
    return contents.records();
  }

  /** Whether a record with this id is present. */
  public boolean contains(String id) {
    contents.checkOpen();
    return contents.contains(Args.notNull(id, "id"));
  }

  /** The record with this id; throws {@code UnknownIdException} if there is none. */
  public CatalogueRecord record(String id) {
    contents.checkOpen();
    return contents.get(Args.notNull(id, "id"));
  }

  /** A copy of a record's stored vector (unit length under cosine). */
  public float[] vector(String id) {
    contents.checkOpen();
    return contents.vector(Args.notNull(id, "id"));
  }

  /** The distinct values of a label field ({@code culture}, {@code classification}...), sorted. */
  public List<String> labelValues(String field) {
    return search.labelValues(field);
  }

  /**
   * Adds a record, embedding its image.
   *
   * @throws org.artsim.DuplicateIdException if the id is present (use {@link #update} to replace)
   * @throws org.artsim.EmbeddingException if the image cannot be read or embedded (nothing is added)
   */
  public void add(CatalogueRecord record) {
    changes.add(record);
  }

  /** Adds a record with a vector made by this collection's embedder; throws {@code DuplicateIdException} if the id is present. */
  public void add(CatalogueRecord record, float[] vector) {
    addWithVectors(List.of(Args.notNull(record, "record")), List.of(Args.notNull(vector, "vector")));
  }

  /**
   * Adds many records, embedding their images as one batch. A record that fails (a duplicate id, an
   * unreadable image) is reported in the result and the others are added.
   */
  public AddResult addAll(List<CatalogueRecord> batch, ProgressListener listener) {
    return changes.addAll(batch, listener);
  }

  /**
   * Adds records whose vectors were made by this collection's embedder, all at once: if one is bad
   * (a duplicate id, a vector of the wrong dimension), none is added.
   */
  public void addWithVectors(List<CatalogueRecord> batch, List<float[]> vectors) {
    contents.checkOpen();
    contents.add(Args.notNull(batch, "batch"), Args.notNull(vectors, "vectors"));
  }

  /** Ingests a catalogue export (CSV or JSON Lines) with default options; see {@link Ingestor}. */
  public IngestionReport ingest(Path catalogue, ColumnMapping mapping) {
    return ingest(catalogue, IngestOptions.of(Args.notNull(mapping, "mapping")));
  }

  /** Ingests a catalogue export with options; see {@link Ingestor}. Rows already present are reported as duplicates. */
  public IngestionReport ingest(Path catalogue, IngestOptions options) {
    return changes.ingest(catalogue, options);
  }

  /** Replaces a record; its image is embedded again only if the image changed; throws {@code UnknownIdException} if the id is not present. */
  public void update(CatalogueRecord record) {
    changes.update(record);
  }

  /** Replaces a record and its vector; throws {@code UnknownIdException} if the id is not present. */
  public void update(CatalogueRecord record, float[] vector) {
    contents.checkOpen();
    contents.update(Args.notNull(record, "record"), Args.notNull(vector, "vector"));
  }

  /** Removes a record; returns {@code false} if there was none. */
  public boolean remove(String id) {
    contents.checkOpen();
    return contents.remove(Args.notNull(id, "id"));
  }

  /**
   * Where a record's image is; see {@link ImageLocation}.
   *
   * @throws org.artsim.InvalidArgumentException if the record has no image, its URL is malformed or
   *     of an unsupported scheme ({@code jar:}...), or its path is not a regular file
   */
  public ImageSource imageSource(CatalogueRecord record) {
    return images.source(record);
  }

  /** Decodes a record's image (regular files and {@code file:} URLs; other URLs are fetched by the embedder only); returns the image, or null if it cannot be read here. */
  public BufferedImage readImage(String id) {
    return images.read(id);
  }

  /** The {@code k} best records for a text query. */
  public TextSearchResult searchText(String query, int k) {
    return searchText(query, k, null);
  }

  /**
   * The {@code k} best records for a text query among those passing {@code filter} (null: no
   * filter); the result explains how the query was read.
   *
   * @throws ArtsimException if text search is off (no text index installed)
   */
  public TextSearchResult searchText(String query, int k, LabelFilter filter) {
    return search.text(query, k, filter, search.defaultMode());
  }

  /**
   * {@link #searchText(String, int, LabelFilter)} read as {@code mode} says: the text index alone,
   * the dense text index alone, or both fused ({@link TextSearchMode}). Without a mode, a
   * collection whose config names a text embedder searches {@code HYBRID}, else {@code TFIDF}.
   *
   * @throws ArtsimException if the mode needs an index this collection does not have
   */
  public TextSearchResult searchText(String query, int k, LabelFilter filter, TextSearchMode mode) {
    return search.text(query, k, filter, mode);
  }

  /**
   * The {@code k} records passing {@code filter} (null: none) whose images match a text
   * description, by the route {@link #textImageRoute()} names: an embedder with a text side (CLIP)
   * embeds the text into its image space; otherwise a {@linkplain #fitTextBridge text bridge}
   * maps the text vector of the collection's text embedder into the image space, so works without
   * catalogue text are found too. Without either, the text cannot be matched against images.
   *
   * @throws ArtsimException if neither route is there (the message says how to get one, or to use {@link #searchText})
   */
  public List<Hit> searchImagesByText(String description, int k, LabelFilter filter) {
    return search.imagesByText(description, k, filter);
  }

  /** Which route {@link #searchImagesByText} takes now: {@code CLIP}, {@code BRIDGE} or {@code NONE} (it then throws). */
  public TextImageRoute textImageRoute() {
    return search.textImageRoute();
  }

  /**
   * Fits a text bridge on this collection's works that have catalogue text (their text vectors from
   * dense text search, their image vectors from the index), attaches it (replacing any other) and
   * returns it; {@link #save} keeps it. Later changes to the records do not refit it.
   *
   * @throws ArtsimException if the collection has no text embedder ({@link CollectionConfig#withTextEmbedder})
   * @throws org.artsim.InvalidArgumentException if fewer works have text than {@link BridgeConfig#minWorks()} (the message says how many)
   */
  public TextImageBridge fitTextBridge(BridgeConfig config) {
    contents.checkOpen();
    TextImageBridge b = CollectionBridge.fit(contents, config(), embedderInfo, Args.notNull(config, "config"));
    contents.bridge(b);
    return b;
  }

  /**
   * Attaches a text bridge fitted elsewhere (another copy of this collection, {@link TextImageBridge#load}), replacing any other.
   *
   * @throws org.artsim.DimensionMismatchException if its dimensions are not this collection's
   * @throws IncompatibleEmbedderException if it was fitted for another image or text embedder than this collection's
   * @throws ArtsimException if the collection has no text embedder
   */
  public void useTextBridge(TextImageBridge bridge) {
    contents.checkOpen();
    Args.notNull(bridge, "bridge");
    CollectionBridge.check(bridge, embedderInfo, CollectionBridge.textSide(contents, config()).info());
    contents.bridge(bridge);
  }

  /** The text bridge, if one was fitted, attached or loaded. */
  public Optional<TextImageBridge> textBridge() {
    contents.checkOpen();
    return Optional.ofNullable(contents.bridge());
  }

  /** The {@code k} records whose images are closest to an image file. */
  public List<Hit> searchImage(Path image, int k) {
    return searchImage(ImageSource.of(Args.notNull(image, "image")), k, null);
  }

  /** The {@code k} records passing {@code filter} (null: none) whose images are closest to an image (a file, URL, bytes or decoded image). */
  public List<Hit> searchImage(ImageSource image, int k, LabelFilter filter) {
    return search.image(image, k, filter);
  }

  /** The {@code k} records passing {@code filter} (null: none) closest to a vector of this collection's embedder. */
  public List<Hit> searchVector(float[] vector, int k, LabelFilter filter) {
    return search.vector(vector, k, filter);
  }

  /** The {@code k} records most similar to a record, not counting itself. */
  public List<Hit> similarTo(String id, int k) {
    return similarTo(id, k, null);
  }

  /** The {@code k} records passing {@code filter} (null: none) most similar to a record, not counting itself; throws {@code UnknownIdException} if the id is not present. */
  public List<Hit> similarTo(String id, int k, LabelFilter filter) {
    return search.similarTo(id, k, filter);
  }

  /**
   * The {@code k} records most similar to a record for each value of a label field, not counting
   * the record itself. Values no record carries map to empty lists; the map keeps {@code values}' order.
   */
  public Map<String, List<Hit>> matchesPerLabel(String id, String field, Collection<String> values, int k) {
    return search.matchesPerLabel(id, field, values, k);
  }

  /** {@link #matchesPerLabel(String, String, Collection, int)} for every value the field has. */
  public Map<String, List<Hit>> matchesPerLabel(String id, String field, int k) {
    return matchesPerLabel(id, field, labelValues(field), k);
  }

  /**
   * The {@code n} likeliest values of a label field for a record, by the similarity-weighted vote of
   * its 10 nearest records carrying the field; the record itself and exact duplicates of it (the same
   * vector) never vote. Shares are in [0, 1], best first, ties by value; see {@link LabelSuggestion}.
   *
   * @throws org.artsim.UnknownIdException if the id is not present
   * @throws org.artsim.InvalidArgumentException if {@code n < 1}, or no record carries the field
   *     (with the nearest field name as a hint), or no other record does
   */
  public List<LabelSuggestion> suggestLabels(String id, String field, int n) {
    return labelVote.forWork(id, field, n);
  }

  /** {@link #suggestLabels(String, String, int)} for an image from outside the collection (a file, URL, bytes or decoded image): every neighbour votes. */
  public List<LabelSuggestion> suggestLabels(ImageSource image, String field, int n) {
    return labelVote.forImage(image, field, n);
  }

  /** The recommender, created on first use over the index handle (sessions follow index rebuilds). */
  public Recommender recommender() {
    return recommender.get();
  }

  /** A new recommendation session: like, unlike, recommend. */
  public RecommendationSession newSession() {
    return recommender().newSession();
  }

  /** A session saved with {@link RecommendationSession#save}. */
  public RecommendationSession restoreSession(Path path) {
    return recommender().restoreSession(Args.notNull(path, "path"));
  }

  /**
   * Saves the whole collection in {@code dir} (created if needed), atomically: a crash mid-save
   * leaves the previous save loadable. See {@link CollectionStore} for the layout.
   */
  public void save(Path dir) {
    contents.checkOpen();
    Args.notNull(dir, "dir");
    synchronized (contents) {
      var snapshot = new CollectionStore.Snapshot(id, config(), embedderInfo, images.base(), contents.recordMap(), contents.index(), contents.text(), contents.bridge());
      CollectionStore.save(snapshot, dir);
    }
  }

  /** Closes the components the collection created; later use throws {@code ClosedException}. Safe to call twice. */
  @Override
  public void close() {
    recommender.close();
    if (ownsEmbedder && embedder != null) {
      embedder.close();
    }
    contents.close();
  }

  @Override
  public String toString() {
    return "ArtCollection[size=" + contents.size() + ", embedder=" + embedderInfo + ", index=" + contents.index().kind() + ", text="
        + (contents.text() == null ? "off" : contents.text().kind()) + ", recommender=" + config().recommender().provider() + "]";
  }
}
