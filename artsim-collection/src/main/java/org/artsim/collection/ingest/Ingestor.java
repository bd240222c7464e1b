package org.artsim.collection.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.artsim.EmbeddingResult;
import org.artsim.InvalidArgumentException;
import org.artsim.ProgressTracker;
import org.artsim.StorageException;
import org.artsim.collection.CatalogueRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a catalogue export: reads it with a {@link CatalogueReader}, embeds the candidates batch
 * by batch through an {@link EmbeddingStage} with progress checkpointed to disk, and hands back the
 * records with their vectors and a report; the caller (the collection) adds them. It knows nothing
 * of the collection beyond "is this id present". Bad rows are reported, counted, never dropped.
 *
 * <h2>Resuming</h2>
 *
 * Each batch's vectors (or per-image errors) are written atomically to {@code chunk-NNNNNN.artsim}
 * in the checkpoint directory before the next batch starts, beside {@code checkpoint.artsim}, which
 * records a fingerprint of the catalogue bytes, the mapping, the embedder and the batch size. If
 * ingestion stops (a crash, a kill, {@link Thread#interrupt()}), running it again with the same
 * checkpoint directory reuses every complete chunk and embeds only the rest; the records are handed
 * back only after all batches are done, so the final collection equals the one an uninterrupted run
 * makes. A checkpoint made for another catalogue, mapping or embedder is refused. After success the
 * checkpoint is deleted unless asked to keep it.
 *
 * <p>Memory: the catalogue is read one row at a time (twice: once to count the images for progress,
 * once to embed them); what is kept is one batch of candidates and the records and vectors made so
 * far (which the collection keeps anyway).
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private Ingestor() {}

  /**
   * What an ingestion made, for the collection to add.
   *
   * @param records the records to add, in file order
   * @param vectors their vectors, in the same order
   * @param report every row accounted for
   */
  public record Result(List<CatalogueRecord> records, List<float[]> vectors, IngestionReport report) {
    /** Copies the lists. */
    public Result {
      records = List.copyOf(records);
      vectors = List.copyOf(vectors);
    }
  }

  /**
   * Ingests a catalogue.
   *
   * @param present whether an id is already in the collection (such rows are reported {@code DUPLICATE_ID})
   * @throws StorageException if the catalogue or checkpoint cannot be read or written
   * @throws IngestionInterruptedException if the thread is interrupted (progress so far is checkpointed)
   * @throws InvalidArgumentException if an argument is null, or the catalogue has no id or image column
   */
  public static Result ingest(Path catalogue, IngestOptions options, EmbeddingStage stage, Predicate<String> present) {
    if (catalogue == null || options == null || stage == null || present == null) {
      throw new InvalidArgumentException(
          (catalogue == null ? "catalogue" : options == null ? "options" : stage == null ? "stage" : "present") + " is null; give every argument");
    }
    Path dir = options.checkpointDir() != null ? options.checkpointDir() : catalogue.toAbsolutePath().resolveSibling(catalogue.getFileName() + ".ingest");
    String fingerprint = Checkpoint.fingerprint(catalogue, options, stage.info().toString());
    int[] total = {0};
    CatalogueReader.read(catalogue, options, new CatalogueReader.Sink() {
      @Override
      public void candidate(Candidate c) {
        if (!present.test(c.record().id())) {
          total[0]++;
        }
      }

      @Override
      public void problem(RowProblem p) {}
    });
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(catalogue, dir, 0, total[0]);
    }
    Checkpoint checkpoint = Checkpoint.open(dir, fingerprint);
    var run = new Run(catalogue, options, stage, present, checkpoint, total[0]);
    int rows = CatalogueReader.read(catalogue, options, run);
    run.flush();
    run.problems.sort(Comparator.comparingLong(RowProblem::line));
    if (!options.keepCheckpoint()) {
      checkpoint.delete();
    }
    var report = new IngestionReport(catalogue.toString(), rows, run.records.size(), run.resumed, run.problems);
    LOG.info("{}", report);
    return new Result(run.records, run.vectors, report);
  }

  private static IngestionInterruptedException interrupted(Path catalogue, Path dir, int done, int total) {
    return new IngestionInterruptedException(
        "ingestion of " + catalogue + " was interrupted after " + done + " of " + total + " images; run it again with the same checkpoint directory " + dir + " to continue");
  }

  /** One ingestion: collects candidates into batches and embeds each full batch. */
  private static final class Run implements CatalogueReader.Sink {
    final Path catalogue;
    final IngestOptions options;
    final EmbeddingStage stage;
    final Predicate<String> present;
    final Checkpoint checkpoint;
    final ProgressTracker tracker;
    final int total;
    final List<Candidate> batch = new ArrayList<>();
    final List<CatalogueRecord> records = new ArrayList<>();
    final List<float[]> vectors = new ArrayList<>();
    final List<RowProblem> problems = new ArrayList<>();
    int batches;
    int done;
    int resumed;

    Run(Path catalogue, IngestOptions options, EmbeddingStage stage, Predicate<String> present, Checkpoint checkpoint, int total) {
      this.total = total;
      this.catalogue = catalogue;
      this.options = options;
      this.stage = stage;
      this.present = present;
      this.checkpoint = checkpoint;
      this.tracker = new ProgressTracker("embedding " + catalogue.getFileName(), total, options.listener());
    }

    @Override
    public void candidate(Candidate c) {
      if (present.test(c.record().id())) {
        problems.add(new RowProblem(RowProblem.Kind.DUPLICATE_ID, c.line(), c.record().id(), "the id '" + c.record().id() + "' is already in the collection; use update to replace a record"));
        return;
      }
      batch.add(c);
      if (batch.size() == options.batchSize()) {
        flush();
      }
    }

    @Override
    public void problem(RowProblem p) {
      problems.add(p);
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(catalogue, checkpoint.dir(), done, total);
      }
      int b = batches++;
      List<EmbeddingResult> results;
      EmbeddingResult[] saved = checkpoint.read(b, batch, stage.info().dimension());
      if (saved != null) {
        results = List.of(saved);
        resumed += batch.size();
      } else {
        results = stage.embed(batch.stream().map(Candidate::source).toList(), null);
        try {
          checkpoint.write(b, batch, results);
        } catch (StorageException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw interrupted(catalogue, checkpoint.dir(), done, total);
          }
          throw e;
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        Candidate c = batch.get(i);
        EmbeddingResult r = results.get(i);
        if (r.ok()) {
          records.add(c.record());
          vectors.add(r.vector());
        } else {
          problems.add(new RowProblem(RowProblem.Kind.UNREADABLE_IMAGE, c.line(), c.record().id(), r.error().getMessage() + "; fix or replace the image"));
        }
      }
      done += batch.size();
      tracker.advance(batch.size());
      batch.clear();
    }
  }
}
