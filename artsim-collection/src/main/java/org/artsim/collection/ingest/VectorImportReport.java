package org.artsim.collection.ingest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a vector import did. Every data row is accounted for: {@code rows == resumed + added +
 * problemCount}. At most {@link VectorImportOptions#maxProblemsKept()} problems are kept, the first
 * ones in file order; {@link #problemCount()} counts them all.
 *
 * @param source the vector file
 * @param rows the data rows of the file (header excluded, blank lines ignored)
 * @param added the items added to the index by this run
 * @param resumed the rows a checkpoint of an earlier run had already committed (skipped by this run)
 * @param problemCount the rows not added for a problem (all of them)
 * @param problems the first problems, in file order
 */
public record VectorImportReport(String source, long rows, long added, long resumed, long problemCount, List<RowProblem> problems) {
  /** Copies the list. */
  public VectorImportReport {
    problems = List.copyOf(problems);
  }

  /** The number of kept problems of each kind. */
  public Map<RowProblem.Kind, Integer> counts() {
    var m = new EnumMap<RowProblem.Kind, Integer>(RowProblem.Kind.class);
    problems.forEach(p -> m.merge(p.kind(), 1, Integer::sum));
    return m;
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    sb.append("imported ").append(source).append(": ").append(rows).append(" rows, ").append(added).append(" added");
    if (resumed > 0) {
      sb.append(" (").append(resumed).append(" committed by an earlier run)");
    }
    sb.append(", ").append(problemCount).append(" not added");
    if (!problems.isEmpty()) {
      sb.append(' ').append(counts());
      problems.stream().limit(20).forEach(p -> sb.append("\n  ").append(p));
      if (problemCount > 20) {
        sb.append("\n  ... and ").append(problemCount - 20).append(" more");
      }
    }
    return sb.toString();
  }
}
