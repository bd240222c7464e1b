/**
 * Pretrained CNN feature extractors made from the npm package {@code nsfwjs@4.4.0} (MIT) by {@code
 * ./artsim models}: {@code mobilenetv2}, {@code mobilenetv2-imagenet} and {@code inceptionv3}. The
 * models are never shipped in a jar; {@link org.artsim.embed.pretrained.PretrainedModels} finds
 * them in {@code ~/.cache/artsim/models} (or {@code $ARTSIM_MODELS_DIR}) and says how to make them
 * when they are missing.
 */
package org.artsim.embed.pretrained;
