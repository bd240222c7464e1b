package org.artsim.text.tfidf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.artsim.InvalidArgumentException;
import org.artsim.TextDocument;
import org.artsim.text.TfidfConfig;

/**
 * A document's fields as the index reads them: the configured fields, pre-processed (lower-cased
 * when configured), with their weights. Made outside the index lock.
 *
 * @param fields the texts counted separately (one joined text when no field weights are set)
 * @param weights the weight of each text
 */
record AnalysedDocument(List<String> fields, double[] weights) {

  /**
   * Reads a document's fields: joined with a space into one text without field weights (as
   * scikit-learn reads concatenated columns), one text per present field with them.
   *
   * @throws InvalidArgumentException if the id or the document is null
   */
  static AnalysedDocument of(TfidfConfig config, SklearnAnalyzer analyzer, String id, TextDocument document) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give every document an id");
    }
    if (document == null) {
      throw new InvalidArgumentException("document for '" + id + "' is null; pass a TextDocument (TextDocument.of(\"text\"))");
    }
    List<String> names = config.fields().isEmpty() ? List.copyOf(document.fields().keySet()) : config.fields();
    if (config.fieldWeights().isEmpty()) {
      var sb = new StringBuilder();
      for (String f : names) {
        String text = document.field(f);
        if (text != null) {
          if (!sb.isEmpty()) {
            sb.append(' ');
          }
          sb.append(text);
        }
      }
      return new AnalysedDocument(List.of(analyzer.preprocess(sb.toString())), new double[] {1.0});
    }
    var fields = new ArrayList<String>();
    var weights = new double[names.size()];
    for (String f : names) {
      String text = document.field(f);
      if (text != null) {
        weights[fields.size()] = config.weightOf(f);
        fields.add(analyzer.preprocess(text));
      }
    }
    return new AnalysedDocument(fields, Arrays.copyOf(weights, fields.size()));
  }
}
