package org.artsim.collection.ingest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an ingestion did: rows read, records added, how many vectors came from a checkpoint of an
 * earlier, interrupted run, and every row that was not added with the reason. Every data row is
 * accounted for: {@code rows == added + problems.size()}.
 *
 * @param source the catalogue file
 * @param rows the data rows read (header excluded, blank lines ignored)
 * @param added the records added to the collection
 * @param resumed vectors taken from the checkpoint instead of embedded again
 * @param problems the rows not added, in file order
 */
public record IngestionReport(String source, int rows, int added, int resumed, List<RowProblem> problems) {
  /** Copies the list. */
  public IngestionReport {
    problems = List.copyOf(problems);
  }

  /** The number of problems of one kind. */
  public int count(RowProblem.Kind kind) {
    return (int) problems.stream().filter(p -> p.kind() == kind).count();
  }

  /** The number of problems of each kind that occurred. */
  public Map<RowProblem.Kind, Integer> counts() {
    var m = new EnumMap<RowProblem.Kind, Integer>(RowProblem.Kind.class);
    problems.forEach(p -> m.merge(p.kind(), 1, Integer::sum));
    return m;
  }

  /** The problems of one kind. */
  public List<RowProblem> problems(RowProblem.Kind kind) {
    return problems.stream().filter(p -> p.kind() == kind).toList();
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    sb.append("ingested ").append(source).append(": ").append(rows).append(" rows, ").append(added).append(" added");
    if (resumed > 0) {
      sb.append(" (").append(resumed).append(" vectors resumed from a checkpoint)");
    }
    sb.append(", ").append(problems.size()).append(" not added");
    if (!problems.isEmpty()) {
      sb.append(' ').append(counts());
      problems.stream().limit(20).forEach(p -> sb.append("\n  ").append(p));
      if (problems.size() > 20) {
        sb.append("\n  ... and ").append(problems.size() - 20).append(" more");
      }
    }
    return sb.toString();
  }
}
