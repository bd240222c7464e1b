package org.artsim.spark.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;

/**
 * Embeds the images of one partition in batches and appends two columns to each row: the vector
 * ({@code array<float>}, null if the image failed) and the error message (null if it succeeded).
 * No row is dropped and no failed row gets a placeholder vector.
 *
 * @param embedder the embedder's name
 * @param settings the embedder's settings
 * @param inputPos the position of the image column (binary content or a path/URL string)
 * @param binary whether the image column holds bytes
 * @param namePos the position of a column naming each image for messages, or -1
 * @param batchSize images embedded per call
 */
public record EmbedPartition(String embedder, HashMap<String, String> settings, int inputPos, boolean binary, int namePos, int batchSize)
    implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ImageEmbedder e = ExecutorEmbedders.get(embedder, settings);
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && rows.hasNext()) {
          current = batch(e, rows).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private List<Row> batch(ImageEmbedder e, Iterator<Row> rows) {
    var batch = new ArrayList<Row>(batchSize);
    var sources = new ArrayList<ImageSource>(batchSize);
    var positions = new ArrayList<Integer>(batchSize);
    var errors = new HashMap<Integer, String>();
    while (batch.size() < batchSize && rows.hasNext()) {
      Row row = rows.next();
      int i = batch.size();
      batch.add(row);
      if (row.isNullAt(inputPos)) {
        errors.put(i, "no image: the image column is null");
        continue;
      }
      String name = namePos >= 0 && !row.isNullAt(namePos) ? row.get(namePos).toString() : "row " + i + " of a batch";
      try {
        sources.add(binary ? new ImageSource.OfBytes((byte[]) row.get(inputPos), name) : ImageSource.of(row.getString(inputPos)));
        positions.add(i);
      } catch (RuntimeException bad) {
        errors.put(i, "not an image path or URL: " + bad.getMessage());
      }
    }
    var vectors = new HashMap<Integer, float[]>();
    List<EmbeddingResult> results = sources.isEmpty() ? List.of() : e.embedImages(sources);
    for (EmbeddingResult r : results) {
      int row = positions.get(r.index());
      if (r.ok()) {
        vectors.put(row, r.vector());
      } else {
        errors.put(row, r.error().getMessage());
      }
    }
    var out = new ArrayList<Row>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      Object[] values = new Object[row.length() + 2];
      for (int c = 0; c < row.length(); c++) {
        values[c] = row.get(c);
      }
      float[] v = vectors.get(i);
      values[row.length()] = v == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(boxed(v))).toSeq();
      values[row.length() + 1] = errors.get(i);
      out.add(RowFactory.create(values));
    }
    return out;
  }

  private static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
