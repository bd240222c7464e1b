package org.artsim.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.artsim.Artsim;
import org.artsim.EmbeddingResult;
import org.artsim.ImageSource;
import org.artsim.ModelLoadException;
import org.artsim.embed.ClipConfig;
import org.artsim.embed.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CLIP parity (TorchScript and ONNX) and tokenizer ids worked out from the fixture vocabulary. */
class ClipEmbedderTest {
  static final int DIM = 32;
  static final long BOS = 566;
  static final long EOS = 567;

  static ClipConfig config(String variant) {
    return variant.equals("torchscript")
        ? ClipConfig.defaults().withModel(Fixtures.path("clip/tiny_clip.pt"))
        : ClipConfig.defaults().withModel(Fixtures.path("clip"));
  }

  /** The texts and the ids the Python BPE (make_models.py) gave. */
  static List<String> texts() {
    String json = new String(Fixtures.bytes("clip/texts.json"), StandardCharsets.UTF_8);
    var m = Pattern.compile("\"texts\": \\[(.*?)\\]", Pattern.DOTALL).matcher(json);
    m.find();
    var out = new ArrayList<String>();
    var s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
    while (s.find()) {
      out.add(s.group(1));
    }
    return out;
  }

  static List<long[]> pythonIds() {
    String json = new String(Fixtures.bytes("clip/texts.json"), StandardCharsets.UTF_8);
    String ids = json.substring(json.indexOf("\"ids\""));
    var out = new ArrayList<long[]>();
    var m = Pattern.compile("\\[([\\d,\\s]+)\\]").matcher(ids);
    while (m.find()) {
      out.add(Arrays.stream(m.group(1).trim().split("\\s*,\\s*")).mapToLong(Long::parseLong).toArray());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"torchscript", "onnx"})
  void imageAndTextVectorsMatchThePythonReference(String variant) {
    try (var clip = (ClipEmbedder) Artsim.embedder(config(variant))) {
      assertThat(clip.dimension()).isEqualTo(DIM);
      float[] expectedImages = Fixtures.floats("clip/expected_image.f32");
      var sources = new ArrayList<ImageSource>();
      for (String n : Fixtures.IMAGES) {
        sources.add(ImageSource.of(Fixtures.path("images/" + n)));
      }
      var results = clip.embedImages(sources);
      double worst = 0;
      for (int i = 0; i < sources.size(); i++) {
        worst = Math.max(worst, Fixtures.maxAbsDiff(results.get(i).vectorOrThrow(), Fixtures.unitRow(expectedImages, DIM, i)));
      }
      float[] expectedTexts = Fixtures.floats("clip/expected_text.f32");
      var texts = texts();
      var ids = pythonIds();
      var textResults = clip.embedTexts(texts, p -> {});
      for (int i = 0; i < texts.size(); i++) {
        assertThat(clip.tokenize(texts.get(i))).as(texts.get(i)).containsExactly(ids.get(i));
        worst = Math.max(worst, Fixtures.maxAbsDiff(textResults.get(i).vectorOrThrow(), Fixtures.unitRow(expectedTexts, DIM, i)));
        assertThat(clip.embedText(texts.get(i))).containsExactly(textResults.get(i).vector());
      }
      System.out.printf("clip %s vs torch 1.13: max abs diff %.3g%n", variant, worst);
      assertThat(worst).isLessThanOrEqualTo(1e-4);
      assertThat(textResults).allMatch(EmbeddingResult::ok);
    }
  }

  /*
   * Ids worked out by hand from the fixture vocabulary (clip/tokenizer.json): byte-level symbols
   * come first in CLIP's bytes_to_unicode order (printable '!'..'~' are ids 0..93, '¡'..'¬' 94..105,
   * '®'..'ÿ' 106..187, then the other bytes 0..32, 127..160, 173 as 188..255), the same symbols with
   * "</w>" are 256 + that, then merged tokens, then <|startoftext|> = 566 and <|endoftext|> = 567.
   * Merged tokens used below: "blue</w>" = 531, "painting</w>" = 519, "ca" = 521.
   */
  @Test
  void tokenizerGivesTheIdsWorkedOutFromTheVocabulary() {
    try (var t = ClipTokenizer.load(Fixtures.path("clip/tokenizer.json"), 77, false)) {
      assertThat(t.encode("")).containsExactly(BOS, EOS);
      // a</w> = 256 + ('a' - '!') = 320
      assertThat(t.encode("a blue painting")).containsExactly(BOS, 320, 531, 519, EOS);
      // NFC, whitespace collapsed, lower case
      assertThat(t.encode("  A   BLUE\tPainting ")).containsExactly(BOS, 320, 531, 519, EOS);
      // "café" = c a f 0xC3 0xA9 -> "ca", "f" (= 'f' - '!' = 69), 'Ã' (0xC3: 106 + 0xC3 - 0xAE = 127), '©</w>' (0xA9: 256 + 94 + 0xA9 - 0xA1 = 358)
      assertThat(t.encode("Café")).containsExactly(BOS, 521, 69, 127, 358, EOS);
      // decomposed "Cafe\u0301" is NFC-normalised to the same ids
      assertThat(t.encode("Cafe\u0301")).containsExactly(BOS, 521, 69, 127, 358, EOS);
      // 🎨 = F0 9F 8E A8: 0xF0 -> 106 + 0xF0 - 0xAE = 172; 0x9F -> 221 + 0x9F - 0x7F = 253; 0x8E -> 236; 0xA8</w> -> 256 + 94 + 7 = 357
      assertThat(t.encode("🎨")).containsExactly(BOS, 172, 253, 236, 357, EOS);
      // long text: truncated to 77 with the end token kept
      long[] longIds = t.encode("painting ".repeat(100));
      assertThat(longIds).hasSize(77);
      assertThat(longIds[0]).isEqualTo(BOS);
      assertThat(longIds[76]).isEqualTo(EOS);
      assertThat(Arrays.copyOfRange(longIds, 1, 76)).containsOnly(519L);
    }
    try (var padded = ClipTokenizer.load(Fixtures.path("clip/tokenizer.json"), 8, true)) {
      assertThat(padded.encode("a blue painting")).containsExactly(BOS, 320, 531, 519, EOS, 0, 0, 0);
    }
  }

  @Test
  void textAndImagesShareOneSpace() {
    try (var clip = (ClipEmbedder) Artsim.embedder(config("onnx").withBatchSize(2))) {
      float[] t = clip.embedText("a blue painting");
      float[] i = clip.embedImage(ImageSource.of(Fixtures.path("images/landscape.png")));
      assertThat(t).hasSize(clip.dimension());
      assertThat(i).hasSize(clip.dimension());
      assertThat(clip).isInstanceOf(org.artsim.TextEmbedder.class).isInstanceOf(org.artsim.ImageEmbedder.class);
      assertThat(clip.info().provider()).isEqualTo("clip");
    }
  }

  @Test
  void onnxTowersByLocationAndClasspath() {
    var config = ClipConfig.parse(Map.of(
        "vision_model", "classpath:fixtures/clip/vision_model.onnx",
        "text_model", "classpath:fixtures/clip/text_model.onnx",
        "tokenizer", "classpath:fixtures/clip/tokenizer.json"));
    try (var clip = Artsim.embedder(config)) {
      assertThat(clip.dimension()).isEqualTo(DIM);
    }
  }

  @Test
  void badClipSetupsFailWithMessages() {
    assertThatThrownBy(() -> Artsim.embedder(ClipConfig.defaults().withModel(Fixtures.path("clip/tiny_clip.pt")).withMethods("encode_picture", "encode_text")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("clip: the model does not run (");
    assertThatThrownBy(() -> Artsim.embedder(ClipConfig.defaults().withModel(Fixtures.path("cnn"))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("clip: directory '" + Fixtures.path("cnn") + "' holds no vision_model.onnx and text_model.onnx");
    assertThatThrownBy(() -> Artsim.embedder("clip", Map.of("vision_model", Fixtures.path("clip/vision_model.onnx").toString())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("clip: set both vision_model and text_model (the two ONNX graphs), or model");
    assertThatThrownBy(() -> Artsim.embedder(ClipConfig.defaults().withModel(Fixtures.path("cnn/tiny_resnet.pt")).withTokenizer(Fixtures.path("images/landscape.png").toString())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("clip: cannot load tokenizer '");
  }
}
