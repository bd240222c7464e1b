package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code module-info} and {@code META-INF/services} declare the same providers (one
 * for the module path, one for the class path), and the module exports only the config package.
 */
class ModuleDescriptorTest {

  private static Path classes() throws URISyntaxException {
    return Path.of(TfidfIndexProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    Path root = classes();
    try (InputStream in = Files.isDirectory(root) ? Files.newInputStream(root.resolve("module-info.class")) : null) {
      assertThat(in).as("module-info.class in %s", root).isNotNull();
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void servicesFilesEqualTheModuleProvides() throws IOException, URISyntaxException {
    ModuleDescriptor module = descriptor();
    Map<String, Set<String>> provides = new TreeMap<>();
    module.provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
    Map<String, Set<String>> services = new TreeMap<>();
    Path dir = classes().resolve("META-INF/services");
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Set<String> names =
            Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                .map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        services.put(f.getFileName().toString(), names);
      }
    }
    assertThat(provides).isEqualTo(services).isEqualTo(Map.of("org.artsim.spi.TextIndexProvider", Set.of(TfidfIndexProvider.class.getName())));
  }

  @Test
  void onlyTheConfigPackageIsExported() throws IOException, URISyntaxException {
    ModuleDescriptor module = descriptor();
    assertThat(module.name()).isEqualTo("org.artsim.text");
    assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("org.artsim.text");
    assertThat(module.requires()).extracting(ModuleDescriptor.Requires::name).contains("org.artsim.api");
  }
}
