/**
 * k-medoids clustering for curators: {@link org.artsim.recommend.cluster.KMedoids} (FasterPAM,
 * Schubert and Rousseeuw 2021, DOI 10.1016/j.is.2021.101804, with BUILD, LAB or random starts, and
 * CLARA sampling), {@link org.artsim.recommend.cluster.Silhouette} for judging a clustering and
 * choosing k, over a {@link org.artsim.recommend.cluster.Dissimilarity} (a matrix, or vectors under
 * cosine or L2 distance, precomputed or on the fly). Implement {@code Dissimilarity} yourself to
 * cluster by any other non-negative, symmetric dissimilarity. Reported losses are exact double sums
 * (see {@link org.artsim.recommend.cluster.KMedoidsResult#loss()}).
 *
 * <p>The same algorithm is the api's {@link org.artsim.analysis.Clusterer} {@code "fasterpam"}
 * ({@link org.artsim.recommend.cluster.FasterPamClustererProvider}), configured by {@link
 * org.artsim.recommend.cluster.KMedoidsConfig}: {@code Artsim.clusterer("fasterpam")} or {@code
 * Artsim.clusterer(KMedoidsConfig.defaults().withRestarts(5))}.
 */
package org.artsim.recommend.cluster;
