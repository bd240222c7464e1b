package org.artsim.collection.ingest;

import org.artsim.Labels;

/**
 * One row read from a vector file: its id, vector and labels, or why it cannot be used.
 *
 * @param number the 1-based line (text formats) or row number (binary formats), as in {@link RowProblem#line()}
 * @param id the id, or null when the row has none (binary rows before the ids are filled in)
 * @param vector the vector as read (not yet checked against the index), or null with a problem
 * @param labels the labels, never null
 * @param issue why the row cannot be used, or null
 */
record VectorRow(long number, String id, float[] vector, Labels labels, Issue issue) {

  /**
   * What is wrong with a row.
   *
   * @param kind the kind reported in the {@link VectorImportReport}
   * @param message what was wrong and what to do
   * @param dimension whether the problem is the vector's length (a {@code DimensionMismatchException} when failing)
   */
  record Issue(RowProblem.Kind kind, String message, boolean dimension) {
    Issue(RowProblem.Kind kind, String message) {
      this(kind, message, false);
    }
  }

  static VectorRow bad(long number, String id, RowProblem.Kind kind, String message) {
    return new VectorRow(number, id, null, Labels.none(), new Issue(kind, message));
  }

  VectorRow withIdAndLabels(String newId, Labels newLabels) {
    return new VectorRow(number, newId, vector, newLabels, issue);
  }

  VectorRow withIssue(Issue i) {
    return new VectorRow(number, id, vector, labels, i);
  }
}
