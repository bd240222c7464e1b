package org.artsim.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.artsim.ArtsimException;
import org.artsim.ConfigException;
import org.artsim.UnknownProviderException;

/**
 * The installed providers of one kind ({@link VectorIndexProvider}, {@link TextIndexProvider},
 * {@link EmbedderProvider}, {@link RecommenderProvider}), found with {@link ServiceLoader} and
 * looked up by name, ignoring case.
 *
 * <p>Loading happens once per kind, on first use, with the class loader that loaded artsim;
 * {@link #reload(ClassLoader)} looks again with another loader (for plugins loaded later). A name
 * must match {@code [a-z][a-z0-9.-]*}. Two different provider classes with the same name are an
 * error that names both; the same class found twice (two copies of a jar) counts once.
 *
 * <p>Thread-safe. Lookups do not block one another.
 *
 * @param <P> the provider kind
 */
public final class ProviderRegistry<P extends Provider<?>> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]*");
  private static final Map<Class<?>, ProviderRegistry<?>> REGISTRIES = new ConcurrentHashMap<>();

  /** Where artsim's own providers of each kind ship, named when a provider is not installed. */
  private static final Map<String, String> HOME_OF_KIND =
      Map.of(
          "VectorIndex", "org.artsim:artsim-index",
          "TextIndex", "org.artsim:artsim-text",
          "Embedder", "org.artsim:artsim-embed",
          "Recommender", "org.artsim:artsim-recommend",
          "Clusterer", "org.artsim:artsim-recommend",
          "Uniqueness", "org.artsim:artsim-recommend",
          "DuplicateFinder", "org.artsim:artsim-recommend",
          "ImageQualityMeter", "org.artsim:artsim-embed");

  private final Class<P> type;
  private volatile Map<String, P> byName;

  private ProviderRegistry(Class<P> type) {
    this.type = type;
  }

  /** The registry of one provider kind. */
  @SuppressWarnings("unchecked")
  public static <P extends Provider<?>> ProviderRegistry<P> of(Class<P> type) {
    return (ProviderRegistry<P>) REGISTRIES.computeIfAbsent(type, t -> new ProviderRegistry<>(type));
  }

  /** The kind's short name for messages: {@code VectorIndex}, {@code TextIndex}... */
  public String kindName() {
    return type.getSimpleName().replace("Provider", "");
  }

  /** The installed names, sorted. */
  public List<String> names() {
    return List.copyOf(providers().keySet());
  }

  /** Every installed provider, sorted by name. */
  public List<P> all() {
    return List.copyOf(providers().values());
  }

  /** The provider with this name, if installed. */
  public Optional<P> find(String name) {
    return Optional.ofNullable(name == null ? null : providers().get(name.trim().toLowerCase(Locale.ROOT)));
  }

  /**
   * The provider with this name.
   *
   * @throws UnknownProviderException naming the missing name, the module that ships it if it is an
   *     artsim built-in, and the installed names
   */
  public P get(String name) {
    return find(name).orElseThrow(() -> new UnknownProviderException(missing(name)));
  }

  /** Looks for providers again with {@code loader} (and artsim's own loader). */
  public void reload(ClassLoader loader) {
    byName = load(loader);
  }

  private Map<String, P> providers() {
    Map<String, P> m = byName;
    if (m == null) {
      synchronized (this) {
        m = byName;
        if (m == null) {
          m = load(null);
          byName = m;
        }
      }
    }
    return m;
  }

  private Map<String, P> load(ClassLoader extra) {
    var found = new TreeMap<String, P>();
    var loaders = new ArrayList<ClassLoader>();
    if (extra != null) {
      loaders.add(extra);
    }
    loaders.add(ProviderRegistry.class.getClassLoader());
    for (ClassLoader loader : loaders) {
      try {
        for (P p : ServiceLoader.load(type, loader)) {
          register(found, p);
        }
      } catch (ServiceConfigurationError e) {
        throw new ArtsimException("a " + kindName() + " provider could not be loaded: " + e.getMessage() + "; check the jar that declares it", e);
      }
    }
    return Collections.unmodifiableMap(found);
  }

  private void register(Map<String, P> found, P p) {
    String name = p.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          "provider " + p.getClass().getName() + " has the name '" + name + "'; provider names must match [a-z][a-z0-9.-]*");
    }
    P previous = found.get(name);
    if (previous == null) {
      found.put(name, p);
    } else if (!previous.getClass().getName().equals(p.getClass().getName())) {
      throw new ConfigException(
          "two " + kindName() + " providers are named '" + name + "': " + previous.getClass().getName() + " and "
              + p.getClass().getName() + "; remove one of the jars or rename one provider");
    }
  }

  private String missing(String name) {
    var sb = new StringBuilder("no ").append(kindName()).append(" named '").append(name).append("'");
    String close = closest(name);
    if (close != null) {
      sb.append("; did you mean '").append(close).append("'?");
    }
    return sb.append("; ").append(installedAndWhere()).toString();
  }

  /**
   * Which providers of this kind are installed and where artsim's own ship, for messages: {@code
   * "installed: flat, hnsw; artsim's own vector indexes ship in org.artsim:artsim-index"}.
   */
  public String installedAndWhere() {
    var sb = new StringBuilder("installed: ").append(providers().isEmpty() ? "none" : String.join(", ", providers().keySet()));
    String home = HOME_OF_KIND.get(kindName());
    if (home != null) {
      sb.append("; artsim's own ").append(kindName()).append(" providers ship in ").append(home).append(" (add it, or its engine artifact, to the class path)");
    }
    return sb.toString();
  }

  private String closest(String name) {
    return NearMatch.closest(name, providers().keySet(), 2);
  }

  @Override
  public String toString() {
    return "ProviderRegistry[" + kindName() + ": " + String.join(", ", providers().keySet()) + "]";
  }
}
