package org.artsim;

import org.artsim.testing.VectorIndexContract;

/** The conformance suite run against the naive reference index: checks the suite itself. */
class NaiveVectorIndexContractTest extends VectorIndexContract {
  @Override
  protected VectorIndex newIndex(int dimension, Metric metric) {
    return Artsim.index("naive", dimension, metric);
  }
}
