package org.artsim.text.tfidf;

/**
 * A vocabulary (in column order) and idf given from outside, such as scikit-learn's {@code
 * vocabulary_} and {@code idf_}, used instead of fitting one.
 *
 * @param terms the column terms
 * @param idf the idf of each column
 */
record FixedVocabulary(String[] terms, double[] idf) {}
