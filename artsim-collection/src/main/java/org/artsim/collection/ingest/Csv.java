package org.artsim.collection.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader and writer, strict about quoting and encoding so that bad rows are
 * reported rather than misread.
 *
 * <p>Reading works on bytes: records end at an unquoted {@code LF} or {@code CRLF}; a field that
 * starts with {@code "} is quoted, may hold commas, line breaks and doubled quotes {@code ""}, and
 * must be followed by a comma or the end of the record. A quote inside an unquoted field, text after
 * a closing quote, and a quoted field that is never closed make the row malformed; the reader then
 * skips to the end of that physical line (or, for an unclosed quote, reports everything to the end
 * of the file as one bad row) and goes on. Each row's bytes are decoded as strict UTF-8: bytes that
 * are not UTF-8 make the row bad, not garbled. A UTF-8 byte order mark is skipped and blank lines
 * are ignored.
 */
public final class Csv {
  private Csv() {}

  /**
   * One record of a CSV file.
   *
   * @param line the 1-based line the record starts on
   * @param fields the fields (empty when {@code problem} is set)
   * @param problem why the record could not be read, or null
   */
  record Row(long line, List<String> fields, String problem) {}

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

  /** Reads every record of {@code data}. */
  static List<Row> parse(byte[] data) {
    var rows = new ArrayList<Row>();
    int pos = 0;
    if (data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
      pos = 3;
    }
    long line = 1;
    int n = data.length;
    while (pos < n) {
      long startLine = line;
      var fields = new ArrayList<byte[]>();
      var field = new ByteArrayOutputStream();
      String problem = null;
      boolean inQuotes = false;
      boolean quoted = false;
      boolean afterQuote = false;
      boolean recordEnded = false;
      while (pos < n && !recordEnded) {
        int b = data[pos] & 0xff;
        if (inQuotes) {
          if (b == '"') {
            if (pos + 1 < n && data[pos + 1] == '"') {
              field.write('"');
              pos += 2;
            } else {
              inQuotes = false;
              afterQuote = true;
              pos++;
            }
          } else {
            if (b == '\n') {
              line++;
            }
            field.write(b);
            pos++;
          }
          continue;
        }
        if (b == ',') {
          fields.add(field.toByteArray());
          field.reset();
          quoted = false;
          afterQuote = false;
          pos++;
        } else if (b == '\n' || (b == '\r' && pos + 1 < n && data[pos + 1] == '\n')) {
          pos += b == '\r' ? 2 : 1;
          line++;
          recordEnded = true;
        } else if (b == '"') {
          if (field.size() == 0 && !quoted) {
            inQuotes = true;
            quoted = true;
            pos++;
          } else {
            problem = afterQuote ? "text follows a closing quote in field " + (fields.size() + 1) : "a quote appears inside the unquoted field " + (fields.size() + 1);
            break;
          }
        } else if (afterQuote) {
          problem = "text follows a closing quote in field " + (fields.size() + 1);
          break;
        } else {
          field.write(b);
          pos++;
        }
      }
      if (problem != null) {
        while (pos < n && data[pos] != '\n') {
          pos++;
        }
        if (pos < n) {
          pos++;
          line++;
        }
        rows.add(new Row(startLine, List.of(), "malformed CSV quoting: " + problem + "; quote fields that contain quotes and double the inner quotes (\"\")"));
        continue;
      }
      if (inQuotes) {
        rows.add(
            new Row(
                startLine,
                List.of(),
                "malformed CSV quoting: a quoted field opened on line " + startLine + " is never closed (the rest of the file, to line " + line + ", was read as that field); close the quote"));
        break;
      }
      fields.add(field.toByteArray());
      if (fields.size() == 1 && fields.get(0).length == 0 && !quoted) {
        continue; // a blank line
      }
      var decoded = new ArrayList<String>(fields.size());
      for (int i = 0; i < fields.size() && problem == null; i++) {
        try {
          decoded.add(decode(fields.get(i)));
        } catch (CharacterCodingException e) {
          problem = "field " + (i + 1) + " holds bytes that are not UTF-8; export the catalogue as UTF-8";
        }
      }
      if (problem != null) {
        rows.add(new Row(startLine, List.of(), problem));
      } else {
        rows.add(new Row(startLine, decoded, null));
      }
    }
    return rows;
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
