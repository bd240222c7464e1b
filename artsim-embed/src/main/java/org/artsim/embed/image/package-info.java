/**
 * Reading images within limits ({@link org.artsim.embed.image.ImageLoader}), Pillow-exact resizing
 * ({@link org.artsim.embed.image.PilResampler}) and the batch pipeline shared by every image
 * embedder ({@link org.artsim.embed.image.BatchRunner}).
 */
package org.artsim.embed.image;
