package org.artsim.text.tfidf;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.TextIndex;
import org.artsim.io.ArtsimFiles;
import org.artsim.spi.TextIndexProvider;
import org.artsim.text.TfidfConfig;

/**
 * Provides the {@code "tfidf"} text index: scikit-learn-compatible TF-IDF vectors (vocabulary, idf
 * and document vectors equal {@code TfidfVectorizer}'s to 1e-6 with {@link
 * TfidfConfig#sklearnDefaults()} or {@link TfidfConfig#reference()}), cosine top-k through an
 * inverted index, label filters, and forgiving queries (typos, stems, prefixes) with an
 * explanation of every rewrite.
 *
 * <h2>Behaviour</h2>
 *
 * <ul>
 *   <li>Hits are ordered by score descending, then id ascending ({@link String#compareTo}); only
 *       documents sharing at least one (rewritten) query term are returned, so a hit's score is
 *       always &gt; 0. Scores are computed in float64 and reported as float.
 *   <li>Adds and removes take effect at once; the vocabulary, idf and document rows are refitted
 *       lazily, by the first search (or save) after a change, over exactly the current documents.
 *       Results therefore always equal those of a fresh fit. Batch adds with {@code addAll}.
 *   <li>{@code max_features} ties at the cut-off are kept in alphabetical order; scikit-learn picks
 *       among them with numpy's unstable argsort, which no port can reproduce.
 *   <li>Thread-safe: changes and refits take a write lock; a search holds the read lock only to
 *       take the current fitted model, then reads and scores its query without a lock, within the
 *       {@code max_query_chars}/{@code max_query_terms} limits of its {@link TfidfConfig}.
 *   <li>Label filter fields are matched exactly; a field no present document carries is an {@link
 *       org.artsim.InvalidArgumentException}. After {@code close()} every content operation throws
 *       {@link org.artsim.ClosedException}.
 * </ul>
 *
 * <h2>File format {@code artsim.text.tfidf}, version 1</h2>
 *
 * Inside the {@link ArtsimFiles} container:
 *
 * <pre>
 * payload    := settingCount:int32 (key:string value:string){settingCount}   the TfidfConfig, as TfidfConfig.toSettings()
 *               termCount:int32 term:string{termCount}                        candidate terms (every n-gram of a stored document)
 *               docCount:int32 document{docCount}
 *               fixed:bool vocabSize:int32 (term:string idf:float64){vocabSize}  fitted vocabulary in column order, with idf
 * document   := id:string labelCount:int32 (field:string value:string){labelCount}
 *               n:int32 termIndex:int32{n} tf:float64{n} total:float64{n}
 * </pre>
 *
 * {@code tf} is the document's term frequency after {@code binary}, {@code sublinear_tf} and field
 * weights; {@code total} its contribution to the corpus count that {@code max_features} ranks by.
 * The document matrix is rebuilt from these and the stored vocabulary/idf on load (O(stored term
 * occurrences)), so a loaded index answers exactly as the saved one. {@code fixed} marks a
 * vocabulary given from outside rather than fitted; it is kept across later changes.
 */
public final class TfidfIndexProvider implements TextIndexProvider<TfidfConfig> {
  /** The provider name. */
  public static final String NAME = "tfidf";

  /** Used by {@link java.util.ServiceLoader}. */
  public TfidfIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "TF-IDF keyword search equal to scikit-learn's TfidfVectorizer, with an inverted index and typo/stem-tolerant queries";
  }

  @Override
  public String module() {
    return "org.artsim:artsim-text";
  }

  @Override
  public String formatName() {
    return TfidfFileCodec.FORMAT;
  }

  @Override
  public Class<TfidfConfig> configType() {
    return TfidfConfig.class;
  }

  @Override
  public TfidfConfig defaults() {
    return TfidfConfig.defaults();
  }

  @Override
  public TfidfConfig parse(Map<String, String> settings) {
    return TfidfConfig.parse(settings);
  }

  @Override
  public TextIndex create(TfidfConfig config) {
    return new TfidfTextIndex(config == null ? TfidfConfig.defaults() : config);
  }

  @Override
  public TextIndex load(Path path) {
    return ArtsimFiles.read(path, TfidfFileCodec.FORMAT, TfidfFileCodec.VERSION, TfidfFileCodec::read);
  }
}
