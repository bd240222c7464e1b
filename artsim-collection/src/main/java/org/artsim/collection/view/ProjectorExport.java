package org.artsim.collection.view;

import java.nio.file.Path;
import java.util.List;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.io.AtomicFiles;

/**
 * Exports a collection for the TensorBoard Embedding Projector (projector.tensorflow.org: "Load"
 * the two files): {@code vectors.tsv} (one vector per line, tab-separated floats) and {@code
 * metadata.tsv} (a header row, then one row per vector in the same order, with the id and the
 * chosen fields; tabs and line breaks inside values become spaces), plus a {@code
 * projector_config.pbtxt} naming both. Each file is written atomically.
 */
public final class ProjectorExport {
  private ProjectorExport() {}

  /** Writes the three files into {@code dir}; {@code fields} are record fields or label names ({@code title}, {@code culture}...). */
  public static Path write(ArtCollection c, Path dir, List<String> fields) {
    List<CatalogueRecord> records = c.records();
    var vectors = new StringBuilder();
    var meta = new StringBuilder("id");
    for (String f : fields) {
      meta.append('\t').append(clean(f));
    }
    meta.append('\n');
    for (CatalogueRecord r : records) {
      float[] v = c.vector(r.id());
      for (int i = 0; i < v.length; i++) {
        if (i > 0) {
          vectors.append('\t');
        }
        vectors.append(v[i]);
      }
      vectors.append('\n');
      meta.append(clean(r.id()));
      for (String f : fields) {
        String value = r.field(f);
        if (value == null) {
          value = r.indexLabels().get(f);
        }
        meta.append('\t').append(clean(value == null ? "" : value));
      }
      meta.append('\n');
    }
    AtomicFiles.writeString(dir.resolve("vectors.tsv"), vectors.toString());
    AtomicFiles.writeString(dir.resolve("metadata.tsv"), meta.toString());
    AtomicFiles.writeString(
        dir.resolve("projector_config.pbtxt"),
        "embeddings {\n  tensor_name: \"artsim\"\n  tensor_path: \"vectors.tsv\"\n  metadata_path: \"metadata.tsv\"\n}\n");
    return dir;
  }

  private static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
