package org.artsim.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.artsim.recommend.likes.LikesRecommenderProvider;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and META-INF/services declare the same providers, and export only the user packages. */
class ModuleDescriptorTest {

  private interface Reader<T> {
    T read(Path root) throws IOException;
  }

  /** Reads from the directory or jar the module's classes were loaded from. */
  private static <T> T fromClasses(Reader<T> reader) throws IOException, URISyntaxException {
    Path location = Path.of(LikesRecommenderProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(location)) {
      return reader.read(location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return reader.read(jar.getPath("/"));
    }
  }

  private static Map<String, Set<String>> services(Path root) throws IOException {
    var out = new TreeMap<String, Set<String>>();
    Path dir = root.resolve("META-INF/services");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        var providers = new TreeSet<String>();
        for (String line : Files.readAllLines(f)) {
          String s = line.replaceAll("#.*", "").trim();
          if (!s.isEmpty()) {
            providers.add(s);
          }
        }
        out.put(f.getFileName().toString(), providers);
      }
    }
    return out;
  }

  private static ModuleDescriptor descriptor(Path root) throws IOException {
    try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void providesEqualsMetaInfServices() throws Exception {
    ModuleDescriptor module = fromClasses(ModuleDescriptorTest::descriptor);
    var provides = new TreeMap<String, Set<String>>();
    for (ModuleDescriptor.Provides p : module.provides()) {
      provides.put(p.service(), new TreeSet<>(p.providers()));
    }
    Map<String, Set<String>> services = fromClasses(ModuleDescriptorTest::services);
    assertThat(provides).isEqualTo(services);
    assertThat(provides.keySet())
        .containsExactlyInAnyOrder(
            "org.artsim.spi.RecommenderProvider",
            "org.artsim.spi.ClustererProvider",
            "org.artsim.spi.UniquenessProvider",
            "org.artsim.spi.DuplicateFinderProvider");
  }

  @Test
  void exportsOnlyTheUserPackages() throws Exception {
    ModuleDescriptor module = fromClasses(ModuleDescriptorTest::descriptor);
    assertThat(module.name()).isEqualTo("org.artsim.recommend");
    assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder(
            "org.artsim.recommend.cluster", "org.artsim.recommend.label", "org.artsim.recommend.likes", "org.artsim.recommend.unique");
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name)).contains("org.artsim.api");
  }
}
