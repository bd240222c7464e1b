/**
 * Thin interfaces through which a collection clusters, scores uniqueness, finds near-duplicates and
 * measures image quality; the defaults delegate to artsim-recommend ({@code org.artsim.recommend.cluster},
 * {@code org.artsim.recommend.unique}) and artsim-embed ({@code org.artsim.embed.ImageQuality}).
 */
package org.artsim.collection.analysis;
