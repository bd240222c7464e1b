package org.artsim.text.tfidf;

import org.artsim.text.TfidfConfig;

/** scikit-learn's per-term weighting rules, shared by document counting, fitting and query reading. */
final class TermWeighting {
  private TermWeighting() {}

  /** The term-frequency transform: {@code binary}, then {@code sublinear_tf}'s {@code 1 + ln(tf)}. */
  static double tf(TfidfConfig config, double count) {
    double c = config.binary() ? 1 : count;
    return config.sublinearTf() ? 1 + Math.log(c) : c;
  }

  /** The idf: {@code ln((1+n)/(1+df)) + 1} smoothed, {@code ln(n/df) + 1} otherwise, 1 without idf. */
  static double idf(TfidfConfig config, int documents, int df) {
    if (!config.useIdf()) {
      return 1.0;
    }
    return config.smoothIdf()
        ? Math.log((double) (documents + 1) / (df + 1)) + 1.0
        : Math.log((double) documents / df) + 1.0;
  }

  /** The L1 or L2 norm of weights as the config's {@code norm} defines it (1 for {@code none}). */
  static double norm(TfidfConfig config, double[] values, int n) {
    double norm = 0;
    for (int i = 0; i < n; i++) {
      norm += config.norm() == TfidfConfig.Norm.L1 ? Math.abs(values[i]) : values[i] * values[i];
    }
    return config.norm() == TfidfConfig.Norm.L2 ? Math.sqrt(norm) : norm;
  }
}
