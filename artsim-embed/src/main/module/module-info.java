/**
 * artsim's image and text embedders ({@code color}, {@code cnn} and its presets, {@code clip}) and
 * the {@code pixels} image quality meter, all found by name through the api's registries.
 *
 * <p>Users read {@code org.artsim.embed} (typed configs, {@link org.artsim.embed.ImageLimits},
 * {@link org.artsim.embed.ModelEngine}) and {@code org.artsim.embed.quality}; writers of their own
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

  provides org.artsim.spi.EmbedderProvider with
      org.artsim.embed.color.ColorEmbedderProvider,
      org.artsim.embed.djl.CnnEmbedderProvider,
      org.artsim.embed.djl.CnnEmbedderProvider.ResNet50,
      org.artsim.embed.djl.CnnEmbedderProvider.Vgg16,
      org.artsim.embed.djl.CnnEmbedderProvider.Inception,
      org.artsim.embed.djl.ClipEmbedderProvider;
  provides org.artsim.spi.ImageQualityMeterProvider with
      org.artsim.embed.quality.PixelQualityMeterProvider;
}
