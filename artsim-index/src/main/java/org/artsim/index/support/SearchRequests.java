package org.artsim.index.support;

import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.SearchRequest;

/**
 * Builds and checks {@link SearchRequest}s for the indexes' convenience overloads, so that a null
 * query or filter or a bad {@code k} is an {@link InvalidArgumentException} naming the argument
 * (never a {@code NullPointerException} from the request's constructor). Part of artsim-index's
 * implementation, public only so that the index packages can share it. Stateless.
 */
public final class SearchRequests {
  private SearchRequests() {}

  /** A checked request for the top {@code k} of {@code query} that pass {@code filter}. */
  public static SearchRequest of(float[] query, int k, LabelFilter filter) {
    Args.requireQuery(query);
    Args.requireK(k);
    Args.requireFilter(filter);
    return SearchRequest.of(query, k).withFilter(filter);
  }

  /** Refuses a null request. */
  public static SearchRequest require(SearchRequest request) {
    if (request == null) {
      throw new InvalidArgumentException("request is null; pass SearchRequest.of(vector, k)");
    }
    return request;
  }
}
