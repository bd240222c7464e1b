/**
 * Image and text embedders and their settings: the weights-free {@code color} embedder, CNN
 * feature extractors ({@code cnn}, {@code resnet50}, {@code vgg16}, {@code inception}) and CLIP
 * ({@code clip}) on Deep Java Library, plus torchvision-exact {@link org.artsim.embed.Preprocessing}
 * and the {@code pixels} image quality meter ({@link org.artsim.embed.quality.PixelQualityMeterProvider}).
 *
 * <h2>Plug in your own embedder</h2>
 *
 * Implement {@link org.artsim.ImageEmbedder} (and/or {@link org.artsim.TextEmbedder}) with a config
 * record, an {@link org.artsim.spi.EmbedderProvider} with a public no-argument constructor, and list
 * the provider in {@code META-INF/services/org.artsim.spi.EmbedderProvider}. {@link
 * org.artsim.embed.image.ImageLoader} and {@link org.artsim.embed.image.BatchRunner} give it the
 * same image limits, per-item errors and parallel decoding as the built-in embedders.
 */
package org.artsim.embed;
