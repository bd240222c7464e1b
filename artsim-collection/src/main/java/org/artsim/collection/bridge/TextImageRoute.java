package org.artsim.collection.bridge;

/** How a collection's {@code searchImagesByText} reads a description. */
public enum TextImageRoute {
  /** The image embedder has a text side (CLIP): the text is embedded into the image space directly. */
  CLIP,
  /** No text side, but a {@link TextImageBridge}: the text is embedded by the text embedder and mapped into the image space. */
  BRIDGE,
  /** Neither: text cannot be matched against images (search the catalogue text instead, or fit a bridge). */
  NONE
}
