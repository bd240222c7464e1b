/**
 * The {@code "tfidf"} text index: {@link org.artsim.text.tfidf.TfidfIndexProvider} is public; the
 * analyzer, index and query expander are package-private.
 */
package org.artsim.text.tfidf;
