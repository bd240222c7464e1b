/**
 * The {@code "likes"} recommender: {@link org.artsim.recommend.likes.LikesRecommenderProvider} and
 * its typed configuration {@link org.artsim.recommend.likes.LikesConfig} are public; the
 * recommender and its sessions are package-private and reached through {@link
 * org.artsim.Recommender} and {@link org.artsim.RecommendationSession}.
 *
 * <h2>Writing your own recommender</h2>
 *
 * Implement {@link org.artsim.Recommender} and {@link org.artsim.RecommendationSession}, a config
 * record implementing {@link org.artsim.spi.ProviderConfig}, and a public {@link
 * org.artsim.spi.RecommenderProvider} with a no-argument constructor; list the provider in {@code
 * META-INF/services/org.artsim.spi.RecommenderProvider} (and {@code provides} in your
 * module-info). Run {@code org.artsim.testing.RecommenderContract} from the api test-jar against
 * it.
 */
package org.artsim.recommend.likes;
