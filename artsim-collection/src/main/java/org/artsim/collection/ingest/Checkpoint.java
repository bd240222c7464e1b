package org.artsim.collection.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.StorageException;
import org.artsim.io.ArtsimFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion progress on disk: {@code checkpoint.artsim} holds a fingerprint of the catalogue bytes,
 * the options and the embedder; {@code chunk-NNNNNN.artsim} holds one batch's vectors or per-image
 * errors, written atomically. A checkpoint made for another catalogue, mapping or embedder is
 * refused. Not thread-safe with itself on one directory.
 */
final class Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
  static final String FILE = "checkpoint.artsim";
  static final String FORMAT = "artsim.collection.checkpoint";
  static final String CHUNK_FORMAT = "artsim.collection.chunk";

  private final Path dir;

  private Checkpoint(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The fingerprint of a catalogue's bytes (read streaming) and the options that shape the batches. */
  static String fingerprint(Path catalogue, IngestOptions o, String embedder) {
    var crc = new CRC32C();
    long length = 0;
    try (InputStream in = Files.newInputStream(catalogue)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        crc.update(buf, 0, n);
        length += n;
      }
    } catch (IOException e) {
      throw new StorageException("could not read the catalogue " + catalogue + ": " + e + "; check the path", e);
    }
    return "catalogue-crc32c=" + Long.toHexString(crc.getValue()) + ";length=" + length + ";mapping=" + o.mapping() + ";format=" + o.format() + ";imageBase="
        + o.imageBase() + ";embedder=" + embedder + ";batch=" + o.batchSize() + ";limits=" + o.maxRowBytes() + "/" + o.maxFieldChars()
        + (o.recordFormat() == null ? "" : ";records=" + o.recordFormat().formatName());
  }

  /**
   * Opens the checkpoint in {@code dir}, or starts one.
   *
   * @throws ArtsimException if {@code dir} holds a checkpoint with another fingerprint
   */
  static Checkpoint open(Path dir, String fingerprint) {
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      String stored;
      try {
        stored = ArtsimFiles.read(file, FORMAT, 1, (in, v) -> in.readString());
      } catch (ArtsimException e) {
        LOG.warn("the checkpoint {} cannot be read ({}); starting over", file, e.getMessage());
        new Checkpoint(dir).delete();
        stored = null;
      }
      if (stored != null && !stored.equals(fingerprint)) {
        throw new ArtsimException(
            "the checkpoint in " + dir + " was made for another catalogue, column mapping, embedder or batch size; delete that directory to start over, or pass another checkpoint directory");
      }
      if (stored != null) {
        LOG.info("resuming from the checkpoint in {}", dir);
        return new Checkpoint(dir);
      }
    }
    ArtsimFiles.write(file, FORMAT, 1, out -> out.writeString(fingerprint));
    return new Checkpoint(dir);
  }

  private Path chunk(int b) {
    return dir.resolve(String.format(Locale.ROOT, "chunk-%06d.artsim", b));
  }

  /**
   * The saved results of batch {@code b}, or null if there are none for exactly these ids, or if
   * the chunk holds a vector that is not finite or not of {@code dimension} (a damaged or crafted
   * chunk is embedded again, never trusted).
   */
  EmbeddingResult[] read(int b, List<Candidate> batch, int dimension) {
    Path chunk = chunk(b);
    if (!Files.exists(chunk)) {
      return null;
    }
    try {
      return ArtsimFiles.read(
          chunk,
          CHUNK_FORMAT,
          1,
          (in, v) -> {
            int n = in.readInt();
            if (n != batch.size()) {
              return null;
            }
            var out = new EmbeddingResult[n];
            for (int i = 0; i < n; i++) {
              String id = in.readString();
              if (id == null || !id.equals(batch.get(i).record().id())) {
                return null;
              }
              if (in.readBoolean()) {
                int dim = in.readCount("vector", 1 << 20, 4);
                if (dim != dimension) {
                  throw in.corrupt("a vector has " + dim + " dimensions, not the embedder's " + dimension);
                }
                float[] vec = new float[dim];
                in.readFloats(vec, 0, dim);
                for (float x : vec) {
                  if (!Float.isFinite(x)) {
                    throw in.corrupt("a vector holds " + x);
                  }
                }
                out[i] = EmbeddingResult.success(i, vec);
              } else {
                String message = in.readString();
                if (message == null || message.isBlank()) {
                  throw in.corrupt("an image error has no message");
                }
                out[i] = EmbeddingResult.failure(i, new EmbeddingException(message));
              }
            }
            return out;
          });
    } catch (ArtsimException e) {
      LOG.warn("the checkpoint chunk {} cannot be read ({}); embedding that batch again", chunk, e.getMessage());
      return null;
    }
  }

  /** Saves the results of batch {@code b} atomically. */
  void write(int b, List<Candidate> batch, List<EmbeddingResult> results) {
    ArtsimFiles.write(
        chunk(b),
        CHUNK_FORMAT,
        1,
        out -> {
          out.writeInt(batch.size());
          for (int i = 0; i < batch.size(); i++) {
            out.writeString(batch.get(i).record().id());
            EmbeddingResult r = results.get(i);
            out.writeBoolean(r.ok());
            if (r.ok()) {
              out.writeInt(r.vector().length);
              out.writeFloats(r.vector(), 0, r.vector().length);
            } else {
              out.writeString(r.error().getMessage());
            }
          }
        });
  }

  /** Deletes the checkpoint files, and the directory if it is then empty. */
  void delete() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{checkpoint,chunk-*}.artsim")) {
      for (Path p : files) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not delete the checkpoint in {}: {}", dir, e.toString());
    }
    try (var s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        Files.delete(dir);
      }
    } catch (IOException e) {
      LOG.debug("checkpoint directory {} kept: {}", dir, e.toString());
    }
  }
}
