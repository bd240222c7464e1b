package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  private static List<Csv.Row> parse(String s) {
    return Csv.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsRfc4180QuotingLineBreaksAndCrlf() {
    var rows = parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\n3,,z");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
    assertThat(rows.get(1).fields()).containsExactly("1", "x, y", "say \"hi\"");
    assertThat(rows.get(2).fields()).containsExactly("2", "two\nlines", "");
    assertThat(rows.get(2).line()).isEqualTo(3);
    assertThat(rows.get(3).fields()).containsExactly("3", "", "z");
    assertThat(rows.get(3).line()).isEqualTo(6);
  }

  @Test
  void skipsAByteOrderMarkAndKeepsUnicode() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "id,title\n1,Café à Paris — 東京\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    var rows = Csv.parse(all);
    assertThat(rows.get(0).fields()).containsExactly("id", "title");
    assertThat(rows.get(1).fields()).containsExactly("1", "Café à Paris — 東京");
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsReportedAndTheNextRowIsRead() {
    var rows = parse("id,t\n1,bad \"quote\n2,fine\n");
    assertThat(rows.get(1).problem()).isEqualTo(
        "malformed CSV quoting: a quote appears inside the unquoted field 2; quote fields that contain quotes and double the inner quotes (\"\")");
    assertThat(rows.get(2).fields()).containsExactly("2", "fine");
    assertThat(rows.get(2).line()).isEqualTo(3);
  }

  @Test
  void textAfterAClosingQuoteIsReported() {
    var rows = parse("id,t\n1,\"ab\"c\n2,ok\n");
    assertThat(rows.get(1).problem()).startsWith("malformed CSV quoting: text follows a closing quote in field 2");
    assertThat(rows.get(2).fields()).containsExactly("2", "ok");
  }

  @Test
  void anUnclosedQuoteIsReportedWithItsExtent() {
    var rows = parse("id,t\n1,\"never closed\n2,x\n3,y\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).problem())
        .isEqualTo("malformed CSV quoting: a quoted field opened on line 2 is never closed (the rest of the file, to line 5, was read as that field); close the quote");
  }

  @Test
  void nonUtf8BytesMakeTheRowBadNotGarbled() {
    byte[] latin1 = "id,t\n1,caf\u00e9\n2,ok\n".getBytes(StandardCharsets.ISO_8859_1);
    var rows = Csv.parse(latin1);
    assertThat(rows.get(1).problem()).isEqualTo("field 2 holds bytes that are not UTF-8; export the catalogue as UTF-8");
    assertThat(rows.get(2).fields()).containsExactly("2", "ok");
  }

  @Test
  void lineQuotesOnlyWhereNeededAndRoundTrips() {
    String line = Csv.line(java.util.Arrays.asList("a", "b,c", "say \"x\"", "l1\nl2", null));
    assertThat(line).isEqualTo("a,\"b,c\",\"say \"\"x\"\"\",\"l1\nl2\",\r\n");
    assertThat(parse(line).get(0).fields()).containsExactly("a", "b,c", "say \"x\"", "l1\nl2", "");
  }
}
