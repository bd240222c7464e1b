package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 item 3: the catalogue reader streams. A catalogue of 1,000,000 rows is generated on the
 * fly (it never exists as a whole, in memory or on disk) and read through {@link CatalogueReader};
 * the stream counts the bytes the reader has taken, and every time a row reaches the sink the test
 * checks that the reader has read no further than that row plus one buffer of 64 KiB: it holds a
 * bounded number of rows whatever the catalogue's length.
 */
class CatalogueStreamingTest {
  private static final int ROWS = 1_000_000;
  private static final long READ_AHEAD = 1 << 16;

  /** A catalogue of fixed-width rows, made as it is read, that counts what was taken. */
  private static final class GeneratedCatalogue extends InputStream {
    final byte[] header;
    final boolean json;
    final int rowLength;
    long consumed;
    private byte[] current;
    private int pos;
    private int nextRow;

    GeneratedCatalogue(boolean json) {
      this.json = json;
      this.header = json ? new byte[0] : "id,image,title\n".getBytes(StandardCharsets.US_ASCII);
      this.rowLength = row(0).length;
      this.current = header;
    }

    byte[] row(int i) {
      String s = json
          ? String.format(Locale.ROOT, "{\"id\": \"w%07d\", \"image\": \"https://example.org/w%07d.png\", \"title\": \"Work %07d\"}\n", i, i, i)
          : String.format(Locale.ROOT, "w%07d,https://example.org/w%07d.png,Work %07d\n", i, i, i);
      return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The offset just after the data row with 1-based line number {@code line}. */
    long endOf(long line) {
      long dataRow = json ? line : line - 1;
      return header.length + dataRow * rowLength;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len) {
        if (pos == current.length) {
          if (nextRow == ROWS) {
            break;
          }
          current = row(nextRow++);
          pos = 0;
        }
        int k = Math.min(len - n, current.length - pos);
        System.arraycopy(current, pos, b, off + n, k);
        pos += k;
        n += k;
      }
      consumed += n;
      return n == 0 ? -1 : n;
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aMillionRowCatalogueIsReadWithBoundedReadAhead(boolean json) throws Exception {
    var in = new GeneratedCatalogue(json);
    long[] delivered = {0};
    long[] maxAhead = {0};
    var options = IngestOptions.of(ColumnMapping.standard()).withFormat(json ? IngestOptions.Format.JSON_LINES : IngestOptions.Format.CSV);
    int rows = CatalogueReader.read(Path.of("generated." + (json ? "jsonl" : "csv")), in, options, new CatalogueReader.Sink() {
      @Override
      public void candidate(Candidate c) {
        delivered[0]++;
        long ahead = in.consumed - in.endOf(c.line());
        maxAhead[0] = Math.max(maxAhead[0], ahead);
        if (ahead > READ_AHEAD || ahead < 0) {
          throw new AssertionError("at line " + c.line() + " the reader had read " + ahead + " bytes past the row it delivered");
        }
      }

      @Override
      public void problem(RowProblem p) {
        throw new AssertionError("unexpected problem " + p);
      }
    });
    assertThat(rows).isEqualTo(ROWS);
    assertThat(delivered[0]).isEqualTo(ROWS);
    assertThat(maxAhead[0]).isLessThanOrEqualTo(READ_AHEAD).isPositive();
    assertThat(in.consumed).isEqualTo(in.endOf(json ? ROWS : ROWS + 1));
  }
}
