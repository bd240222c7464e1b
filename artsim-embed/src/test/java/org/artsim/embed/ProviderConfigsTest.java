package org.artsim.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.ImageEmbedder;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ImageQualityMeterProvider;
import org.artsim.spi.Provider;
import org.artsim.spi.ProviderConfig;
import org.artsim.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every config of this module is a {@link ProviderConfig} naming its provider, and every bad
 * setting given as a map is a {@link ConfigException} naming the provider and the key.
 */
class ProviderConfigsTest {
  static Provider<?> provider(String name) {
    return name.equals("pixels") ? ProviderRegistry.of(ImageQualityMeterProvider.class).get(name) : ProviderRegistry.of(EmbedderProvider.class).get(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"color", "cnn", "resnet50", "vgg16", "inception", "clip", "mobilenetv2", "mobilenetv2-imagenet", "inceptionv3", "minilm", "pixels"})
  void defaultsNameTheirProvider(String name) {
    Provider<?> p = provider(name);
    assertThat(ProviderConfig.class).isAssignableFrom(p.configType());
    assertThat(((ProviderConfig) p.defaults()).provider()).isEqualTo(name);
    assertThat(((ProviderConfig) p.parse(Map.of())).provider()).isEqualTo(name);
    assertThat(p.module()).isEqualTo("org.artsim:artsim-embed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"color", "cnn", "resnet50", "vgg16", "inception", "clip", "mobilenetv2", "inceptionv3"})
  void badValuesAndUnknownKeysNameTheProviderAndTheKey(String name) {
    assertThatThrownBy(() -> Artsim.embedder(name, Map.of("max_bytes", "lots")))
        .isInstanceOf(ConfigException.class).hasMessage(name + ": setting 'max_bytes' is 'lots'; it must be a whole number");
    assertThatThrownBy(() -> Artsim.embedder(name, Map.of("max_decode_bytes", 0)))
        .isInstanceOf(ConfigException.class).hasMessage(name + ": max_decode_bytes must be >= 1, got 0");
    assertThatThrownBy(() -> Artsim.embedder(name, Map.of("decode_threads", 1000)))
        .isInstanceOf(ConfigException.class).hasMessage(name + ": decode_threads must be in [1, 256], got 1000");
    assertThatThrownBy(() -> Artsim.embedder(name, Map.of("read_timeout_ms", -5L)))
        .isInstanceOf(ConfigException.class).hasMessage(name + ": read_timeout_ms must be > 0, got -5");
    assertThatThrownBy(() -> Artsim.embedder(name, Map.of("colour_weight", 1)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(name + ": unknown setting [colour_weight]; known settings are [");
    assertThatThrownBy(() -> Artsim.embedder(name, Map.of("max_bytes", List.of(1))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'" + name + "'").hasMessageContaining("'max_bytes'");
  }

  @Test
  void providerSpecificKeysAreNamedToo() {
    assertThatThrownBy(() -> Artsim.embedder("color", Map.of("working_size", 8)))
        .isInstanceOf(ConfigException.class).hasMessage("color: working_size must be in [16, 1024], got 8");
    assertThatThrownBy(() -> Artsim.embedder("vgg16", Map.of("batch_size", 5000)))
        .isInstanceOf(ConfigException.class).hasMessage("vgg16: batch_size must be in [0, 4096] (0 = by device), got 5000");
    assertThatThrownBy(() -> Artsim.embedder("clip", Map.of("context_length", 1)))
        .isInstanceOf(ConfigException.class).hasMessage("clip: context_length must be in [2, 4096], got 1");
    assertThatThrownBy(() -> Artsim.embedder("clip", Map.of("image_method", " ")))
        .isInstanceOf(ConfigException.class).hasMessage("clip: image_method must not be empty");
    assertThatThrownBy(() -> Artsim.embedder("inception", Map.of("pad_to_context", true)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("inception: unknown setting [pad_to_context]");
  }

  @Test
  void typedValuesInAMapAreAcceptedAndTypedConfigsFindTheirProvider() {
    try (var e = (ImageEmbedder) Artsim.embedder("color", Map.of("working_size", 64, "color_weight", 0.5, "decode_threads", 2))) {
      assertThat(e.info().settings()).containsEntry("working_size", "64").containsEntry("color_weight", "0.5");
    }
    try (var e = Artsim.embedder(ColorConfig.defaults().withWorkingSize(32))) {
      assertThat(e.info().provider()).isEqualTo("color");
      assertThat(e.info().settings()).containsEntry("working_size", "32");
    }
    assertThat(CnnConfig.of(CnnConfig.VGG16).provider()).isEqualTo("vgg16");
  }
}
