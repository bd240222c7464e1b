/**
 * Configuration of artsim's recommenders: {@link org.artsim.recommend.LikesConfig} for the {@code
 * "likes"} recommender ({@code Artsim.recommender("likes", index, config)}).
 *
 * <h2>Writing your own recommender</h2>
 *
 * Implement {@link org.artsim.Recommender} and {@link org.artsim.RecommendationSession}, a config
 * record, and a public {@link org.artsim.spi.RecommenderProvider} with a no-argument constructor;
 * list the provider in {@code META-INF/services/org.artsim.spi.RecommenderProvider}. {@code
 * Artsim.recommender("yours", index)} then creates it.
 */
package org.artsim.recommend;
