package org.artsim.text;

import java.util.List;
import java.util.Map;
import org.artsim.text.TfidfConfig.DocumentFrequency;
import org.artsim.text.TfidfConfig.Norm;
import org.artsim.text.TfidfConfig.Stemming;
import org.artsim.text.TfidfConfig.StopWords;
import org.artsim.text.TfidfConfig.TokenPattern;

/**
 * The components of a {@link TfidfConfig} as mutable fields: what its {@code with...} methods and
 * {@link TfidfSettings#parse} change before {@link #build()} validates the result. The one place
 * that lists every component in order.
 */
final class ConfigFields {
  boolean lowercase;
  TokenPattern tokenPattern;
  StopWords stopWords;
  int ngramMin;
  int ngramMax;
  DocumentFrequency minDf;
  DocumentFrequency maxDf;
  int maxFeatures;
  boolean useIdf;
  boolean smoothIdf;
  boolean sublinearTf;
  boolean binary;
  Norm norm;
  List<String> fields;
  Map<String, Double> fieldWeights;
  int typoMaxEdits;
  int typoPrefixLength;
  int maxExpansions;
  Stemming stemming;
  int prefixMinLength;
  double variantWeight;
  int maxQueryChars;
  int maxQueryTerms;

  ConfigFields(TfidfConfig c) {
    lowercase = c.lowercase();
    tokenPattern = c.tokenPattern();
    stopWords = c.stopWords();
    ngramMin = c.ngramMin();
    ngramMax = c.ngramMax();
    minDf = c.minDf();
    maxDf = c.maxDf();
    maxFeatures = c.maxFeatures();
    useIdf = c.useIdf();
    smoothIdf = c.smoothIdf();
    sublinearTf = c.sublinearTf();
    binary = c.binary();
    norm = c.norm();
    fields = c.fields();
    fieldWeights = c.fieldWeights();
    typoMaxEdits = c.typoMaxEdits();
    typoPrefixLength = c.typoPrefixLength();
    maxExpansions = c.maxExpansions();
    stemming = c.stemming();
    prefixMinLength = c.prefixMinLength();
    variantWeight = c.variantWeight();
    maxQueryChars = c.maxQueryChars();
    maxQueryTerms = c.maxQueryTerms();
  }

  /** The validated configuration. */
  TfidfConfig build() {
    return new TfidfConfig(
        lowercase, tokenPattern, stopWords, ngramMin, ngramMax, minDf, maxDf, maxFeatures, useIdf, smoothIdf,
        sublinearTf, binary, norm, fields, fieldWeights, typoMaxEdits, typoPrefixLength, maxExpansions, stemming,
        prefixMinLength, variantWeight, maxQueryChars, maxQueryTerms);
  }
}
