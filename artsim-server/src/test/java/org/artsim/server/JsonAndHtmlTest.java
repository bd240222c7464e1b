package org.artsim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The JSON writer against jackson's parser, and the HTML and URL escaping, on many random strings. */
class JsonAndHtmlTest {
  private static final String NASTY = "\"\\/<>&'\u0000\u001f\u007f\u2028\u2029\n\r\té€😀\ud800\udc00x";

  static String randomString(SplittableRandom rng) {
    var sb = new StringBuilder();
    int n = rng.nextInt(20);
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(4);
      sb.append(switch (kind) {
        case 0 -> NASTY.charAt(rng.nextInt(NASTY.length()));
        case 1 -> (char) rng.nextInt(0x80);
        case 2 -> (char) rng.nextInt(0x10000);
        default -> 'a';
      });
    }
    return sb.toString();
  }

  /** What the writer should produce for a string: lone surrogates become U+FFFD. */
  static String expected(String s) {
    var sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    return sb.toString();
  }

  @Test
  void stringsAndNumbersRoundTripThroughJackson() throws Exception {
    var factory = new JsonFactory();
    for (int seed = 0; seed < 300; seed++) {
      var rng = new SplittableRandom(seed);
      String name = randomString(rng);
      String value = randomString(rng);
      double number = rng.nextInt(3) == 0 ? rng.nextInt(1000) : (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-12, 12));
      String json = new Json().beginObject().field(name, value).field("n", number).name("a").beginArray().value(true).value((String) null).value(Double.NaN)
          .endArray().endObject().toString();
      assertThat(json).doesNotContain("<", ">", "&", "'", "\u2028", "\u2029");
      try (var p = factory.createParser(json)) {
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        assertThat(p.nextFieldName()).isEqualTo(expected(name));
        assertThat(p.nextTextValue()).as("seed %d: %s", seed, json).isEqualTo(expected(value));
        assertThat(p.nextFieldName()).isEqualTo("n");
        p.nextToken();
        assertThat(p.getDoubleValue()).isCloseTo(number, org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(p.nextFieldName()).isEqualTo("a");
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
        assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_TRUE);
        assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NULL);
        assertThat(p.nextToken()).as("NaN is written as null").isEqualTo(JsonToken.VALUE_NULL);
        assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
        assertThat(p.nextToken()).isNull();
      }
    }
  }

  @Test
  void htmlEscapingLeavesNoMarkupAndUrlSegmentsDecodeBack() {
    for (int seed = 0; seed < 300; seed++) {
      String s = randomString(new SplittableRandom(seed));
      String text = Html.text(s);
      assertThat(text).doesNotContain("<", ">", "\"", "'");
      assertThat(text.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
      String segment = Html.segment(expected(s));
      assertThat(segment).matches("[A-Za-z0-9%*_-]*");
      assertThat(Request.decode(segment, false)).isEqualTo(expected(s).replace('\ufffd', '\ufffd'));
    }
    assertThat(Html.text(null)).isEmpty();
    assertThat(Html.text("<a href=\"x\">it's</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;it&#39;s&lt;/a&gt;");
    assertThat(Html.segment("../a b/")).isEqualTo("%2E%2E%2Fa%20b%2F");
  }
}
