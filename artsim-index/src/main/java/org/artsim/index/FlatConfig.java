package org.artsim.index;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.index.support.ParallelQueries;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the exact ({@code "flat"}) index; names its provider, so {@code
 * Artsim.index(FlatConfig.defaults(), 512, Metric.COSINE)} needs no provider name. Validated when
 * constructed: a bad value is a {@link ConfigException} naming the provider, the key and the
 * allowed values. The defaults live in one place, {@link #defaults()}.
 *
 * @param initialCapacity how many vectors to make room for up front (the index grows as needed);
 *     setting {@code initial_capacity}
 * @param storage where the float32 vectors live: on the Java heap ({@code heap}, the default; at
 *     most {@code (2^31 - 16) / dim} vectors) or in a memory-mapped file off the heap ({@code
 *     mapped}: no 2^31 limit, the operating system pages the vectors, and a saved index is opened
 *     by mapping its file instead of reading it); setting {@code storage}
 * @param quantization {@code int8} (the default) keeps an 8-bit code per component beside the
 *     float32 vectors for {@code COSINE} and {@code DOT} indexes of at least 4,096 vectors and scans
 *     the codes first, re-scoring in float32 only the rows whose error bound lets them reach the top
 *     k, so results stay exactly those of the float32 scan; {@code none} scans the float32 vectors.
 *     {@code L2} indexes always scan in float32; setting {@code quantization} (the older boolean
 *     {@code int8_prefilter} is still accepted)
 * @param int8Scale how the int8 codes are scaled: {@code per_vector} (the default; one scale per
 *     vector, its largest absolute component over 127) or {@code per_dimension} (each dimension's
 *     range over the stored vectors over 255); setting {@code int8_scale}
 * @param directory where a {@code mapped} index that was created (not opened from a file) keeps
 *     its growing vector file; null for the system's temporary directory. The file is unlinked as
 *     soon as it is mapped, so nothing is left behind; setting {@code directory}
 * @param searchThreads threads that answer the queries of one {@code searchBatch} call, in blocks
 *     of queries (the calling thread and workers of the shared pool of {@code artsim-search-N}
 *     threads; 1 answers the whole batch on the calling thread); the answers equal the sequential
 *     ones exactly; setting {@code search_threads}, in [1, 1024], default one per core the JVM
 *     sees. Not saved in the index file: a loaded index uses the loading machine's default
 */
public record FlatConfig(int initialCapacity, Storage storage, Quantization quantization, Int8Scale int8Scale, Path directory, int searchThreads)
    implements ProviderConfig {
  /** The provider this configures. */
  public static final String PROVIDER = "flat";

  /** Where the float32 vectors live. */
  public enum Storage {
    /** One {@code float[]} on the Java heap. */
    HEAP,
    /** Off-heap, memory-mapped file segments ({@code java.lang.foreign}). */
    MAPPED
  }

  /** Whether an int8 copy is scanned before the float32 re-rank. */
  public enum Quantization {
    /** Scan the float32 vectors only. */
    NONE,
    /** Scan int8 codes, re-rank the candidates in float32 (exact results). */
    INT8
  }

  /** How int8 codes are scaled. */
  public enum Int8Scale {
    /** One affine range per dimension, fitted to the stored vectors. */
    PER_DIMENSION,
    /** One symmetric scale per vector. */
    PER_VECTOR
  }

  private static final FlatConfig DEFAULTS =
      new FlatConfig(1024, Storage.HEAP, Quantization.INT8, Int8Scale.PER_VECTOR, null, ParallelQueries.DEFAULT_THREADS);

  /** The settings before search threads existed: {@code searchThreads} takes its default (one per core). */
  public FlatConfig(int initialCapacity, Storage storage, Quantization quantization, Int8Scale int8Scale, Path directory) {
    this(initialCapacity, storage, quantization, int8Scale, directory, ParallelQueries.DEFAULT_THREADS);
  }

  /** Validates the settings. */
  public FlatConfig {
    if (initialCapacity < 0) {
      throw new ConfigException(PROVIDER + ": initial_capacity must be in [0, " + Integer.MAX_VALUE + "], got " + initialCapacity);
    }
    if (searchThreads < 1 || searchThreads > ParallelQueries.MAX_THREADS) {
      throw new ConfigException(
          PROVIDER + ": search_threads must be in [1, " + ParallelQueries.MAX_THREADS + "], got " + searchThreads + "; 1 answers a batch on the calling thread");
    }
    if (storage == null || quantization == null || int8Scale == null) {
      throw new ConfigException(PROVIDER + ": storage, quantization and int8_scale must be set; start from FlatConfig.defaults()");
    }
  }

  /** {@code "flat"}. */
  @Override
  public String provider() {
    return PROVIDER;
  }

  /**
   * The defaults: room for 1,024 vectors, heap storage, int8 quantisation scaled per vector, the
   * system temporary directory, one batch-search thread per core.
   */
  public static FlatConfig defaults() {
    return DEFAULTS;
  }

  /** Whether the int8 pass is on ({@code quantization == INT8}). */
  public boolean int8Prefilter() {
    return quantization == Quantization.INT8;
  }

  /** A copy with another initial capacity. */
  public FlatConfig withInitialCapacity(int initialCapacity) {
    return new FlatConfig(initialCapacity, storage, quantization, int8Scale, directory, searchThreads);
  }

  /** A copy with the int8 pass switched on or off. */
  public FlatConfig withInt8Prefilter(boolean int8Prefilter) {
    return withQuantization(int8Prefilter ? Quantization.INT8 : Quantization.NONE);
  }

  /** A copy with another storage. */
  public FlatConfig withStorage(Storage storage) {
    return new FlatConfig(initialCapacity, storage, quantization, int8Scale, directory, searchThreads);
  }

  /** A copy with another quantisation. */
  public FlatConfig withQuantization(Quantization quantization) {
    return new FlatConfig(initialCapacity, storage, quantization, int8Scale, directory, searchThreads);
  }

  /** A copy with another int8 scaling. */
  public FlatConfig withInt8Scale(Int8Scale int8Scale) {
    return new FlatConfig(initialCapacity, storage, quantization, int8Scale, directory, searchThreads);
  }

  /** A copy keeping a created mapped index's vector file in {@code directory} (null: the temporary directory). */
  public FlatConfig withDirectory(Path directory) {
    return new FlatConfig(initialCapacity, storage, quantization, int8Scale, directory, searchThreads);
  }

  /** A copy with another number of batch-search threads (1: the whole batch on the calling thread). */
  public FlatConfig withSearchThreads(int searchThreads) {
    return new FlatConfig(initialCapacity, storage, quantization, int8Scale, directory, searchThreads);
  }

  /**
   * Reads {@code initial_capacity}, {@code storage} ({@code heap|mapped}), {@code quantization}
   * ({@code none|int8}), {@code int8_prefilter} (true or false, the older spelling of {@code
   * quantization}), {@code int8_scale} ({@code per_dimension|per_vector}), {@code directory} and {@code search_threads};
   * unknown keys are refused.
   */
  public static FlatConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PROVIDER, settings);
    Boolean legacy = c.get("int8_prefilter", null, FlatConfig::bool, "true or false");
    Quantization q = c.getEnum("quantization", Quantization.class, null);
    if (q != null && legacy != null && (q == Quantization.INT8) != legacy) {
      throw new ConfigException(PROVIDER + ": int8_prefilter=" + legacy + " contradicts quantization=" + q.name().toLowerCase(Locale.ROOT)
          + "; give only quantization");
    }
    if (q == null) {
      q = legacy == null ? DEFAULTS.quantization() : legacy ? Quantization.INT8 : Quantization.NONE;
    }
    Path dir = c.get("directory", DEFAULTS.directory(), ConfigValues::path, "a directory path");
    var config =
        new FlatConfig(
            c.getInt("initial_capacity", DEFAULTS.initialCapacity()),
            c.getEnum("storage", Storage.class, DEFAULTS.storage()),
            q,
            c.getEnum("int8_scale", Int8Scale.class, DEFAULTS.int8Scale()),
            dir,
            c.getInt("search_threads", DEFAULTS.searchThreads()));
    c.finish();
    return config;
  }

  private static Boolean bool(String s) {
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(s);
  }
}
