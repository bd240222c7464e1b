package org.artsim.collection;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.DuplicateIdException;
import org.artsim.Embedder;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.Hit;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.RecommendationSession;
import org.artsim.Recommender;
import org.artsim.SearchRequest;
import org.artsim.TextEmbedder;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.artsim.UnknownIdException;
import org.artsim.UnknownProviderException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.collection.analysis.Clusterer;
import org.artsim.collection.analysis.Clusters;
import org.artsim.collection.analysis.DuplicateGroup;
import org.artsim.collection.analysis.Duplicates;
import org.artsim.collection.analysis.ImageQuality;
import org.artsim.collection.analysis.Scored;
import org.artsim.collection.analysis.Uniqueness;
import org.artsim.spi.ProviderRegistry;
import org.artsim.spi.TextIndexProvider;
import org.artsim.spi.VectorIndexProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A searchable art collection: catalogue records, their image vectors, a vector index, a text
 * index and a recommender, wired together for the common job.
 *
 * <pre>{@code
 * var art = ArtCollection.create();                        // color embedder, flat/hnsw, tfidf, likes
 * art.ingest(Path.of("catalogue.csv"), ColumnMapping.standard());
 * art.searchText("blue vase", 5);                          // typo-tolerant with tfidf
 * art.similarTo("w-0042", 5, LabelFilter.anyOf("culture", "japanese"));
 * var s = art.newSession(); s.like("w-0042"); s.recommend(5);
 * art.save(Path.of("my-collection"));   ArtCollection.load(Path.of("my-collection"));
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Every record in the collection has exactly one vector in the index, made by {@link
 *       #embedderInfo()}, and one document in the text index (when text search is on). A change
 *       that fails (unreadable image, duplicate id) changes nothing.
 *   <li>Search results are best first (higher score is closer), ties by id; {@link #similarTo}
 *       never returns the item itself. Label filters are applied during the search.
 *   <li>Thread-safe: searches run concurrently with each other; changes are serialised.
 *   <li>{@link #save} writes one directory atomically (see {@link CollectionStore}); {@link #load}
 *       refuses an embedder other than the one that made the vectors ({@link
 *       IncompatibleEmbedderException}).
 * </ul>
 *
 * The collection owns (and {@link #close() closes}) the components it created by name; components
 * passed in as instances stay the caller's.
 */
public final class ArtCollection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtCollection.class);
  private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

  private final CollectionConfig config;
  private final ImageEmbedder embedder;
  private final boolean ownsEmbedder;
  private final EmbedderInfo embedderInfo;
  private final TextIndex text;
  private final Map<String, CatalogueRecord> records = new LinkedHashMap<>();
  private final Map<String, ImageQuality> qualityCache = new HashMap<>();
  private final IndexHandle index;
  private volatile Recommender recommender;
  private volatile Path imageBase;
  private Clusterer clusterer = Clusterer.fasterPam();
  private Uniqueness uniqueness = Uniqueness.fiftyOne();
  private Duplicates duplicates = Duplicates.greedy();

  ArtCollection(CollectionConfig config, ImageEmbedder embedder, boolean ownsEmbedder, EmbedderInfo info, VectorIndex index, TextIndex text, Path imageBase) {
    this.config = config;
    this.embedder = embedder;
    this.ownsEmbedder = ownsEmbedder;
    this.embedderInfo = info;
    this.index = new IndexHandle(index);
    this.text = text;
    this.imageBase = imageBase;
  }

  // ---------------------------------------------------------------- creation

  /** A new, empty collection with the {@linkplain CollectionConfig#defaults() defaults}. */
  public static ArtCollection create() {
    return builder().build();
  }

  /** A new, empty collection from a configuration. */
  public static ArtCollection create(CollectionConfig config) {
    return builder().config(config).build();
  }

  /** A builder, to choose components by name or pass instances. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a collection saved with {@link #save}, creating its embedder by the provider name and
   * settings it was saved with. If that embedder is not installed, the collection still loads for
   * searches by text and by id; searches by image then explain what to add.
   *
   * @throws IncompatibleEmbedderException if the installed embedder of that name makes different vectors
   */
  public static ArtCollection load(Path dir) {
    return CollectionStore.load(dir, null);
  }

  /**
   * Loads a collection saved with {@link #save}, with an embedder of the caller's (not closed by
   * the collection).
   *
   * @throws IncompatibleEmbedderException if {@code embedder} makes vectors other than the saved ones
   */
  public static ArtCollection load(Path dir, ImageEmbedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    return CollectionStore.load(dir, embedder);
  }

  /** Chooses a collection's components; {@link #build()} creates the missing ones by name. */
  public static final class Builder {
    private CollectionConfig config = CollectionConfig.defaults();
    private ImageEmbedder embedder;
    private VectorIndex index;
    private TextIndex text;
    private Path imageBase;

    private Builder() {}

    /** Provider names and settings (default {@link CollectionConfig#defaults()}). */
    public Builder config(CollectionConfig c) {
      this.config = Objects.requireNonNull(c, "config");
      return this;
    }

    /** The embedder by provider name. */
    public Builder embedder(String name) {
      this.config = config.withEmbedder(name);
      return this;
    }

    /** An embedder instance (stays the caller's to close). */
    public Builder embedder(ImageEmbedder e) {
      this.embedder = Objects.requireNonNull(e, "embedder");
      return this;
    }

    /** The vector index by provider name, or "auto". */
    public Builder index(String name) {
      this.config = config.withIndex(name);
      return this;
    }

    /** An empty vector index instance of the embedder's dimension. */
    public Builder index(VectorIndex i) {
      this.index = Objects.requireNonNull(i, "index");
      return this;
    }

    /** The text index by provider name, or "none". */
    public Builder textIndex(String name) {
      this.config = config.withTextIndex(name);
      return this;
    }

    /** An empty text index instance. */
    public Builder textIndex(TextIndex t) {
      this.text = Objects.requireNonNull(t, "textIndex");
      return this;
    }

    /** The recommender by provider name. */
    public Builder recommender(String name) {
      this.config = config.withRecommender(name);
      return this;
    }

    /** The metric. */
    public Builder metric(Metric m) {
      this.config = config.withMetric(m);
      return this;
    }

    /** The directory relative image paths are resolved against (default: the working directory). */
    public Builder imageBase(Path dir) {
      this.imageBase = dir;
      return this;
    }

    /**
     * Creates the collection.
     *
     * @throws UnknownProviderException if the embedder is not installed (the message names the module to add)
     */
    public ArtCollection build() {
      boolean owns = embedder == null;
      ImageEmbedder e = embedder != null ? embedder : createEmbedder(config);
      try {
        VectorIndex i = index;
        if (i == null) {
          i = createIndex(config, e.info().dimension(), 0);
        } else if (i.size() != 0 || i.dimension() != e.info().dimension()) {
          throw new InvalidArgumentException(
              "the index passed in must be empty and of the embedder's dimension " + e.info().dimension() + ", got " + i);
        }
        TextIndex t = text != null ? text : createText(config);
        var c = config.withEmbedder(e.info().provider(), embedder != null ? Map.of() : config.embedderSettings());
        if (index != null) {
          c = c.withIndex(index.kind());
        }
        if (text != null) {
          c = c.withTextIndex(text.kind());
        }
        return new ArtCollection(c.withMetric(i.metric()), e, owns, e.info(), i, t, imageBase);
      } catch (RuntimeException ex) {
        if (owns) {
          e.close();
        }
        throw ex;
      }
    }
  }

  static ImageEmbedder createEmbedder(CollectionConfig config) {
    try {
      return Artsim.imageEmbedder(config.embedder(), config.embedderSettings().isEmpty() ? null : config.embedderSettings());
    } catch (UnknownProviderException e) {
      throw new UnknownProviderException(
          "the collection's embedder '" + config.embedder() + "' is not installed: " + e.getMessage()
              + " (the default 'color' ships in org.artsim:artsim-embed; or pass an ImageEmbedder instance to ArtCollection.builder().embedder(...))",
          e);
    }
  }

  static VectorIndex createIndex(CollectionConfig config, int dimension, int expectedSize) {
    String kind = indexKindFor(config, expectedSize);
    return Artsim.index(kind, dimension, config.metric(), config.indexSettings());
  }

  /** The index provider to use for a collection of {@code size} items. */
  static String indexKindFor(CollectionConfig config, int size) {
    var registry = ProviderRegistry.of(VectorIndexProvider.class);
    if (!config.index().equals(CollectionConfig.AUTO)) {
      return config.index();
    }
    if (size >= config.hnswThreshold()) {
      // hnsw-lucene is the approximate index the benchmarks recommend (artsim-index/README.md)
      for (String approximate : new String[] {"hnsw-lucene", "hnsw"}) {
        if (registry.find(approximate).isPresent()) {
          return approximate;
        }
      }
      LOG.warn("{} items are past the hnsw threshold of {}, but no HNSW index is installed (it ships in org.artsim:artsim-index); using the exact 'flat' index", size, config.hnswThreshold());
    }
    return "flat";
  }

  static TextIndex createText(CollectionConfig config) {
    if (config.textIndex().equals(CollectionConfig.NONE)) {
      return null;
    }
    if (ProviderRegistry.of(TextIndexProvider.class).find(config.textIndex()).isEmpty()) {
      LOG.warn(
          "text search is off: no text index named '{}' is installed (the default 'tfidf' ships in org.artsim:artsim-text); installed: {}",
          config.textIndex(),
          ProviderRegistry.of(TextIndexProvider.class).names());
      return null;
    }
    return Artsim.textIndex(config.textIndex(), config.textSettings().isEmpty() ? null : config.textSettings());
  }

  // ---------------------------------------------------------------- accessors

  /** The components' names and settings (instances passed in are listed by their kind). */
  public CollectionConfig config() {
    return config;
  }

  /** What made the vectors. */
  public EmbedderInfo embedderInfo() {
    return embedderInfo;
  }

  /**
   * The embedder.
   *
   * @throws ArtsimException if the collection was loaded without its embedder installed
   */
  public ImageEmbedder embedder() {
    if (embedder == null) {
      throw new ArtsimException(
          "this collection was loaded without its embedder: '" + embedderInfo.provider() + "' is not installed; add the module that provides it "
              + "(the default 'color' ships in org.artsim:artsim-embed) or load with ArtCollection.load(dir, embedder)");
    }
    return embedder;
  }

  /**
   * The vector index, read-only, for direct searches. The reference stays valid for the
   * collection's life: when an "auto" collection rebuilds its index, this handle follows the new
   * one. Changes go through the collection.
   */
  public VectorIndex index() {
    return index;
  }

  /** The text index, if text search is on. */
  public Optional<TextIndex> textIndex() {
    return Optional.ofNullable(text);
  }

  /** The directory relative image paths are resolved against, or null (the working directory). */
  public Path imageBase() {
    return imageBase;
  }

  /** Sets the directory relative image paths are resolved against. */
  public void imageBase(Path dir) {
    this.imageBase = dir;
  }

  /** Plugs in another clusterer (for example an adapter to a FasterPAM implementation). */
  public synchronized void use(Clusterer c) {
    this.clusterer = Objects.requireNonNull(c, "clusterer");
  }

  /** Plugs in another uniqueness scorer. */
  public synchronized void use(Uniqueness u) {
    this.uniqueness = Objects.requireNonNull(u, "uniqueness");
  }

  /** Plugs in another duplicate finder. */
  public synchronized void use(Duplicates d) {
    this.duplicates = Objects.requireNonNull(d, "duplicates");
  }

  /** The number of records. */
  public synchronized int size() {
    return records.size();
  }

  /** The ids, in the order the records were added. */
  public synchronized List<String> ids() {
    return List.copyOf(records.keySet());
  }

  /** The records, in the order they were added. */
  public synchronized List<CatalogueRecord> records() {
    return List.copyOf(records.values());
  }

  /** Whether a record with this id is present. */
  public synchronized boolean contains(String id) {
    return records.containsKey(id);
  }

  /**
   * The record with this id.
   *
   * @throws UnknownIdException if there is none
   */
  public synchronized CatalogueRecord record(String id) {
    CatalogueRecord r = records.get(id);
    if (r == null) {
      throw new UnknownIdException("no record with id '" + id + "' in the collection; check the id (ids() lists them)");
    }
    return r;
  }

  /** A copy of an item's stored vector (unit length under cosine). */
  public float[] vector(String id) {
    return index.vector(id).orElseThrow(() -> new UnknownIdException("no record with id '" + id + "' in the collection; check the id"));
  }

  /** The distinct values of a label field ({@code culture}, {@code classification}...), sorted. */
  public List<String> labelValues(String field) {
    return index.labelValues(field).stream().sorted().toList();
  }

  // ---------------------------------------------------------------- changes

  /**
   * Adds a record, embedding its image.
   *
   * @throws DuplicateIdException if the id is present (use {@link #update} to replace)
   * @throws EmbeddingException if the image cannot be read or embedded (nothing is added)
   */
  public void add(CatalogueRecord record) {
    Objects.requireNonNull(record, "record");
    checkNew(record.id());
    add(record, embedder().embedImage(imageSource(record)));
  }

  /**
   * Adds a record with a vector made by this collection's embedder.
   *
   * @throws DuplicateIdException if the id is present
   */
  public synchronized void add(CatalogueRecord record, float[] vector) {
    Objects.requireNonNull(record, "record");
    checkNew(record.id());
    index.change(i -> {
      i.add(record.id(), vector, record.indexLabels());
      return null;
    });
    try {
      if (text != null) {
        text.put(record.id(), record.textDocument());
      }
    } catch (RuntimeException e) {
      index.change(i -> i.remove(record.id()));
      throw e;
    }
    records.put(record.id(), record);
    grow();
  }

  /**
   * Adds many records, embedding their images as one batch. A record that fails (a duplicate id, an
   * unreadable image) is reported in the result and the others are added.
   */
  public AddResult addAll(List<CatalogueRecord> batch, ProgressListener listener) {
    var failed = new LinkedHashMap<String, String>();
    var todo = new ArrayList<CatalogueRecord>();
    var seen = new java.util.HashSet<String>();
    for (CatalogueRecord r : batch) {
      if (contains(r.id()) || !seen.add(r.id())) {
        failed.put(r.id(), "duplicate id '" + r.id() + "'; use update to replace a record");
      } else {
        todo.add(r);
      }
    }
    var sources = new ArrayList<ImageSource>();
    var ok = new ArrayList<CatalogueRecord>();
    for (CatalogueRecord r : todo) {
      try {
        sources.add(imageSource(r));
        ok.add(r);
      } catch (ArtsimException e) {
        failed.put(r.id(), e.getMessage());
      }
    }
    List<EmbeddingResult> results = embedder().embedImages(sources, listener);
    var entries = new ArrayList<VectorEntry>();
    var added = new ArrayList<CatalogueRecord>();
    for (int i = 0; i < ok.size(); i++) {
      EmbeddingResult res = results.get(i);
      if (res.ok()) {
        entries.add(new VectorEntry(ok.get(i).id(), res.vector(), ok.get(i).indexLabels()));
        added.add(ok.get(i));
      } else {
        failed.put(ok.get(i).id(), res.error().getMessage());
      }
    }
    addEmbedded(added, entries);
    return new AddResult(added.stream().map(CatalogueRecord::id).toList(), failed);
  }

  /**
   * Adds records whose vectors were made by this collection's embedder (ingestion, or vectors
   * computed elsewhere), all at once: if one is bad (a duplicate id, a vector of the wrong
   * dimension), none is added.
   *
   * @throws DuplicateIdException if an id is present or repeated
   */
  public void addWithVectors(List<CatalogueRecord> batch, List<float[]> vectors) {
    if (batch.size() != vectors.size()) {
      throw new InvalidArgumentException("got " + batch.size() + " records but " + vectors.size() + " vectors; give one vector per record");
    }
    var entries = new ArrayList<VectorEntry>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(new VectorEntry(batch.get(i).id(), vectors.get(i), batch.get(i).indexLabels()));
    }
    addEmbedded(batch, entries);
  }

  /**
   * Ingests a catalogue export (CSV or JSON Lines) with default options; see {@link
   * org.artsim.collection.ingest.Ingestor}.
   */
  public org.artsim.collection.ingest.IngestionReport ingest(Path catalogue, org.artsim.collection.ingest.ColumnMapping mapping) {
    return org.artsim.collection.ingest.Ingestor.ingest(this, catalogue, mapping);
  }

  /** Ingests a catalogue export with options; see {@link org.artsim.collection.ingest.Ingestor}. */
  public org.artsim.collection.ingest.IngestionReport ingest(Path catalogue, org.artsim.collection.ingest.IngestOptions options) {
    return org.artsim.collection.ingest.Ingestor.ingest(this, catalogue, options);
  }

  /** Adds records whose vectors are ready; all are new ids. */
  synchronized void addEmbedded(List<CatalogueRecord> batch, List<VectorEntry> entries) {
    for (CatalogueRecord r : batch) {
      checkNew(r.id());
    }
    if (batch.isEmpty()) {
      return;
    }
    index.change(i -> {
      i.addAll(entries);
      return null;
    });
    if (text != null) {
      var docs = new LinkedHashMap<String, org.artsim.TextDocument>();
      for (CatalogueRecord r : batch) {
        docs.put(r.id(), r.textDocument());
      }
      try {
        text.addAll(docs);
      } catch (RuntimeException e) {
        batch.forEach(r -> index.change(i -> i.remove(r.id())));
        throw e;
      }
    }
    for (CatalogueRecord r : batch) {
      records.put(r.id(), r);
    }
    grow();
  }

  /**
   * Replaces a record; its image is embedded again only if the image changed.
   *
   * @throws UnknownIdException if the id is not present
   */
  public void update(CatalogueRecord record) {
    Objects.requireNonNull(record, "record");
    CatalogueRecord old = record(record.id());
    float[] v = Objects.equals(old.image(), record.image()) ? vector(record.id()) : embedder().embedImage(imageSource(record));
    update(record, v);
  }

  /**
   * Replaces a record and its vector.
   *
   * @throws UnknownIdException if the id is not present
   */
  public synchronized void update(CatalogueRecord record, float[] vector) {
    CatalogueRecord old = record(record.id());
    index.change(i -> {
      i.update(record.id(), vector, record.indexLabels());
      return null;
    });
    if (text != null) {
      text.put(record.id(), record.textDocument());
    }
    records.put(record.id(), record);
    if (!Objects.equals(old.image(), record.image())) {
      qualityCache.remove(record.id());
    }
  }

  /**
   * Removes a record.
   *
   * @return {@code false} if there was none
   */
  public synchronized boolean remove(String id) {
    if (records.remove(id) == null) {
      return false;
    }
    index.change(i -> i.remove(id));
    if (text != null) {
      text.remove(id);
    }
    qualityCache.remove(id);
    return true;
  }

  private synchronized void checkNew(String id) {
    if (records.containsKey(id)) {
      throw new DuplicateIdException("a record with id '" + id + "' is already in the collection; use update to replace it");
    }
  }

  /** Moves to hnsw when "auto" and the collection has grown past the threshold. */
  private void grow() {
    String want = indexKindFor(config, records.size());
    if (!want.equals(index.kind()) && config.index().equals(CollectionConfig.AUTO)) {
      LOG.info("the collection has {} items, past the hnsw threshold {}: rebuilding its index as '{}'", records.size(), config.hnswThreshold(), want);
      index.swap(rebuild(want));
    }
  }

  private VectorIndex rebuild(String kind) {
    VectorIndex fresh = Artsim.index(kind, index.dimension(), index.metric(), config.indexSettings());
    var entries = new ArrayList<VectorEntry>(records.size());
    for (String id : records.keySet()) {
      entries.add(new VectorEntry(id, vector(id), records.get(id).indexLabels()));
    }
    fresh.addAll(entries);
    return fresh;
  }

  // ---------------------------------------------------------------- images

  /**
   * Where a record's image is: a URL, or a path resolved against {@link #imageBase()}.
   *
   * @throws InvalidArgumentException if the record has no image or its URL is malformed
   */
  public ImageSource imageSource(CatalogueRecord record) {
    return imageSourceOf(record.id(), record.image(), imageBase);
  }

  /**
   * The image source for a catalogue value: a URL (http, https, file or jar, checked), or a path
   * resolved against {@code base} when relative.
   *
   * @throws InvalidArgumentException if the value is blank, a malformed URL or of another scheme
   */
  public static ImageSource imageSourceOf(String id, String image, Path base) {
    if (image == null || image.isBlank()) {
      throw new InvalidArgumentException("record '" + id + "' has no image; give it an image path or URL, or add it with a vector");
    }
    String s = image.strip();
    if (URL_SCHEME.matcher(s).matches()) {
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new InvalidArgumentException("record '" + id + "' has a malformed image URL '" + s + "': " + e.getMessage() + "; fix the URL in the catalogue", e);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!List.of("http", "https", "file", "jar").contains(scheme)) {
        throw new InvalidArgumentException("record '" + id + "' has an image URL with the unsupported scheme '" + scheme + "' (" + s + "); use http, https or file");
      }
      if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isBlank())) {
        throw new InvalidArgumentException("record '" + id + "' has an image URL without a host: '" + s + "'; fix the URL in the catalogue");
      }
      return ImageSource.of(uri);
    }
    Path p = Path.of(s);
    if (!p.isAbsolute() && base != null) {
      p = base.resolve(p);
    }
    return ImageSource.of(p);
  }

  /**
   * Decodes a record's image (files and {@code file:} URLs; other URLs are fetched by the embedder only).
   *
   * @return the image, or null if it cannot be read here
   */
  public BufferedImage readImage(String id) {
    ImageSource src = imageSource(record(id));
    try {
      if (src instanceof ImageSource.OfFile f) {
        return ImageIO.read(f.path().toFile());
      }
      if (src instanceof ImageSource.OfUrl u && "file".equalsIgnoreCase(u.uri().getScheme())) {
        return ImageIO.read(Path.of(u.uri()).toFile());
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("cannot read the image of {}: {}", id, e.toString());
    }
    return null;
  }

  // ---------------------------------------------------------------- searches

  /** The {@code k} best records for a text query. */
  public TextSearchResult searchText(String query, int k) {
    return searchText(query, k, LabelFilter.none());
  }

  /**
   * The {@code k} best records for a text query among those passing {@code filter}; the result
   * explains how the query was read (rewritten typos, ignored words).
   *
   * @throws ArtsimException if text search is off (no text index installed)
   */
  public TextSearchResult searchText(String query, int k, LabelFilter filter) {
    if (text == null) {
      throw new ArtsimException(
          "text search is off for this collection: no text index '" + config.textIndex() + "' is installed; add org.artsim:artsim-text for 'tfidf'");
    }
    return text.search(query, k, filter);
  }

  /**
   * Images that match a text description, for embedders with a text side (CLIP): the text is
   * embedded into the image space.
   *
   * @throws ArtsimException if the embedder embeds images only
   */
  public List<Hit> searchImagesByText(String description, int k, LabelFilter filter) {
    if (!(embedder() instanceof TextEmbedder te)) {
      throw new ArtsimException(
          "the embedder " + embedderInfo + " has no text side, so text cannot be matched against images; use searchText, or a CLIP embedder");
    }
    return searchVector(te.embedText(description), k, filter);
  }

  /** The {@code k} records whose images are closest to an image file. */
  public List<Hit> searchImage(Path image, int k) {
    return searchImage(image, k, LabelFilter.none());
  }

  /** The {@code k} records passing {@code filter} whose images are closest to an image file. */
  public List<Hit> searchImage(Path image, int k, LabelFilter filter) {
    return searchVector(embedder().embedImage(ImageSource.of(image)), k, filter);
  }

  /** The {@code k} records passing {@code filter} whose images are closest to the image at a URL. */
  public List<Hit> searchImage(URI image, int k, LabelFilter filter) {
    return searchVector(embedder().embedImage(ImageSource.of(image)), k, filter);
  }

  /** The {@code k} records whose images are closest to a decoded image. */
  public List<Hit> searchImage(BufferedImage image, int k) {
    return searchImage(image, k, LabelFilter.none());
  }

  /** The {@code k} records passing {@code filter} whose images are closest to a decoded image. */
  public List<Hit> searchImage(BufferedImage image, int k, LabelFilter filter) {
    return searchVector(embedder().embedImage(ImageSource.of(image)), k, filter);
  }

  /** The {@code k} records passing {@code filter} closest to a vector of this collection's embedder. */
  public List<Hit> searchVector(float[] vector, int k, LabelFilter filter) {
    return index.search(SearchRequest.of(vector, k).withFilter(filter == null ? LabelFilter.none() : filter));
  }

  /** The {@code k} records most similar to a record, not counting itself. */
  public List<Hit> similarTo(String id, int k) {
    return similarTo(id, k, LabelFilter.none());
  }

  /**
   * The {@code k} records passing {@code filter} most similar to a record, not counting itself.
   *
   * @throws UnknownIdException if the id is not present
   */
  public List<Hit> similarTo(String id, int k, LabelFilter filter) {
    record(id);
    return index.similarTo(id, k, filter == null ? LabelFilter.none() : filter);
  }

  /**
   * The {@code k} records most similar to a record for each value of a label field, not counting
   * the record itself: "the closest Japanese, American and Egyptian works". Values no record
   * carries map to empty lists; the map keeps {@code values}' order.
   */
  public Map<String, List<Hit>> matchesPerLabel(String id, String field, Collection<String> values, int k) {
    var out = new LinkedHashMap<String, List<Hit>>();
    for (String v : values) {
      out.put(v, similarTo(id, k, LabelFilter.anyOf(field, v)));
    }
    return out;
  }

  /** {@link #matchesPerLabel(String, String, Collection, int)} for every value the field has. */
  public Map<String, List<Hit>> matchesPerLabel(String id, String field, int k) {
    return matchesPerLabel(id, field, labelValues(field), k);
  }

  /** The {@code k} records closest to an image for each value of a label field. */
  public Map<String, List<Hit>> matchesPerLabel(Path image, String field, Collection<String> values, int k) {
    return index.matchesPerLabel(embedder().embedImage(ImageSource.of(image)), k, field, values);
  }

  // ---------------------------------------------------------------- recommendations

  /** The recommender, created by name on first use. */
  public Recommender recommender() {
    Recommender r = recommender;
    if (r == null) {
      synchronized (this) {
        r = recommender;
        if (r == null) {
          try {
            r = Artsim.recommender(config.recommender(), index, config.recommenderSettings().isEmpty() ? null : config.recommenderSettings());
          } catch (UnknownProviderException e) {
            throw new UnknownProviderException(
                "recommendations need the recommender '" + config.recommender() + "': " + e.getMessage()
                    + " (the default 'likes' ships in org.artsim:artsim-recommend)",
                e);
          }
          recommender = r;
        }
      }
    }
    return r;
  }

  /** A new recommendation session: like, unlike, recommend. */
  public RecommendationSession newSession() {
    return recommender().newSession();
  }

  /** A session saved with {@link RecommendationSession#save}. */
  public RecommendationSession restoreSession(Path path) {
    return recommender().restoreSession(path);
  }

  // ---------------------------------------------------------------- analysis

  /** The vectors of every record, in collection order (unit length under cosine). */
  public synchronized float[][] vectors() {
    var out = new float[records.size()][];
    int i = 0;
    for (String id : records.keySet()) {
      out[i++] = vector(id);
    }
    return out;
  }

  /** {@code k} clusters around real works, deterministic for {@code seed}. */
  public Clusters clusters(int k, long seed) {
    String[] ids;
    float[][] v;
    Clusterer c;
    synchronized (this) {
      ids = records.keySet().toArray(String[]::new);
      v = vectors();
      c = clusterer;
    }
    if (ids.length == 0) {
      throw new InvalidArgumentException("the collection is empty; add records before clustering");
    }
    return c.cluster(ids, v, index.metric(), k, seed);
  }

  /** Every record's uniqueness in [0, 1] (see {@link Uniqueness}), in collection order. */
  public Map<String, Double> uniqueness() {
    return uniqueness.score(index, ids());
  }

  /** The {@code n} most unique records, most unique first. */
  public List<Scored> mostUnique(int n) {
    var ranked = Uniqueness.ranked(uniqueness());
    return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
  }

  /** The {@code n} least unique records, least unique first. */
  public List<Scored> leastUnique(int n) {
    var ranked = new ArrayList<>(Uniqueness.ranked(uniqueness()));
    java.util.Collections.reverse(ranked);
    return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
  }

  /** The mean of per-record scores for each value of a label field (e.g. mean uniqueness per artist), highest first. */
  public Map<String, Double> meanPerLabel(Map<String, Double> scores, String field) {
    var sums = new TreeMap<String, double[]>();
    scores.forEach(
        (id, s) -> {
          String v = contains(id) ? record(id).indexLabels().get(field) : null;
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

  /** Groups of near-duplicates within {@code threshold} (cosine distance under cosine). */
  public List<DuplicateGroup> duplicates(double threshold) {
    return duplicates.find(index, ids(), threshold);
  }

  /** The image quality of a record (computed once, then cached); null if its image cannot be read here. */
  public ImageQuality imageQuality(String id) {
    synchronized (this) {
      ImageQuality q = qualityCache.get(id);
      if (q != null) {
        return q;
      }
    }
    BufferedImage img = readImage(id);
    if (img == null) {
      return null;
    }
    ImageQuality q = ImageQuality.of(img);
    synchronized (this) {
      qualityCache.put(id, q);
    }
    return q;
  }

  /**
   * Records sorted by an image-quality measure, highest first when {@code descending} (ties by id).
   * Records whose image cannot be read here are left out (and logged).
   */
  public List<Scored> sortByQuality(ImageQuality.Measure measure, boolean descending) {
    var out = new ArrayList<Scored>();
    for (String id : ids()) {
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

  // ---------------------------------------------------------------- persistence

  /**
   * Saves the whole collection in {@code dir} (created if needed), atomically: a crash mid-save
   * leaves the previous save loadable. See {@link CollectionStore} for the layout.
   */
  public synchronized void save(Path dir) {
    CollectionStore.save(this, dir);
  }

  synchronized Map<String, CatalogueRecord> recordMap() {
    return new LinkedHashMap<>(records);
  }

  synchronized void restore(Map<String, CatalogueRecord> saved) {
    records.putAll(saved);
  }

  boolean ownsEmbedder() {
    return ownsEmbedder;
  }

  /** Closes the components the collection created. Safe to call twice. */
  @Override
  public void close() {
    if (ownsEmbedder && embedder != null) {
      embedder.close();
    }
    index.closeIndex();
    if (text != null) {
      text.close();
    }
  }

  @Override
  public String toString() {
    return "ArtCollection[size=" + size() + ", embedder=" + embedderInfo + ", index=" + index.kind() + ", text=" + (text == null ? "off" : text.kind())
        + ", recommender=" + config.recommender() + "]";
  }

  /** Closes an embedder when loading fails. */
  static void closeQuietly(Embedder e) {
    if (e != null) {
      e.close();
    }
  }
}
