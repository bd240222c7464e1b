package org.artsim.recommend.cluster;

import java.util.Map;
import org.artsim.analysis.Clusterer;
import org.artsim.spi.ClustererProvider;

/**
 * Provides the {@code "fasterpam"} clusterer: k-medoids by FasterPAM (Schubert and Rousseeuw 2021)
 * from BUILD, LAB or random starts, configured by {@link KMedoidsConfig} (its {@code k} and {@code
 * seed} are replaced by each call's). See {@link KMedoids}.
 */
public final class FasterPamClustererProvider implements ClustererProvider<KMedoidsConfig> {
  /** Used by {@link java.util.ServiceLoader}. */
  public FasterPamClustererProvider() {}

  @Override
  public String name() {
    return KMedoidsConfig.PROVIDER;
  }

  @Override
  public String description() {
    return "k-medoids by FasterPAM (Schubert & Rousseeuw 2021): real works as cluster centres, BUILD/LAB/random starts under a seed";
  }

  @Override
  public Class<KMedoidsConfig> configType() {
    return KMedoidsConfig.class;
  }

  @Override
  public KMedoidsConfig defaults() {
    return KMedoidsConfig.defaults();
  }

  @Override
  public KMedoidsConfig parse(Map<String, String> settings) {
    return KMedoidsConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-recommend";
  }

  @Override
  public Clusterer create(KMedoidsConfig config) {
    return new FasterPamClusterer(config == null ? KMedoidsConfig.defaults() : config);
  }
}
