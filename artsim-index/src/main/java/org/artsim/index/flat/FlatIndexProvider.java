package org.artsim.index.flat;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.index.FlatConfig;
import org.artsim.spi.VectorIndexProvider;

/**
 * Provides the exact {@code "flat"} index: every search scores every qualifying stored vector with
 * SIMD kernels. Choose it up to a few hundred thousand vectors, for exact results, or as the
 * reference an approximate index is measured against.
 *
 * <h2>File format {@code artsim.index.flat}, version 2</h2>
 *
 * Inside the {@link ArtsimFiles} container:
 *
 * <pre>
 * payload := dim:int32 metric:string int8Prefilter:bool items vectors
 * items   := the shared item section (org.artsim.index.support.ItemStore); a flat file has no tombstones
 * vectors := float32{slots * dim}, row-major, in slot order (unit length under COSINE), all finite
 * </pre>
 *
 * Version 1 ({@code size:int32 item{size}} with {@code item := id labels}, no tombstone flags)
 * is still read.
 */
public final class FlatIndexProvider implements VectorIndexProvider<FlatConfig> {
  /** The provider name. */
  public static final String NAME = "flat";

  /** Used by {@link java.util.ServiceLoader}. */
  public FlatIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "exact search by a SIMD scan; up to a few hundred thousand vectors, and the reference for approximate indexes";
  }

  @Override
  public String module() {
    return "org.artsim:artsim-index";
  }

  @Override
  public Class<FlatConfig> configType() {
    return FlatConfig.class;
  }

  @Override
  public FlatConfig defaults() {
    return FlatConfig.defaults();
  }

  @Override
  public FlatConfig parse(Map<String, String> settings) {
    return FlatConfig.parse(settings);
  }

  @Override
  public VectorIndex create(int dimension, Metric metric, FlatConfig config) {
    org.artsim.index.support.Args.requireDimension(NAME, dimension);
    return new FlatVectorIndex(dimension, metric, config);
  }

  @Override
  public VectorIndex load(Path path) {
    return FlatFiles.open(path);
  }
}
