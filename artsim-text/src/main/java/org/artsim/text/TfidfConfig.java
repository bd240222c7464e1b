package org.artsim.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "tfidf"} text index: how documents become TF-IDF vectors (each option
 * named after its scikit-learn {@code TfidfVectorizer} equivalent), which record fields are read
 * and how much each counts, and how forgiving queries are.
 *
 * <p>Three starting points:
 *
 * <ul>
 *   <li>{@link #sklearnDefaults()}: exactly {@code TfidfVectorizer()}; vocabulary, idf, document
 *       vectors and cosine scores equal scikit-learn's to 1e-6, and queries are read literally.
 *   <li>{@link #reference()}: {@code TfidfVectorizer(stop_words='english', ngram_range=(1, 2),
 *       min_df=2, max_features=15000)}, the museum reference project's settings, read literally.
 *   <li>{@link #defaults()}: English stop words and word bigrams like {@link #reference()}, but
 *       {@code min_df=1} and no {@code max_features}, so that a word occurring in a single document
 *       (a date such as "1613", a rare name) is found on a small catalogue; plus forgiving queries
 *       (typos within two edits, English stemming variants, prefix variants from 5 characters).
 *       Forgiving options change only how a query is read, never the fitted vocabulary or document
 *       vectors. For scikit-learn parity use one of the two presets above, which keep it exact.
 * </ul>
 *
 * <p>Settings keys for {@link #parse} are given with each component; a {@code preset} key ({@code
 * sklearn}, {@code reference} or {@code forgiving}, the default) chooses the base the other keys
 * change.
 *
 * @param lowercase lower-case text before tokenising ({@code lowercase=True}); Python's {@code
 *     str.lower()} equals Java's {@code toLowerCase(Locale.ROOT)}. Key {@code lowercase}.
 * @param tokenPattern which words become tokens ({@code token_pattern}). Key {@code token_pattern}.
 * @param stopWords words removed before n-grams are formed ({@code stop_words}). Key {@code
 *     stop_words}.
 * @param ngramMin smallest word n-gram, 1 to 3 ({@code ngram_range[0]}). Key {@code ngram_min}.
 * @param ngramMax largest word n-gram, {@code ngramMin} to 3 ({@code ngram_range[1]}). Key {@code
 *     ngram_max}.
 * @param minDf ignore terms in fewer documents than this ({@code min_df}: a count, or a fraction
 *     of the documents). Key {@code min_df}: {@code 2} is a count, {@code 0.01} a fraction.
 * @param maxDf ignore terms in more documents than this ({@code max_df}). Key {@code max_df}.
 * @param maxFeatures keep only this many terms, those with the largest total count over the
 *     corpus; 0 keeps all ({@code max_features=None}). Ties at the cut are kept in alphabetical
 *     order (scikit-learn's choice among them is arbitrary). Key {@code max_features}.
 * @param useIdf weight terms by inverse document frequency ({@code use_idf}). Key {@code use_idf}.
 * @param smoothIdf {@code idf = ln((1+n)/(1+df)) + 1} instead of {@code ln(n/df) + 1} ({@code
 *     smooth_idf}). Key {@code smooth_idf}.
 * @param sublinearTf use {@code 1 + ln(tf)} for the term frequency ({@code sublinear_tf}). Key
 *     {@code sublinear_tf}.
 * @param binary count each term at most once per document ({@code binary}). Key {@code binary}.
 * @param norm row normalisation ({@code norm}); with {@link Norm#L2} scores are cosines. Key
 *     {@code norm}.
 * @param fields the document fields read, in this order; empty reads every field in the
 *     document's own order. Key {@code fields} ({@code title,artist,culture}).
 * @param fieldWeights empty: the fields are joined with a space and analysed as one text, exactly
 *     like scikit-learn over concatenated columns. Non-empty: each field is analysed on its own (no
 *     n-gram crosses fields) and a term's frequency is {@code sum over fields of weight(field) *
 *     tf(term, field)}, {@code tf} after {@code binary}/{@code sublinear_tf}; fields without a
 *     weight count 1. Key {@code field_weights} ({@code title:3,artist:2}).
 * @param typoMaxEdits a query word that occurs in no document (so is not merely pruned from the
 *     vocabulary by min_df/max_df/max_features) is replaced by vocabulary words within this many edits (Damerau-Levenshtein, by Lucene's {@code LevenshteinAutomata}); 0
 *     turns this off. Words of 1-2 characters are never rewritten and words of 3-5 characters by at
 *     most one edit. Key {@code typo_max_edits} (0 to 2).
 * @param typoPrefixLength how many leading characters a typo replacement must share with the
 *     query word. Key {@code typo_prefix_length}.
 * @param maxExpansions at most this many replacements or variants per query word (typo, stem and
 *     prefix each), the most frequent first. Key {@code max_expansions}.
 * @param stemming add the vocabulary words with the same stem as a query word (photograph,
 *     photographs, photographed); the vocabulary itself stays unstemmed. Key {@code stemming}.
 * @param prefixMinLength a query word of at least this many characters also matches the
 *     vocabulary words it begins (photo: photograph, photos); 0 turns this off. Key {@code
 *     prefix_min_length}.
 * @param variantWeight the query weight of a stem or prefix variant of a word that is itself in
 *     the vocabulary, relative to the word (so exact matches rank first); replacements of unknown
 *     words weigh 1. Key {@code variant_weight}, in (0, 1].
 */
public record TfidfConfig(
    boolean lowercase,
    TokenPattern tokenPattern,
    StopWords stopWords,
    int ngramMin,
    int ngramMax,
    DocumentFrequency minDf,
    DocumentFrequency maxDf,
    int maxFeatures,
    boolean useIdf,
    boolean smoothIdf,
    boolean sublinearTf,
    boolean binary,
    Norm norm,
    List<String> fields,
    Map<String, Double> fieldWeights,
    int typoMaxEdits,
    int typoPrefixLength,
    int maxExpansions,
    Stemming stemming,
    int prefixMinLength,
    double variantWeight,
    int maxQueryChars,
    int maxQueryTerms)
    implements ProviderConfig {

  /** Which runs of word characters become tokens. */
  public enum TokenPattern {
    /** scikit-learn's default {@code (?u)\b\w\w+\b}: words of two or more word characters. */
    TWO_OR_MORE_CHARS,
    /** {@code (?u)\b\w+\b}: every word, single characters included. */
    ONE_OR_MORE_CHARS
  }

  /** Stop-word lists. */
  public enum StopWords {
    /** No stop words ({@code stop_words=None}). */
    NONE,
    /** scikit-learn's {@code ENGLISH_STOP_WORDS}, 318 words ({@code stop_words='english'}). */
    ENGLISH
  }

  /** Row normalisation. */
  public enum Norm {
    /** Unit Euclidean length; the score is the cosine ({@code norm='l2'}). */
    L2,
    /** Absolute values sum to one ({@code norm='l1'}). */
    L1,
    /** No normalisation; the score is the raw dot product ({@code norm=None}). */
    NONE
  }

  /** How query words are matched to other forms of the same word. */
  public enum Stemming {
    /** Only exact vocabulary words (and typo/prefix rewrites). */
    NONE,
    /** Porter's original stemmer (Snowball {@code PorterStemmer}, shipped with Lucene). */
    PORTER,
    /** Snowball's English (Porter2) stemmer, as in Lucene's {@code SnowballFilter("English")}. */
    ENGLISH
  }

  /**
   * A document-frequency limit, as scikit-learn reads {@code min_df}/{@code max_df}: an integer is
   * a number of documents, a float a fraction of them.
   *
   * @param fraction whether {@code value} is a fraction in [0, 1] rather than a count
   * @param value the count or the fraction
   */
  public record DocumentFrequency(boolean fraction, double value) {
    /** Validates the limit. */
    public DocumentFrequency {
      if (fraction ? !(value >= 0 && value <= 1) : !(value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
        throw new ConfigException(
            "tfidf: min_df and max_df must each be a whole count >= 0 or a fraction in [0, 1], got " + value);
      }
    }

    /** At least/at most {@code documents} documents. */
    public static DocumentFrequency count(int documents) {
      return new DocumentFrequency(false, documents);
    }

    /** At least/at most this fraction of the documents. */
    public static DocumentFrequency fraction(double fraction) {
      return new DocumentFrequency(true, fraction);
    }

    /** Reads {@code 2} as a count and {@code 0.5}, {@code 1.0} or {@code 1e-3} as a fraction, like Python literals. */
    public static DocumentFrequency parse(String text) {
      String t = text.trim();
      boolean isFloat = t.contains(".") || t.contains("e") || t.contains("E");
      return isFloat ? fraction(Double.parseDouble(t)) : count(Integer.parseInt(t));
    }

    /** The limit as a number of documents in a corpus of {@code documents} ({@code value * documents} for a fraction). */
    public double documents(int documents) {
      return fraction ? value * documents : value;
    }

    @Override
    public String toString() {
      return fraction ? Double.toString(value) : Integer.toString((int) value);
    }
  }

  /** The largest field weight accepted. */
  public static final double MAX_FIELD_WEIGHT = 1e6;

  /** The default {@code max_query_chars}. */
  public static final int DEFAULT_MAX_QUERY_CHARS = 10_000;

  /** The default {@code max_query_terms}. */
  public static final int DEFAULT_MAX_QUERY_TERMS = 64;

  /** The largest {@code max_query_chars} accepted. */
  public static final int MAX_QUERY_CHARS_LIMIT = 10_000_000;

  /** The largest {@code max_query_terms} accepted. */
  public static final int MAX_QUERY_TERMS_LIMIT = 100_000;

  private static final TfidfConfig SKLEARN =
      new TfidfConfig(
          true,
          TokenPattern.TWO_OR_MORE_CHARS,
          StopWords.NONE,
          1,
          1,
          DocumentFrequency.count(1),
          DocumentFrequency.fraction(1.0),
          0,
          true,
          true,
          false,
          false,
          Norm.L2,
          List.of(),
          Map.of(),
          0,
          0,
          3,
          Stemming.NONE,
          0,
          0.5,
          DEFAULT_MAX_QUERY_CHARS,
          DEFAULT_MAX_QUERY_TERMS);

  private static final TfidfConfig REFERENCE =
      SKLEARN.withStopWords(StopWords.ENGLISH).withNgramRange(1, 2).withMinDf(DocumentFrequency.count(2)).withMaxFeatures(15000);

  private static final TfidfConfig DEFAULTS =
    REFERENCE.withMinDf(DocumentFrequency.count(1)).withMaxFeatures(0).withForgivingQueries();

  /** Validates the settings and copies the field list and weights. */
  public TfidfConfig {
    requireSet(tokenPattern, "token_pattern");
    requireSet(stopWords, "stop_words");
    requireSet(minDf, "min_df");
    requireSet(maxDf, "max_df");
    requireSet(norm, "norm");
    requireSet(stemming, "stemming");
    requireSet(fields, "fields");
    requireSet(fieldWeights, "field_weights");
    if (ngramMin < 1 || ngramMin > 3) {
      throw new ConfigException("tfidf: ngram_min must be in [1, 3], got " + ngramMin);
    }
    if (ngramMax < ngramMin || ngramMax > 3) {
      throw new ConfigException("tfidf: ngram_max must be in [ngram_min=" + ngramMin + ", 3], got " + ngramMax);
    }
    if (!minDf.fraction() && !maxDf.fraction() && maxDf.value() < minDf.value()) {
      throw new ConfigException("tfidf: max_df (" + maxDf + ") is below min_df (" + minDf + "); no term could be kept");
    }
    if (maxFeatures < 0) {
      throw new ConfigException("tfidf: max_features must be >= 0 (0 keeps every term), got " + maxFeatures);
    }
    if (typoMaxEdits < 0 || typoMaxEdits > 2) {
      throw new ConfigException("tfidf: typo_max_edits must be in [0, 2] (0 turns typo tolerance off), got " + typoMaxEdits);
    }
    if (typoPrefixLength < 0 || typoPrefixLength > 16) {
      throw new ConfigException("tfidf: typo_prefix_length must be in [0, 16], got " + typoPrefixLength);
    }
    if (maxExpansions < 1 || maxExpansions > 64) {
      throw new ConfigException("tfidf: max_expansions must be in [1, 64], got " + maxExpansions);
    }
    if (prefixMinLength < 0 || prefixMinLength == 1 || prefixMinLength == 2 || prefixMinLength > 64) {
      throw new ConfigException("tfidf: prefix_min_length must be 0 (off) or in [3, 64], got " + prefixMinLength);
    }
    if (!(variantWeight > 0 && variantWeight <= 1)) {
      throw new ConfigException("tfidf: variant_weight must be in (0, 1], got " + variantWeight);
    }
    if (maxQueryChars < 1 || maxQueryChars > MAX_QUERY_CHARS_LIMIT) {
      throw new ConfigException("tfidf: max_query_chars must be in [1, " + MAX_QUERY_CHARS_LIMIT + "], got " + maxQueryChars);
    }
    if (maxQueryTerms < 1 || maxQueryTerms > MAX_QUERY_TERMS_LIMIT) {
      throw new ConfigException("tfidf: max_query_terms must be in [1, " + MAX_QUERY_TERMS_LIMIT + "], got " + maxQueryTerms);
    }
    var fieldSet = new LinkedHashSet<String>();
    for (String f : fields) {
      if (f == null || f.isBlank()) {
        throw new ConfigException("tfidf: a field name in fields is null or blank; name each field, e.g. title,artist");
      }
      if (!fieldSet.add(f)) {
        throw new ConfigException("tfidf: field '" + f + "' is listed twice in fields; list each field once");
      }
    }
    var weights = new LinkedHashMap<String, Double>();
    List<String> listed = fields;
    fieldWeights.forEach(
        (f, w) -> {
          if (f == null || f.isBlank()) {
            throw new ConfigException("tfidf: a field weight has a null or blank field name; name the field");
          }
          if (w == null || !(w > 0 && w <= MAX_FIELD_WEIGHT)) {
            throw new ConfigException("tfidf: the weight of field '" + f + "' must be in (0, " + MAX_FIELD_WEIGHT + "], got " + w);
          }
          if (!fieldSet.isEmpty() && !fieldSet.contains(f)) {
            throw new ConfigException("tfidf: field '" + f + "' has a weight but is not in fields " + listed + "; add it to fields or drop its weight");
          }
          weights.put(f, w);
        });
    fields = List.copyOf(fields);
    fieldWeights = Collections.unmodifiableMap(weights);
  }

  private static void requireSet(Object value, String key) {
    if (value == null) {
      throw new ConfigException("tfidf: " + key + " is null; give a value or leave the default");
    }
  }

  /** Exactly scikit-learn's {@code TfidfVectorizer()}, with literal queries. */
  public static TfidfConfig sklearnDefaults() {
    return SKLEARN;
  }

  /**
   * The reference project's {@code TfidfVectorizer(stop_words='english', ngram_range=(1, 2),
   * min_df=2, max_features=15000)}, with literal queries.
   */
  public static TfidfConfig reference() {
    return REFERENCE;
  }

  /**
   * What {@code Artsim.textIndex("tfidf")} uses: English stop words, word unigrams and bigrams,
   * {@code min_df=1} (every word that occurs is searchable), no {@code max_features}, and forgiving
   * queries ({@link #withForgivingQueries()}). Not scikit-learn's defaults: use {@link
   * #sklearnDefaults()} or {@link #reference()} for parity.
   */
  public static TfidfConfig defaults() {
    return DEFAULTS;
  }

  /** {@code "tfidf"}: the provider this configures, so {@code Artsim.textIndex(config)} needs no provider name. */
  @Override
  public String provider() {
    return "tfidf";
  }

  /** Whether queries are read literally, as scikit-learn's {@code transform} reads them. */
  public boolean literalQueries() {
    return typoMaxEdits == 0 && stemming == Stemming.NONE && prefixMinLength == 0;
  }

  /** The weight of a field (1 when not weighted). */
  public double weightOf(String field) {
    Double w = fieldWeights.get(field);
    return w == null ? 1.0 : w;
  }

  /** A copy with {@code lowercase} changed. */
  public TfidfConfig withLowercase(boolean lowercase) {
    return edit(f -> f.lowercase = lowercase);
  }

  /** A copy with {@code tokenPattern} changed. */
  public TfidfConfig withTokenPattern(TokenPattern tokenPattern) {
    return edit(f -> f.tokenPattern = tokenPattern);
  }

  /** A copy with {@code stopWords} changed. */
  public TfidfConfig withStopWords(StopWords stopWords) {
    return edit(f -> f.stopWords = stopWords);
  }

  /** A copy with {@code ngram_range=(min, max)}. */
  public TfidfConfig withNgramRange(int ngramMin, int ngramMax) {
    return edit(
        f -> {
          f.ngramMin = ngramMin;
          f.ngramMax = ngramMax;
        });
  }

  /** A copy with {@code minDf} changed. */
  public TfidfConfig withMinDf(DocumentFrequency minDf) {
    return edit(f -> f.minDf = minDf);
  }

  /** A copy with {@code maxDf} changed. */
  public TfidfConfig withMaxDf(DocumentFrequency maxDf) {
    return edit(f -> f.maxDf = maxDf);
  }

  /** A copy with {@code maxFeatures} changed (0 keeps every term). */
  public TfidfConfig withMaxFeatures(int maxFeatures) {
    return edit(f -> f.maxFeatures = maxFeatures);
  }

  /** A copy with {@code useIdf} changed. */
  public TfidfConfig withUseIdf(boolean useIdf) {
    return edit(f -> f.useIdf = useIdf);
  }

  /** A copy with {@code smoothIdf} changed. */
  public TfidfConfig withSmoothIdf(boolean smoothIdf) {
    return edit(f -> f.smoothIdf = smoothIdf);
  }

  /** A copy with {@code sublinearTf} changed. */
  public TfidfConfig withSublinearTf(boolean sublinearTf) {
    return edit(f -> f.sublinearTf = sublinearTf);
  }

  /** A copy with {@code binary} changed. */
  public TfidfConfig withBinary(boolean binary) {
    return edit(f -> f.binary = binary);
  }

  /** A copy with {@code norm} changed. */
  public TfidfConfig withNorm(Norm norm) {
    return edit(f -> f.norm = norm);
  }

  /** A copy reading only these fields, in this order. */
  public TfidfConfig withFields(List<String> fields) {
    return edit(f -> f.fields = fields);
  }

  /** A copy reading only these fields, in this order. */
  public TfidfConfig withFields(String... fields) {
    return withFields(List.of(fields));
  }

  /** A copy with per-field weights (empty: fields analysed together as one text). */
  public TfidfConfig withFieldWeights(Map<String, Double> fieldWeights) {
    return edit(f -> f.fieldWeights = fieldWeights);
  }

  /** A copy with {@code typoMaxEdits} changed (0 turns typo tolerance off). */
  public TfidfConfig withTypoMaxEdits(int typoMaxEdits) {
    return edit(f -> f.typoMaxEdits = typoMaxEdits);
  }

  /** A copy with {@code typoPrefixLength} changed. */
  public TfidfConfig withTypoPrefixLength(int typoPrefixLength) {
    return edit(f -> f.typoPrefixLength = typoPrefixLength);
  }

  /** A copy with {@code maxExpansions} changed. */
  public TfidfConfig withMaxExpansions(int maxExpansions) {
    return edit(f -> f.maxExpansions = maxExpansions);
  }

  /** A copy with {@code stemming} changed. */
  public TfidfConfig withStemming(Stemming stemming) {
    return edit(f -> f.stemming = stemming);
  }

  /** A copy with {@code prefixMinLength} changed (0 turns prefix variants off). */
  public TfidfConfig withPrefixMinLength(int prefixMinLength) {
    return edit(f -> f.prefixMinLength = prefixMinLength);
  }

  /** A copy with {@code variantWeight} changed. */
  public TfidfConfig withVariantWeight(double variantWeight) {
    return edit(f -> f.variantWeight = variantWeight);
  }

  /** A copy with {@code maxQueryChars} changed: longer queries are refused. */
  public TfidfConfig withMaxQueryChars(int maxQueryChars) {
    return edit(f -> f.maxQueryChars = maxQueryChars);
  }

  /** A copy with {@code maxQueryTerms} changed: queries with more distinct words are refused. */
  public TfidfConfig withMaxQueryTerms(int maxQueryTerms) {
    return edit(f -> f.maxQueryTerms = maxQueryTerms);
  }

  private TfidfConfig edit(java.util.function.Consumer<ConfigFields> change) {
    var f = new ConfigFields(this);
    change.accept(f);
    return f.build();
  }

  /**
   * A copy with forgiving queries: typos within 2 edits (sharing the first character), English
   * stemming variants, prefix variants from 5 characters. The fitted vocabulary is unchanged.
   */
  public TfidfConfig withForgivingQueries() {
    return withTypoMaxEdits(2).withTypoPrefixLength(1).withStemming(Stemming.ENGLISH).withPrefixMinLength(5);
  }

  /** A copy with every forgiving-query option off: queries are read as scikit-learn's {@code transform} reads them. */
  public TfidfConfig withLiteralQueries() {
    return withTypoMaxEdits(0).withStemming(Stemming.NONE).withPrefixMinLength(0);
  }

  /**
   * Reads settings (keys in the component descriptions) over the base chosen by {@code preset}
   * ({@code forgiving}, the default, is {@link #defaults()}); unknown keys are refused.
   *
   * @throws ConfigException for an unknown key or a bad value
   */
  public static TfidfConfig parse(Map<String, String> settings) {
    return TfidfSettings.parse(settings);
  }

  /** The settings map that {@link #parse} turns back into this configuration (preset {@code sklearn} plus every key). */
  public Map<String, String> toSettings() {
    return TfidfSettings.toSettings(this);
  }
}
