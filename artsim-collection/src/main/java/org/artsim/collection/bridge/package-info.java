/**
 * Words to images without CLIP: a {@link org.artsim.collection.bridge.TextImageBridge} learned from
 * a collection's own catalogue maps a text embedder's space (e.g. {@code minilm}) into an image
 * embedder's space (e.g. a CNN), so that a text query finds images that have no catalogue text.
 * {@link org.artsim.collection.bridge.BridgeConfig} says how it is fitted, {@link
 * org.artsim.collection.bridge.BridgeProvenance} records what made it, and {@link
 * org.artsim.collection.bridge.TextImageRoute} tells which way a collection answers a text-to-image
 * search.
 */
package org.artsim.collection.bridge;
