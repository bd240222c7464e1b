package org.artsim.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.text.TfidfConfig.DocumentFrequency;
import org.artsim.text.TfidfConfig.Norm;
import org.artsim.text.TfidfConfig.Stemming;
import org.artsim.text.TfidfConfig.StopWords;
import org.artsim.text.TfidfConfig.TokenPattern;

/**
 * Reads a {@link TfidfConfig} from string settings (a properties file, a command line, a saved
 * index) and writes it back: the keys are scikit-learn's parameter names where one exists.
 */
final class TfidfSettings {
  private TfidfSettings() {}

  /** Reads settings over the base the {@code preset} key chooses; unknown keys are refused. */
  static TfidfConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("tfidf", settings);
    String preset = c.getString("preset", "forgiving").toLowerCase(Locale.ROOT);
    TfidfConfig base =
        switch (preset) {
          case "forgiving" -> TfidfConfig.defaults();
          case "reference" -> TfidfConfig.reference();
          case "sklearn" -> TfidfConfig.sklearnDefaults();
          default -> throw new ConfigException("tfidf: setting 'preset' is '" + preset + "'; it must be one of [forgiving, reference, sklearn]");
        };
    var f = new ConfigFields(base);
    f.lowercase = c.getBoolean("lowercase", f.lowercase);
    f.tokenPattern = c.getEnum("token_pattern", TokenPattern.class, f.tokenPattern);
    f.stopWords = c.getEnum("stop_words", StopWords.class, f.stopWords);
    f.ngramMin = c.getInt("ngram_min", f.ngramMin);
    f.ngramMax = c.getInt("ngram_max", f.ngramMax);
    f.minDf = c.get("min_df", f.minDf, DocumentFrequency::parse, "a whole count >= 0 such as 2 or a fraction in [0, 1] such as 0.01");
    f.maxDf = c.get("max_df", f.maxDf, DocumentFrequency::parse, "a whole count >= 0 such as 500 or a fraction in [0, 1] such as 0.95");
    f.maxFeatures = c.getInt("max_features", f.maxFeatures);
    f.useIdf = c.getBoolean("use_idf", f.useIdf);
    f.smoothIdf = c.getBoolean("smooth_idf", f.smoothIdf);
    f.sublinearTf = c.getBoolean("sublinear_tf", f.sublinearTf);
    f.binary = c.getBoolean("binary", f.binary);
    f.norm = c.getEnum("norm", Norm.class, f.norm);
    f.fields = c.get("fields", f.fields, TfidfSettings::parseFields, "a comma-separated list of field names");
    f.fieldWeights = c.get("field_weights", f.fieldWeights, TfidfSettings::parseWeights, "a list such as title:3,artist:2");
    f.typoMaxEdits = c.getInt("typo_max_edits", f.typoMaxEdits);
    f.typoPrefixLength = c.getInt("typo_prefix_length", f.typoPrefixLength);
    f.maxExpansions = c.getInt("max_expansions", f.maxExpansions);
    f.stemming = c.getEnum("stemming", Stemming.class, f.stemming);
    f.prefixMinLength = c.getInt("prefix_min_length", f.prefixMinLength);
    f.variantWeight = c.getDouble("variant_weight", f.variantWeight);
    f.maxQueryChars = c.getInt("max_query_chars", f.maxQueryChars);
    f.maxQueryTerms = c.getInt("max_query_terms", f.maxQueryTerms);
    c.finish();
    return f.build();
  }

  private static List<String> parseFields(String text) {
    var out = new ArrayList<String>();
    for (String f : text.split(",")) {
      if (!f.isBlank()) {
        out.add(f.trim());
      }
    }
    return out;
  }

  private static Map<String, Double> parseWeights(String text) {
    var out = new LinkedHashMap<String, Double>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(part);
      }
      out.put(part.substring(0, colon).trim(), Double.parseDouble(part.substring(colon + 1).trim()));
    }
    return out;
  }

  /** Every key of a configuration, over preset {@code sklearn}, so that {@link #parse} gives it back. */
  static Map<String, String> toSettings(TfidfConfig c) {
    var m = new LinkedHashMap<String, String>();
    m.put("preset", "sklearn");
    m.put("lowercase", Boolean.toString(c.lowercase()));
    m.put("token_pattern", c.tokenPattern().name().toLowerCase(Locale.ROOT));
    m.put("stop_words", c.stopWords().name().toLowerCase(Locale.ROOT));
    m.put("ngram_min", Integer.toString(c.ngramMin()));
    m.put("ngram_max", Integer.toString(c.ngramMax()));
    m.put("min_df", c.minDf().fraction() ? Double.toString(c.minDf().value()) : c.minDf().toString());
    m.put("max_df", c.maxDf().fraction() ? Double.toString(c.maxDf().value()) : c.maxDf().toString());
    m.put("max_features", Integer.toString(c.maxFeatures()));
    m.put("use_idf", Boolean.toString(c.useIdf()));
    m.put("smooth_idf", Boolean.toString(c.smoothIdf()));
    m.put("sublinear_tf", Boolean.toString(c.sublinearTf()));
    m.put("binary", Boolean.toString(c.binary()));
    m.put("norm", c.norm().name().toLowerCase(Locale.ROOT));
    m.put("fields", String.join(",", c.fields()));
    var w = new StringBuilder();
    c.fieldWeights().forEach((f, v) -> w.append(w.isEmpty() ? "" : ",").append(f).append(':').append(v));
    m.put("field_weights", w.toString());
    m.put("typo_max_edits", Integer.toString(c.typoMaxEdits()));
    m.put("typo_prefix_length", Integer.toString(c.typoPrefixLength()));
    m.put("max_expansions", Integer.toString(c.maxExpansions()));
    m.put("stemming", c.stemming().name().toLowerCase(Locale.ROOT));
    m.put("prefix_min_length", Integer.toString(c.prefixMinLength()));
    m.put("variant_weight", Double.toString(c.variantWeight()));
    m.put("max_query_chars", Integer.toString(c.maxQueryChars()));
    m.put("max_query_terms", Integer.toString(c.maxQueryTerms()));
    return m;
  }
}
