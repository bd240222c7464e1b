package org.artsim.text.tfidf;

import java.util.Arrays;
import java.util.HashSet;
import org.artsim.InvalidArgumentException;

/**
 * A vocabulary (in column order) and idf given from outside, such as scikit-learn's {@code
 * vocabulary_} and {@code idf_}, used instead of fitting one.
 *
 * @param terms the column terms, each once
 * @param idf the idf of each column
 */
record FixedVocabulary(String[] terms, double[] idf) {
  /** Checks there is one idf per term and no term twice. */
  FixedVocabulary {
    if (terms.length != idf.length) {
      throw new InvalidArgumentException("a fixed vocabulary needs one idf per term");
    }
    if (new HashSet<>(Arrays.asList(terms)).size() != terms.length) {
      throw new InvalidArgumentException("a fixed vocabulary lists a term twice; give each term one column");
    }
  }
}
