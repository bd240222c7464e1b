/**
 * Contracts for analysing a whole collection: clustering around real works ({@link
 * org.artsim.analysis.Clusterer}), uniqueness ({@link org.artsim.analysis.UniquenessScorer}),
 * near-duplicate groups ({@link org.artsim.analysis.DuplicateFinder}) and per-image measures
 * ({@link org.artsim.analysis.ImageQualityMeter}), with their result values. Implementations are
 * found by name through {@link java.util.ServiceLoader} like every other artsim capability (see
 * {@link org.artsim.Artsim}).
 */
package org.artsim.analysis;
