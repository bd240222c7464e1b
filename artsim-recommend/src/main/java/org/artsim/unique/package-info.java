/**
 * Curation over any {@link org.artsim.VectorIndex}: {@link org.artsim.unique.Uniqueness} (FiftyOne
 * Brain's nearest-neighbour uniqueness, with mean uniqueness per label value) and {@link
 * org.artsim.unique.NearDuplicates} (near-duplicate pairs and groups with FiftyOne's greedy
 * keep-first pass, and clip-retrieval's de-duplication of result lists).
 */
package org.artsim.unique;
