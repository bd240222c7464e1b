package org.artsim.analysis;

import java.util.List;

/**
 * One cluster of a k-medoids clustering: the medoid (a real item at its centre) and every member,
 * the medoid included, in the order the items were given.
 *
 * @param medoid the id of the cluster's medoid
 * @param members the member ids
 */
public record Cluster(String medoid, List<String> members) {
  /** Copies the member list. */
  public Cluster {
    members = List.copyOf(members);
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }
}
