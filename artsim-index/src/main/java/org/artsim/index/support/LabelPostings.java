package org.artsim.index.support;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.artsim.LabelFilter;
import org.artsim.Labels;

/**
 * Which ordinals carry each label value: {@code field -> value -> bitset of ordinals}. Indexes use
 * it to turn a {@link LabelFilter} into the set of qualifying ordinals before they search, so the
 * filter is applied during the search rather than after it.
 *
 * <p>Part of artsim-index's implementation, public only so that the index packages can share it.
 * Not thread-safe: the owning index guards it with its lock.
 */
public final class LabelPostings {
  private final Map<String, Map<String, BitSet>> postings = new HashMap<>();

  /** Records that {@code ordinal} carries {@code labels}. */
  public void add(int ordinal, Labels labels) {
    labels.values().forEach((f, v) -> postings.computeIfAbsent(f, x -> new HashMap<>()).computeIfAbsent(v, x -> new BitSet()).set(ordinal));
  }

  /** Forgets that {@code ordinal} carries {@code labels}. */
  public void remove(int ordinal, Labels labels) {
    labels.values()
        .forEach(
            (f, v) -> {
              var values = postings.get(f);
              BitSet bits = values == null ? null : values.get(v);
              if (bits != null) {
                bits.clear(ordinal);
                if (bits.isEmpty()) {
                  values.remove(v);
                  if (values.isEmpty()) {
                    postings.remove(f);
                  }
                }
              }
            });
  }

  /** Moves the labels of {@code from} to {@code to} (an index compacting its storage). */
  public void move(int from, int to, Labels labels) {
    remove(from, labels);
    add(to, labels);
  }

  /**
   * The ordinals that pass {@code filter}, or null when the filter lets everything through. The
   * returned set is a fresh copy the caller may change.
   */
  public BitSet matching(LabelFilter filter) {
    if (filter.isNone()) {
      return null;
    }
    BitSet result = null;
    for (var e : filter.allowed().entrySet()) {
      var values = postings.get(e.getKey());
      var field = new BitSet();
      if (values != null) {
        for (String v : e.getValue()) {
          BitSet bits = values.get(v);
          if (bits != null) {
            field.or(bits);
          }
        }
      }
      if (result == null) {
        result = field;
      } else {
        result.and(field);
      }
      if (result.isEmpty()) {
        break;
      }
    }
    return result;
  }

  /** Whether some item carries {@code field}. */
  public boolean hasField(String field) {
    return postings.containsKey(field);
  }

  /** The fields some item carries, sorted. */
  public Set<String> fields() {
    return java.util.Collections.unmodifiableSet(new TreeSet<>(postings.keySet()));
  }

  /** The values present for {@code field}, sorted. */
  public Set<String> values(String field) {
    var values = postings.get(field);
    return values == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(values.keySet()));
  }
}
