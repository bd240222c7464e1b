/**
 * Curation over any {@link org.artsim.VectorIndex}: {@link
 * org.artsim.recommend.unique.NeighbourUniqueness} (three nearest-neighbour uniqueness rules with
 * FiftyOne Brain's weights: FiftyOne ≥ 0.18's, FiftyOne ≤ 0.17's and artsim's index-based one,
 * scores in {@link org.artsim.recommend.unique.UniquenessScores} with means per label value) and
 * {@link org.artsim.recommend.unique.NearDuplicates} (near-duplicate pairs and groups with
 * FiftyOne's greedy keep-first pass, and clip-retrieval's de-duplication of result lists).
 *
 * <p>The same rules as {@link java.util.ServiceLoader} providers of the api's analysis contracts:
 * uniqueness {@code "fiftyone"} ({@link org.artsim.recommend.unique.FiftyOneUniquenessConfig}),
 * {@code "fiftyone-0.17"} ({@link org.artsim.recommend.unique.FiftyOne017UniquenessConfig}), {@code
 * "knn-distance"} ({@link org.artsim.recommend.unique.KnnDistanceUniquenessConfig}), and the
 * duplicate finder {@code "greedy"} ({@link org.artsim.recommend.unique.GreedyDuplicatesConfig}).
 */
package org.artsim.recommend.unique;
