package org.artsim.collection.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader and writer, strict about quoting and encoding so that bad rows are
 * reported rather than misread, and streaming so that a catalogue of any size is read in bounded
 * memory.
 *
 * <p>Reading works on bytes: records end at an unquoted {@code LF} or {@code CRLF}; a field that
 * starts with {@code "} is quoted, may hold commas, line breaks and doubled quotes {@code ""}, and
 * must be followed by a comma or the end of the record. A quote inside an unquoted field, text after
 * a closing quote, and a quoted field that is never closed make the row malformed; the reader then
 * skips to the end of that physical line (or, for an unclosed quote, reports everything to the end
 * of the file as one bad row) and goes on. A record longer than the byte limit is reported as too
 * long and skipped without being kept. Each row's bytes are decoded as strict UTF-8: bytes that are
 * not UTF-8 make the row bad, not garbled. A UTF-8 byte order mark is skipped and blank lines are
 * ignored.
 */
public final class Csv {
  private Csv() {}

  /**
   * One record of a CSV file.
   *
   * @param line the 1-based line the record starts on
   * @param fields the fields (empty when {@code problem} is set)
   * @param problem why the record could not be read, or null
   * @param tooLong whether the problem is the record's length
   */
  record Row(long line, List<String> fields, String problem, boolean tooLong) {
    Row(long line, List<String> fields, String problem) {
      this(line, fields, problem, false);
    }
  }

  /** Formats fields as one CSV record with {@code CRLF}, quoting where needed. */
  public static String line(List<String> fields) {
    var sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.append("\r\n").toString();
  }

  /** Reads every record of {@code data} (tests and small inputs). */
  static List<Row> parse(byte[] data) {
    var rows = new ArrayList<Row>();
    try {
      var r = new Reader(new ByteArrayInputStream(data), Integer.MAX_VALUE);
      for (Row row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    } catch (IOException e) {
      throw new IllegalStateException("a byte array cannot fail to read", e);
    }
    return rows;
  }

  /** Reads records one at a time from a stream; keeps at most one record's bytes. */
  static final class Reader {
    private final ByteSource in;
    private final int maxRecordBytes;
    private long line = 1;
    private boolean started;
    private boolean ended;

    Reader(InputStream in, int maxRecordBytes) {
      this.in = new ByteSource(in);
      this.maxRecordBytes = maxRecordBytes;
    }

    /** The next record, or null at the end. */
    Row next() throws IOException {
      if (!started) {
        in.skipBom();
        started = true;
      }
      while (!ended && in.peek() >= 0) {
        Row row = record();
        if (row != null) {
          return row;
        }
      }
      return null;
    }

    /** Reads one record; null for a blank line. */
    private Row record() throws IOException {
      long startLine = line;
      var fields = new ArrayList<byte[]>();
      var field = new ByteArrayOutputStream();
      long bytes = 0;
      boolean tooLong = false;
      String problem = null;
      boolean inQuotes = false;
      boolean quoted = false;
      boolean afterQuote = false;
      boolean recordEnded = false;
      while (!recordEnded) {
        int b = in.peek();
        if (b < 0) {
          break;
        }
        if (++bytes > maxRecordBytes && !tooLong) {
          tooLong = true;
          fields.clear();
          field = new ByteArrayOutputStream();
        }
        if (inQuotes) {
          in.read();
          if (b == '"') {
            if (in.peek() == '"') {
              in.read();
              write(field, '"', tooLong);
            } else {
              inQuotes = false;
              afterQuote = true;
            }
          } else {
            if (b == '\n') {
              line++;
            }
            write(field, b, tooLong);
          }
          continue;
        }
        if (b == ',') {
          in.read();
          if (!tooLong) {
            fields.add(field.toByteArray());
          }
          field.reset();
          quoted = false;
          afterQuote = false;
        } else if (b == '\n') {
          in.read();
          line++;
          recordEnded = true;
        } else if (b == '\r') {
          in.read();
          if (in.peek() == '\n') {
            in.read();
            line++;
            recordEnded = true;
          } else if (afterQuote) {
            problem = "text follows a closing quote in field " + (fields.size() + 1);
            break;
          } else {
            write(field, b, tooLong);
          }
        } else if (b == '"') {
          if (field.size() == 0 && !quoted && !afterQuote) {
            in.read();
            inQuotes = true;
            quoted = true;
          } else {
            problem = afterQuote ? "text follows a closing quote in field " + (fields.size() + 1) : "a quote appears inside the unquoted field " + (fields.size() + 1);
            break;
          }
        } else if (afterQuote) {
          problem = "text follows a closing quote in field " + (fields.size() + 1);
          break;
        } else {
          in.read();
          write(field, b, tooLong);
        }
      }
      if (problem != null) {
        skipLine();
        return new Row(startLine, List.of(), "malformed CSV quoting: " + problem + "; quote fields that contain quotes and double the inner quotes (\"\")");
      }
      if (inQuotes) {
        ended = true;
        return new Row(
            startLine,
            List.of(),
            "malformed CSV quoting: a quoted field opened on line " + startLine + " is never closed (the rest of the file, to line " + line + ", was read as that field); close the quote");
      }
      if (tooLong) {
        return new Row(startLine, List.of(), "the row is longer than " + maxRecordBytes + " bytes; it was skipped (shorten it, or raise IngestOptions.maxRowBytes)", true);
      }
      fields.add(field.toByteArray());
      if (fields.size() == 1 && fields.get(0).length == 0 && !quoted) {
        return null; // a blank line
      }
      var decoded = new ArrayList<String>(fields.size());
      for (int i = 0; i < fields.size(); i++) {
        try {
          decoded.add(decode(fields.get(i)));
        } catch (CharacterCodingException e) {
          return new Row(startLine, List.of(), "field " + (i + 1) + " holds bytes that are not UTF-8; export the catalogue as UTF-8");
        }
      }
      return new Row(startLine, decoded, null);
    }

    private static void write(ByteArrayOutputStream field, int b, boolean discard) {
      if (!discard) {
        field.write(b);
      }
    }

    private void skipLine() throws IOException {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          line++;
          return;
        }
      }
    }
  }

  static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
