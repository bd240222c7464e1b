/** The weights-free {@code color} embedder: colour histograms in CIELAB plus texture descriptors. */
package org.artsim.embed.color;
