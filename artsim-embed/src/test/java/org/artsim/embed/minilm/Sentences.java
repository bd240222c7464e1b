package org.artsim.embed.minilm;

import java.util.ArrayList;
import java.util.List;

/** Fifty texts for the MiniLM parity test: catalogue-like lines and the awkward cases (two are blank). */
final class Sentences {
  private Sentences() {}

  static List<String> fifty() {
    var s = new ArrayList<String>(List.of(
        "Portrait of a young woman with a pearl earring",
        "Still life with flowers, fruit and a silver jug",
        "Landscape with windmills near Haarlem",
        "A stormy sea with ships running aground",
        "Self-portrait, oil on canvas, 1889",
        "Woodblock print of a great wave off the coast",
        "Red cat sleeping on a blue cushion",
        "bugs",
        "",
        "The Night Watch",
        "  leading and trailing spaces   ",
        "UPPER CASE TITLE OF A WORK",
        "!!!???...;;;---",
        "(untitled) [study] {sketch} <draft>",
        "1642",
        "3.5 x 4.25 cm; 12 in. / 30.5 cm",
        "e-mail: curator@example.org, https://example.org/collection?id=42&lang=en",
        "l'été à Arles: nature morte aux tournesols",
        "Straße mit Bäumen im Schnee",
        "Café de Flore, naïve façade, São Paulo",
        "葛飾北斎 神奈川沖浪裏",
        "清明上河图",
        "Мадонна с младенцем",
        "لوحة زيتية لمنظر طبيعي",
        "עץ הזית בגליל",
        "🎨 painting of a 🐈 on a 🛋️",
        "cafe\u0301 with a combining accent",
        "zero\u200bwidth\u200bspace",
        "tab\tseparated\tkeywords",
        "line one\nline two\r\nline three",
        "İstanbul and ǅemal, ﬁne ligatures",
        "x² + y² = z²; ½ of ⅓",
        "ＦＵＬＬＷＩＤＴＨ ｌｅｔｔｅｒｓ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "supercalifragilisticexpialidocious antidisestablishmentarianism",
        "a",
        "the the the the the",
        " \t\n ",
        "\"Quoted title\" — with an em dash – and an en dash",
        "C'est la vie; n'est-ce pas?"));
    var words = "an old wooden ship sails across a wide grey sea under heavy clouds while gulls circle the mast ";
    s.add(words.repeat(8));                  // about 150 tokens: cut at 128
    s.add(words.repeat(40));                 // about 750 tokens
    s.add("word ".repeat(600));              // 600 repeated tokens
    s.add("Keywords: " + String.join(", ", List.of("animal", "bug", "insect", "beetle", "nature", "clipart", "outline", "colour", "green", "leaf")));
    s.add("Description: a simple black and white line drawing of a ladybird, suitable for colouring in.");
    s.add("transport / aircraft / propeller plane seen from the side");
    s.add("signs_and_symbols/arrows/arrow-right-blue.png");
    s.add("The quick brown fox jumps over the lazy dog.");
    s.add("A photograph of an astronaut riding a horse");
    s.add("Mona Lisa");
    if (s.size() != 50) {
      throw new IllegalStateException("expected 50 sentences, have " + s.size());
    }
    return s;
  }
}
