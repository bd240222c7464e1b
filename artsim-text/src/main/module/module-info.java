/**
 * artsim's TF-IDF text index ({@code "tfidf"}): scikit-learn-compatible vectors, an inverted index,
 * label filters and forgiving queries. Users create it through {@code org.artsim.Artsim} and
 * configure it with {@code org.artsim.text.TfidfConfig}; the implementation package stays closed.
 */
module org.artsim.text {
  requires org.artsim.api;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;

  exports org.artsim.text;

  provides org.artsim.spi.TextIndexProvider with
      org.artsim.text.tfidf.TfidfIndexProvider;
}
