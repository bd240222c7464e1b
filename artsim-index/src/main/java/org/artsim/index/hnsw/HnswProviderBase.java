package org.artsim.index.hnsw;

import java.util.Map;
import org.artsim.index.HnswConfig;
import org.artsim.spi.VectorIndexProvider;

/** What both HNSW providers share: they are configured by {@link HnswConfig}. */
abstract class HnswProviderBase implements VectorIndexProvider<HnswConfig> {

  @Override
  public final Class<HnswConfig> configType() {
    return HnswConfig.class;
  }

  @Override
  public final HnswConfig defaults() {
    return HnswConfig.defaults(name());
  }

  @Override
  public final HnswConfig parse(Map<String, String> settings) {
    return HnswConfig.parse(name(), settings);
  }

  @Override
  public final String module() {
    return "org.artsim:artsim-index";
  }
}
