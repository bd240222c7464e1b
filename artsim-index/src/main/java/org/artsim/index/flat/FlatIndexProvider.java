package org.artsim.index.flat;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.index.FlatConfig;
import org.artsim.spi.VectorIndexProvider;

/**
 * Provides the exact {@code "flat"} index: every search scores every qualifying stored vector with
 * SIMD kernels (after an int8 pass that rules most rows out, with {@code quantization=int8}).
 * Choose it for exact results, as the reference an approximate index is measured against, and,
 * with {@code storage=mapped}, for collections larger than the heap. Settings: see {@link
 * FlatConfig#parse} ({@code search_threads} sets how many threads answer one batch; it is not
 * saved in the file, so a loaded index uses one per core).
 *
 * <h2>File format {@code artsim.index.flat}, version 3</h2>
 *
 * Inside the {@link org.artsim.io.ArtsimFiles} container (big-endian unless marked):
 *
 * <pre>
 * payload := dim:int32 metric:string storage:string quantization:string int8Scale:string
 *            slots:int32 padding:int32 zero{padding} vectors codes? items
 * vectors := float32 little-endian {slots * dim}, row-major, starting at a file offset that is a
 *            multiple of 64 (unit length under COSINE), all finite
 * codes   := (quantization int8 and metric not L2) fitted:int32 (0 or slots), and when fitted:
 *            lo:float32{dim} step:float32{dim} error:float32{slots} norm:float32{slots}
 *            scale:float32{slots, or 0 when scaled per dimension} code:int8{slots * dim}
 * items   := the shared item section (org.artsim.index.support.ItemStore); no tombstones
 * </pre>
 *
 * <p>The vectors come before the items so that a {@code storage=mapped} file is opened by mapping
 * its vector and code sections (copy-on-write: the file is never written) and reading only the
 * header fields, the per-row int8 terms (12 bytes a row) and the items. Its checksum is then
 * checked while opening when the file is at most 64 MiB, and otherwise by a background thread
 * right after opening; {@link org.artsim.index.Verifiable#verify()} waits for that check. A damaged
 * file is never used silently: once the check fails, every operation that reads vectors throws
 * the {@link org.artsim.FileFormatException}. {@code storage=heap} files are read whole, checksum
 * first, and their int8 codes are re-encoded rather than trusted.
 *
 * <p>Version 2 ({@code dim metric int8Prefilter:bool items vectors}, big-endian vectors after the
 * shared item section) and version 1 (live items only, without tombstone flags) are still read,
 * onto the heap.
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
