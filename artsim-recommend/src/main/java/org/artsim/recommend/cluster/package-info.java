/**
 * k-medoids clustering for curators: {@link org.artsim.recommend.cluster.KMedoids} (FasterPAM, Schubert and
 * Rousseeuw 2021, DOI 10.1016/j.is.2021.101804, with BUILD, LAB or random starts, and CLARA
 * sampling), {@link org.artsim.recommend.cluster.Silhouette} for judging a clustering and choosing k, over a
 * {@link org.artsim.recommend.cluster.Dissimilarity} (a matrix, or vectors under cosine or L2 distance,
 * precomputed or on the fly). Implement {@code Dissimilarity} yourself to cluster by any other
 * non-negative, symmetric dissimilarity.
 */
package org.artsim.recommend.cluster;
