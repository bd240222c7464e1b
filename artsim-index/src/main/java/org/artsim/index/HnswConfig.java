package org.artsim.index;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.artsim.ConfigException;
import org.artsim.index.support.ParallelQueries;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the approximate HNSW indexes, naming which of the two providers they configure:
 * {@code "hnsw-lucene"} (Lucene's HNSW graph, the recommended one and {@link #defaults()}'s) or
 * {@code "hnsw"} (hnswlib-core, an optional dependency; {@link #hnswlib()}).
 *
 * <pre>{@code
 * Artsim.index(HnswConfig.defaults().withM(32).withEf(64), 512, Metric.COSINE);   // hnsw-lucene
 * Artsim.index(HnswConfig.hnswlib().withM(32), 512, Metric.COSINE);               // hnsw
 * }</pre>
 *
 * Validated when constructed: a bad value is a {@link ConfigException} naming the provider, the
 * key and the allowed range.
 *
 * @param provider {@code "hnsw-lucene"} or {@code "hnsw"}
 * @param m links per node on the upper layers (twice as many on layer 0); setting {@code m}, in
 *     [2, 512]
 * @param efConstruction candidate-list size while inserting (Lucene's beam width); setting {@code
 *     ef_construction}, in [1, 100000]
 * @param ef the default candidate-list size of a search, at least {@code k} is used; a request's
 *     {@link org.artsim.SearchRequest#ef()} overrides it; setting {@code ef}, in [1, 100000]. The
 *     default 40 reaches recall@10 &ge; 0.95 on Fashion-MNIST (see artsim-bench/results/index.md)
 * @param seed seeds the level assignment where the library allows it ({@code hnsw-lucene}: levels
 *     never depend on {@code threads}, and a single-threaded build is reproducible; hnswlib-core
 *     draws levels from an unseeded {@code ThreadLocalRandom}, so its builds are not reproducible);
 *     setting {@code seed}
 * @param threads threads used by {@code addAll} to insert in parallel; setting {@code threads}, in
 *     [1, 1024]
 * @param maxItems the initial capacity of the graph; it grows by half when full; setting {@code
 *     max_items}, in [1, 2^20]
 * @param searchThreads threads that answer the queries of one {@code searchBatch} call (the calling
 *     thread and workers of a shared pool; 1 answers every query on the calling thread); results
 *     equal a sequential loop exactly; setting {@code search_threads}, in [1, 1024], default one per
 *     core. Not saved in the index file: a loaded index uses the loading machine's default
 * @param quantization {@link Quantization#NONE} (the graph is built and searched on the fp32
 *     vectors) or {@link Quantization#INT8} (built and searched on one-byte codes with a scale per
 *     dimension, candidates re-ranked with the fp32 vectors; {@code "hnsw-lucene"} only); setting
 *     {@code quantization}, {@code none} or {@code int8}
 * @param storage where the fp32 vectors live: {@link Storage#HEAP} (the default) or {@link
 *     Storage#MAPPED} (off the heap in a memory-mapped file; {@code "hnsw-lucene"} only). With
 *     {@code int8} the heap then holds about {@code dim + 24} bytes of codes and {@code 4 * (2m + 1)}
 *     bytes of level-0 links per vector besides the ids (682 bytes at 512 dimensions, m = 16); setting {@code storage}, {@code heap} or
 *     {@code mapped}. Saved in the index file
 * @param directory where a {@code mapped} index keeps its vector file (unlinked as soon as it is
 *     mapped, so nothing is left behind); null for the system's temporary directory; setting {@code
 *     directory}. Not saved in the index file
 */
public record HnswConfig(
    String provider, int m, int efConstruction, int ef, long seed, int threads, int maxItems, int searchThreads, Quantization quantization, Storage storage, Path directory)
    implements ProviderConfig {
  /** The recommended provider, on Lucene's HNSW graph. */
  public static final String LUCENE = "hnsw-lucene";
  /** The provider on hnswlib-core. */
  public static final String HNSWLIB = "hnsw";
  /** The largest {@code max_items} (initial capacity; the graph grows past it as needed). */
  public static final int MAX_ITEMS = 1 << 20;

  private static final Set<String> PROVIDERS = Set.of(LUCENE, HNSWLIB);
  private static final HnswConfig DEFAULTS =
      new HnswConfig(LUCENE, 16, 200, 40, 42L, ParallelQueries.DEFAULT_THREADS, 1024, ParallelQueries.DEFAULT_THREADS, Quantization.NONE, Storage.HEAP, null);

  /** Where the fp32 vectors live (the graph, the int8 codes and the items are always on the heap). */
  public enum Storage {
    /** One {@code float[]} per vector on the Java heap: the fastest fp32 scoring. */
    HEAP,
    /**
     * Off the heap in a memory-mapped file ({@code java.lang.foreign}) that the operating system
     * pages: what an int8 graph needs for its re-rank (a few rows per query) without holding 4
     * bytes per dimension on the heap. An fp32 graph over mapped vectors works but scores every
     * visited node from the mapping.
     */
    MAPPED;

    /** The setting's spelling: {@code heap} or {@code mapped}. */
    public String setting() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The storage named by a setting value, case-insensitively.
     *
     * @throws ConfigException naming the provider and the allowed values
     */
    public static Storage parse(String provider, String value) {
      for (Storage s : values()) {
        if (s.setting().equalsIgnoreCase(value == null ? "" : value.trim())) {
          return s;
        }
      }
      throw new ConfigException(provider + ": storage must be \"heap\" or \"mapped\", got " + (value == null ? "null" : "\"" + value + "\""));
    }
  }

  /** How the graph stores the vectors it is built and searched on. */
  public enum Quantization {
    /** The fp32 vectors themselves: 4 bytes per dimension. */
    NONE,
    /**
     * One signed byte per dimension: {@code code = round((x - mid[d]) / scale[d])} clamped to
     * [-127, 127], with {@code mid} and {@code scale} fitted per dimension to the first batch
     * added (its minimum and maximum); the graph is built and searched on the codes, the {@code
     * max(ef, k + ceil(k/2))} candidates are re-ranked with the fp32 vectors, so scores are exact
     * (the spare candidates keep recall@10 within 0.005 of the fp32 graph at {@code ef = k}).
     * About a quarter of the memory traffic of fp32 per distance.
     */
    INT8;

    /** The setting's spelling: {@code none} or {@code int8}. */
    public String setting() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The quantization named by a setting value, case-insensitively.
     *
     * @throws ConfigException naming the provider and the allowed values
     */
    public static Quantization parse(String provider, String value) {
      for (Quantization q : values()) {
        if (q.setting().equalsIgnoreCase(value == null ? "" : value.trim())) {
          return q;
        }
      }
      throw new ConfigException(provider + ": quantization must be \"none\" or \"int8\", got " + (value == null ? "null" : "\"" + value + "\""));
    }
  }

  /** The settings before search threads and quantization existed: those take their defaults. */
  public HnswConfig(String provider, int m, int efConstruction, int ef, long seed, int threads, int maxItems) {
    this(provider, m, efConstruction, ef, seed, threads, maxItems, ParallelQueries.DEFAULT_THREADS, Quantization.NONE);
  }

  /** The settings before storage existed: the vectors on the heap. */
  public HnswConfig(String provider, int m, int efConstruction, int ef, long seed, int threads, int maxItems, int searchThreads, Quantization quantization) {
    this(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, Storage.HEAP, null);
  }

  /** Validates the settings. */
  public HnswConfig {
    if (provider == null || !PROVIDERS.contains(provider)) {
      throw new ConfigException("HnswConfig: provider must be \"" + LUCENE + "\" or \"" + HNSWLIB + "\", got " + (provider == null ? "null" : "\"" + provider + "\""));
    }
    check(provider, "m", m, 2, 512, "");
    check(provider, "ef_construction", efConstruction, 1, 100_000, "");
    check(provider, "ef", ef, 1, 100_000, "");
    check(provider, "threads", threads, 1, 1024, "");
    check(provider, "max_items", maxItems, 1, MAX_ITEMS, "; it is only the initial capacity, the graph grows as needed");
    check(provider, "search_threads", searchThreads, 1, ParallelQueries.MAX_THREADS, "");
    if (quantization == null) {
      throw new ConfigException(provider + ": quantization is null; use Quantization.NONE or Quantization.INT8");
    }
    if (quantization != Quantization.NONE && !LUCENE.equals(provider)) {
      throw new ConfigException(
          provider + ": quantization " + quantization.setting() + " is only available with the \"" + LUCENE + "\" provider; use it, or quantization none");
    }
    if (storage == null) {
      throw new ConfigException(provider + ": storage is null; use Storage.HEAP or Storage.MAPPED");
    }
    if (storage != Storage.HEAP && !LUCENE.equals(provider)) {
      throw new ConfigException(
          provider + ": storage " + storage.setting() + " is only available with the \"" + LUCENE + "\" provider (hnswlib-core keeps its own copy of the vectors); use it, or storage heap");
    }
  }

  private static void check(String provider, String key, int value, int min, int max, String hint) {
    if (value < min || value > max) {
      throw new ConfigException(provider + ": " + key + " must be in [" + min + ", " + max + "], got " + value + hint);
    }
  }

  /**
   * The defaults for {@code "hnsw-lucene"}: m 16, ef_construction 200, ef 40, seed 42, one build
   * and one search thread per core, room for 1,024, no quantization.
   */
  public static HnswConfig defaults() {
    return DEFAULTS;
  }

  /** The same defaults for {@code "hnsw"} (hnswlib-core). */
  public static HnswConfig hnswlib() {
    return DEFAULTS.withProvider(HNSWLIB);
  }

  /** The defaults for the named provider ({@code "hnsw-lucene"} or {@code "hnsw"}). */
  public static HnswConfig defaults(String provider) {
    return DEFAULTS.withProvider(provider);
  }

  /** A copy for another HNSW provider ({@code "hnsw-lucene"} or {@code "hnsw"}). */
  public HnswConfig withProvider(String provider) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another {@code m}. */
  public HnswConfig withM(int m) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another {@code efConstruction}. */
  public HnswConfig withEfConstruction(int efConstruction) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another default {@code ef}. */
  public HnswConfig withEf(int ef) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another seed. */
  public HnswConfig withSeed(long seed) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another number of build threads. */
  public HnswConfig withThreads(int threads) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another number of batch-search threads (1: on the calling thread). */
  public HnswConfig withSearchThreads(int searchThreads) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another quantization. */
  public HnswConfig withQuantization(Quantization quantization) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another storage for the fp32 vectors. */
  public HnswConfig withStorage(Storage storage) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another directory for a mapped index's vector file (null: the temporary directory). */
  public HnswConfig withDirectory(Path directory) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /** A copy with another initial capacity. */
  public HnswConfig withMaxItems(int maxItems) {
    return new HnswConfig(provider, m, efConstruction, ef, seed, threads, maxItems, searchThreads, quantization, storage, directory);
  }

  /**
   * Reads {@code m}, {@code ef_construction}, {@code ef}, {@code seed}, {@code threads}, {@code
   * max_items}, {@code search_threads}, {@code quantization}, {@code storage} and {@code directory}
   * from string settings for the named provider; unknown keys are refused.
   */
  public static HnswConfig parse(String provider, Map<String, String> settings) {
    var c = ConfigMap.of(provider, settings);
    var config =
        new HnswConfig(
            provider,
            c.getInt("m", DEFAULTS.m()),
            c.getInt("ef_construction", DEFAULTS.efConstruction()),
            c.getInt("ef", DEFAULTS.ef()),
            c.getLong("seed", DEFAULTS.seed()),
            c.getInt("threads", DEFAULTS.threads()),
            c.getInt("max_items", DEFAULTS.maxItems()),
            c.getInt("search_threads", DEFAULTS.searchThreads()),
            Quantization.parse(provider, c.getString("quantization", DEFAULTS.quantization().setting())),
            Storage.parse(provider, c.getString("storage", DEFAULTS.storage().setting())),
            c.get("directory", DEFAULTS.directory(), ConfigValues::path, "a directory path"));
    c.finish();
    return config;
  }
}
