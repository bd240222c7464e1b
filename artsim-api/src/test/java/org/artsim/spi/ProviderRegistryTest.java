package org.artsim.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.UnknownProviderException;
import org.artsim.VectorIndex;
import org.artsim.testing.NaiveVectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderRegistryTest {

  @Test
  void aProviderRegisteredByTestCodeIsFoundByNameAsAThirdPartysWouldBe() {
    // src/test/resources/META-INF/services/org.artsim.spi.VectorIndexProvider lists NaiveVectorIndex$Provider
    assertThat(ProviderRegistry.of(VectorIndexProvider.class).names()).contains("naive");
    assertThat(ProviderRegistry.of(VectorIndexProvider.class).get("NAIVE")).isInstanceOf(NaiveVectorIndex.Provider.class);
    assertThat(Artsim.available()).containsKeys("VectorIndex", "TextIndex", "Embedder", "Recommender");
    assertThat(Artsim.available().get("VectorIndex")).contains("naive");
    try (VectorIndex index = Artsim.index("naive", 2, Metric.L2)) {
      index.add("a", new float[] {1, 2}, Labels.of("culture", "japanese"));
      assertThat(index.search(new float[] {1, 2}, 1).get(0).id()).isEqualTo("a");
    }
  }

  @Test
  void anUnknownNameListsWhatIsInstalledAndSuggestsTheClosest() {
    assertThatThrownBy(() -> ProviderRegistry.of(VectorIndexProvider.class).get("naiv"))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessageStartingWith("no VectorIndex named 'naiv'; did you mean 'naive'?; installed: ")
        .hasMessageContaining("naive");
    assertThatThrownBy(() -> Artsim.index("zzzzzz", 3, Metric.L2))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void aMissingProviderNamesWhereArtsimsOwnOfThatKindShip() {
    assertThatThrownBy(() -> ProviderRegistry.of(TextIndexProvider.class).get("tfidf"))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessage("no TextIndex named 'tfidf'; installed: none; artsim's own TextIndex providers ship in org.artsim:artsim-text"
            + " (add it, or its engine artifact, to the class path)");
  }

  @Test
  void namesMayCarryAVersionWithDots() {
    assertThat(java.util.regex.Pattern.matches("[a-z][a-z0-9.-]*", "fiftyone-0.17")).isTrue();
  }

  @Test
  void settingsMapsAndTypedConfigsReachTheProvider() {
    assertThatThrownBy(() -> Artsim.index("naive", 3, Metric.L2, Map.of("speed", "11")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("naive: unknown setting [speed]; known settings are []");
    assertThatThrownBy(() -> Artsim.index("naive", 3, Metric.L2, Map.of("speed", 11)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("naive: unknown setting [speed]; known settings are []");
    assertThatThrownBy(() -> Artsim.index("naive", 3, Metric.L2, Map.of("speed", new int[] {11})))
        .isInstanceOf(ConfigException.class)
        .hasMessage("'naive' setting 'speed' has a value of type [I; give a string, a number, a boolean or an enum constant");
    try (var index = Artsim.index("naive", 3, Metric.L2, (Map<String, ?>) null)) {
      assertThat(index.dimension()).as("no settings means the defaults").isEqualTo(3);
    }
  }

  /** A typed config naming a provider, as an index's HnswConfig would. */
  record NamedConfig(String provider) implements ProviderConfig {}

  @Test
  void aTypedConfigFindsItsProviderByNameAndMustHaveItsType() {
    assertThatThrownBy(() -> Artsim.index(new NamedConfig("naive"), 3, Metric.L2))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'naive' is configured with Map, not NamedConfig");
    assertThatThrownBy(() -> Artsim.index(new NamedConfig("naiv"), 3, Metric.L2))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessageStartingWith("no VectorIndex named 'naiv'; did you mean 'naive'?");
    assertThatThrownBy(() -> Artsim.index((ProviderConfig) null, 3, Metric.L2))
        .isInstanceOf(org.artsim.InvalidArgumentException.class)
        .hasMessageStartingWith("config is null");
    assertThatThrownBy(() -> Artsim.textIndex(new NamedConfig(" ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("provider() returned no name");
  }

  @Test
  void twoDifferentProvidersWithOneNameAreRefusedNamingBoth(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + VectorIndexProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, ClashingProvider.class.getName() + "\n");
    try (var loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> ProviderRegistry.of(VectorIndexProvider.class).reload(loader))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("two VectorIndex providers are named 'naive'")
          .hasMessageContaining(ClashingProvider.class.getName())
          .hasMessageContaining(NaiveVectorIndex.Provider.class.getName());
    }
    assertThat(ProviderRegistry.of(VectorIndexProvider.class).get("naive")).isInstanceOf(NaiveVectorIndex.Provider.class);
  }

  @Test
  void badProviderNamesAreRefused(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + VectorIndexProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, BadlyNamedProvider.class.getName() + "\n");
    try (var loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> ProviderRegistry.of(VectorIndexProvider.class).reload(loader))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("has the name 'Bad Name'; provider names must match [a-z][a-z0-9.-]*");
    }
  }

  /** A second provider claiming the name "naive". */
  public static class ClashingProvider extends NaiveVectorIndex.Provider {
    /** For ServiceLoader. */
    public ClashingProvider() {}
  }

  /** A provider with an invalid name. */
  public static class BadlyNamedProvider extends NaiveVectorIndex.Provider {
    /** For ServiceLoader. */
    public BadlyNamedProvider() {}

    @Override
    public String name() {
      return "Bad Name";
    }
  }
}
