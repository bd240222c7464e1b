/**
 * Embedders on Deep Java Library: CNN feature extractors and CLIP, on the PyTorch, ONNX Runtime and
 * TensorFlow engines, with DJL kept offline by {@link org.artsim.embed.djl.DjlEnvironment}.
 */
package org.artsim.embed.djl;
