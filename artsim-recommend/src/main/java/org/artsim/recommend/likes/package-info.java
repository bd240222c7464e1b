/**
 * The {@code "likes"} recommender: {@link org.artsim.recommend.likes.LikesRecommenderProvider} is
 * public; the recommender and its sessions are package-private and reached through {@link
 * org.artsim.Recommender} and {@link org.artsim.RecommendationSession}.
 */
package org.artsim.recommend.likes;
