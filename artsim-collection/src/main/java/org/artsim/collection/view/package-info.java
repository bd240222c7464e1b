/**
 * Pictures of results, drawn headless with java.awt: PNG contact sheets and per-label grids, HTML
 * pages with thumbnails and scores, a PCA map coloured by a label, and the TensorBoard Embedding
 * Projector export.
 */
package org.artsim.collection.view;
