/**
 * Labels from embeddings: {@link org.artsim.recommend.label.KnnLabelVote} (a k-nearest-neighbour
 * vote over any {@link org.artsim.VectorIndex}, with a confidence) and {@link
 * org.artsim.recommend.label.ZeroShotLabels} (CLIP-style labels from text prompts through a {@link
 * org.artsim.TextEmbedder}).
 */
package org.artsim.recommend.label;
