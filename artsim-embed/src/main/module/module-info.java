/**
 * artsim's image and text embedders ({@code color}, {@code cnn} and its presets, {@code clip}, the
 * pretrained CNNs, {@code minilm}) and
 * the {@code pixels} image quality meter, all found by name through the api's registries.
 *
 * <p>Users read {@code org.artsim.embed} (typed configs, {@link org.artsim.embed.ImageLimits},
 * {@link org.artsim.embed.ModelEngine}), {@code org.artsim.embed.quality} and the configs of the
 * pretrained CNNs ({@code org.artsim.embed.pretrained}) and of {@code minilm}; writers of their own
 * image embedder also use {@code org.artsim.embed.image} (bounded image reading, the batch
 * pipeline, Pillow-exact resizing). The providers' implementations stay inside. Deep Java Library's
 * engine-neutral API is required; its engines are separate artifacts (artsim-engine-*), and the HF
 * tokenizers (for {@code clip}) are optional.
 */
module org.artsim.embed {
  requires transitive org.artsim.api;
  requires ai.djl.api;
  requires static ai.djl.tokenizers;
  requires org.slf4j;

  exports org.artsim.embed;
  exports org.artsim.embed.image;
  exports org.artsim.embed.quality;
  exports org.artsim.embed.pretrained;
  exports org.artsim.embed.minilm;

  provides org.artsim.spi.EmbedderProvider with
      org.artsim.embed.color.ColorEmbedderProvider,
      org.artsim.embed.djl.CnnEmbedderProvider,
      org.artsim.embed.djl.CnnEmbedderProvider.ResNet50,
      org.artsim.embed.djl.CnnEmbedderProvider.Vgg16,
      org.artsim.embed.djl.CnnEmbedderProvider.Inception,
      org.artsim.embed.djl.ClipEmbedderProvider,
      org.artsim.embed.pretrained.PretrainedCnnProvider.MobileNetV2,
      org.artsim.embed.pretrained.PretrainedCnnProvider.MobileNetV2ImageNet,
      org.artsim.embed.pretrained.PretrainedCnnProvider.InceptionV3,
      org.artsim.embed.minilm.MiniLmEmbedderProvider;
  provides org.artsim.spi.ImageQualityMeterProvider with
      org.artsim.embed.quality.PixelQualityMeterProvider;
}
