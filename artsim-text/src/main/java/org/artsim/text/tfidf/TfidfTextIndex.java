package org.artsim.text.tfidf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.artsim.ClosedException;
import org.artsim.DuplicateIdException;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.artsim.io.ArtsimFiles;
import org.artsim.text.TfidfConfig;

/**
 * TF-IDF keyword search that reproduces scikit-learn's {@code TfidfVectorizer} (Salton &amp;
 * Buckley 1988, "Term-weighting approaches in automatic text retrieval",
 * doi:10.1016/0306-4573(88)90021-0) and scores with an inverted index.
 *
 * <p>The parts: {@link AnalysedDocument} and {@link SklearnAnalyzer} read documents, a {@link
 * DocumentStore} keeps them as counted terms, a {@link ModelFitter} fits the {@link FittedModel}
 * lazily (by the first search after a change, so a search always sees what a fresh fit over the
 * current documents gives), a {@link QueryReader} reads queries, a {@link QueryScorer} ranks, and
 * {@link TfidfFileCodec} saves and loads.
 *
 * <p>Locking: changes and fits take the write lock; a search takes the read lock only to fetch the
 * current model, then analyses, reads and scores its query without any lock, so a long query never
 * makes a writer wait.
 */
final class TfidfTextIndex implements TextIndex {
  private final TfidfConfig config;
  private final SklearnAnalyzer analyzer;
  private final QueryReader reader;
  private final QueryScorer scorer;
  private final ModelFitter fitter;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final DocumentStore store;
  /** A vocabulary given from outside, used instead of fitting while set; null normally. */
  private FixedVocabulary fixed;
  /** The fitted model, or null when documents changed since the last fit. */
  private FittedModel model;
  /** Set by {@link #close()}; every content operation then throws {@link ClosedException}. */
  private volatile boolean closed;
  /** Called by a search after it analysed its query and took the model, before it reads the query (tests). */
  private volatile Runnable queryHook = () -> {};

  TfidfTextIndex(TfidfConfig config) {
    this(config, new SklearnAnalyzer(config), null, null, null);
  }

  /** An index over loaded documents, with a loaded vocabulary and model (see {@link TfidfFileCodec}). */
  TfidfTextIndex(TfidfConfig config, SklearnAnalyzer analyzer, DocumentStore store, FixedVocabulary fixed, FittedModel model) {
    this.config = config;
    this.analyzer = analyzer;
    this.reader = new QueryReader(config, analyzer);
    this.scorer = new QueryScorer(config);
    this.fitter = new ModelFitter(config);
    this.store = store == null ? new DocumentStore(config, analyzer) : store;
    this.fixed = fixed;
    this.model = model;
  }

  TfidfConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return TfidfIndexProvider.NAME;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      checkOpen();
      return store.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void add(String id, TextDocument document) {
    AnalysedDocument a = AnalysedDocument.of(config, analyzer, id, document);
    lock.writeLock().lock();
    try {
      checkOpen();
      if (store.contains(id)) {
        throw duplicate(id);
      }
      store.add(id, a, document.labels());
      model = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static DuplicateIdException duplicate(String id) {
    return new DuplicateIdException("id '" + id + "' is already in the text index; use put(...) to replace it or remove it first");
  }

  @Override
  public void addAll(Map<String, TextDocument> documents) {
    if (documents == null) {
      throw new InvalidArgumentException("documents is null; pass a map from id to TextDocument");
    }
    var ids = new ArrayList<String>(documents.size());
    var analysed = new ArrayList<AnalysedDocument>(documents.size());
    var docs = new ArrayList<TextDocument>(documents.size());
    for (var e : documents.entrySet()) {
      ids.add(e.getKey());
      analysed.add(AnalysedDocument.of(config, analyzer, e.getKey(), e.getValue()));
      docs.add(e.getValue());
    }
    lock.writeLock().lock();
    try {
      checkOpen();
      for (String id : ids) {
        if (store.contains(id)) {
          throw duplicate(id);
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        store.add(ids.get(i), analysed.get(i), docs.get(i).labels());
      }
      model = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean put(String id, TextDocument document) {
    AnalysedDocument a = AnalysedDocument.of(config, analyzer, id, document);
    lock.writeLock().lock();
    try {
      checkOpen();
      boolean replaced = store.remove(id);
      store.add(id, a, document.labels());
      model = null;
      return replaced;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean remove(String id) {
    requireId(id);
    lock.writeLock().lock();
    try {
      checkOpen();
      boolean removed = store.remove(id);
      if (removed) {
        model = null;
      }
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean contains(String id) {
    requireId(id);
    lock.readLock().lock();
    try {
      checkOpen();
      return store.contains(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void requireId(String id) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; pass the id of a document");
    }
  }

  @Override
  public TextSearchResult search(String query, int k, LabelFilter filter) {
    if (query == null) {
      throw new InvalidArgumentException("query is null; pass the words to search for (an empty string finds nothing)");
    }
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    if (filter == null) {
      throw new InvalidArgumentException("filter is null; pass LabelFilter.none() to search every document");
    }
    checkOpen();
    AnalysedQuery analysed = reader.analyse(query);
    FittedModel m = currentModel();
    queryHook.run();
    checkLabelFields(filter, m);
    ReadQuery read = reader.read(analysed, m);
    return scorer.search(analysed, read, Math.min(k, Math.max(1, m.documents())), filter, m);
  }

  /** Refuses a filter on a label field no document carries: a misspelt or wrongly cased field would silently match nothing. */
  private static void checkLabelFields(LabelFilter filter, FittedModel m) {
    if (m.documents() == 0) {
      return;
    }
    for (String field : filter.allowed().keySet()) {
      if (!m.labelFields.contains(field)) {
        String near = null;
        for (String present : m.labelFields) {
          if (present.toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT))) {
            near = present;
          }
        }
        throw new InvalidArgumentException(
            "no document has label field '" + field + "'; fields present: " + m.labelFields
                + (near == null ? "" : "; did you mean '" + near + "'? Label field names are case-sensitive"));
      }
    }
  }

  /** The model over the current documents, fitting it first (under the write lock) if they changed. */
  private FittedModel currentModel() {
    lock.readLock().lock();
    try {
      checkOpen();
      if (model != null) {
        return model;
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      checkOpen();
      if (model == null) {
        model = fitter.fit(store, fixed);
      }
      return model;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void save(Path path) {
    while (true) {
      FittedModel m = currentModel();
      lock.readLock().lock();
      try {
        if (model == m) {
          ArtsimFiles.write(path, TfidfFileCodec.FORMAT, TfidfFileCodec.VERSION, out -> TfidfFileCodec.write(out, config, store, fixed != null, m));
          return;
        }
      } finally {
        lock.readLock().unlock();
      }
    }
  }

  /** Closes the index: later reads and changes throw {@link ClosedException}; closing again does nothing. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      model = null;
      fixed = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new ClosedException("text index '" + TfidfIndexProvider.NAME + "'");
    }
  }

  /** The current model (tests). */
  FittedModel fittedModel() {
    return currentModel();
  }

  /** Sets the hook a search calls between taking the model and reading its query (tests). */
  void queryHook(Runnable hook) {
    this.queryHook = hook;
  }

  /** How many candidate terms the dictionary holds (dead ones included until compaction). */
  int dictionarySize() {
    lock.readLock().lock();
    try {
      return store.dictionary().size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The corpus-wide count {@code max_features} ranks each term by (0 for an unknown term). */
  double[] corpusCounts(String[] terms) {
    lock.readLock().lock();
    try {
      return store.corpusCounts(terms);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Uses this vocabulary (in column order) and idf instead of fitting one, until cleared with
   * nulls. For loading a vocabulary fitted elsewhere (scikit-learn's {@code vocabulary_} and {@code
   * idf_}).
   */
  void useVocabulary(String[] terms, double[] idf) {
    if ((terms == null) != (idf == null)) {
      throw new InvalidArgumentException("a fixed vocabulary needs one idf per term");
    }
    FixedVocabulary given = terms == null ? null : new FixedVocabulary(terms.clone(), idf.clone());
    lock.writeLock().lock();
    try {
      fixed = given;
      model = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    lock.readLock().lock();
    try {
      FittedModel m = model;
      return "TfidfTextIndex[size=" + store.size() + ", vocabulary=" + (m == null ? "not fitted" : Integer.toString(m.terms.length))
          + ", ngram=" + config.ngramMin() + ".." + config.ngramMax() + ", stop_words=" + config.stopWords() + "]";
    } finally {
      lock.readLock().unlock();
    }
  }
}
