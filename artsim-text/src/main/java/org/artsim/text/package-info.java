/**
 * Text search for artsim: configuration of the TF-IDF index ({@link org.artsim.text.TfidfConfig}).
 * Create an index by name with {@code Artsim.textIndex("tfidf", TfidfConfig.defaults())}; the
 * implementation lives in {@code org.artsim.text.tfidf} behind its provider.
 */
package org.artsim.text;
