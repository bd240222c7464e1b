package org.artsim.text.tfidf;

import org.artsim.Artsim;
import org.artsim.TextIndex;
import org.artsim.testing.TextIndexContract;

/** The {@code tfidf} index, with its default settings, against the text-index contract. */
class TfidfTextIndexContractTest extends TextIndexContract {
  @Override
  protected TextIndex newIndex() {
    return Artsim.textIndex("tfidf");
  }
}
