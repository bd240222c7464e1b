package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.Artsim;
import org.artsim.ImageEmbedder;
import org.artsim.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ArtsimEmbedder with the weights-free colour embedder: equal to in-process embedding, per-row errors. */
class ArtsimEmbedderTest {
  @TempDir Path dir;

  private List<Path> images() throws Exception {
    var out = new ArrayList<Path>();
    Color[] colors = {Color.RED, Color.BLUE, new Color(30, 160, 90), Color.ORANGE};
    for (int i = 0; i < colors.length; i++) {
      var img = new BufferedImage(40 + i * 7, 32, BufferedImage.TYPE_INT_RGB);
      var g = img.createGraphics();
      g.setColor(colors[i]);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(Color.WHITE);
      g.fillOval(i * 3, 4, 12, 9 + i);
      g.dispose();
      Path p = dir.resolve("img-" + i + ".png");
      ImageIO.write(img, "png", p.toFile());
      out.add(p);
    }
    Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4});
    return out;
  }

  @Test
  void binaryFilesAndPathsEmbedAsInProcessAndBadImagesKeepTheirRowWithAnError() throws Exception {
    List<Path> good = images();
    Map<String, float[]> expected = new HashMap<>();
    try (ImageEmbedder color = Artsim.imageEmbedder("color")) {
      for (Path p : good) {
        expected.put(p.getFileName().toString(), color.embedImage(p));
      }
    }
    Dataset<Row> files = TestSpark.session().read().format("binaryFile").load(dir.toString());
    List<Row> rows = new ArtsimEmbedder().setNameCol("path").transform(files).select("path", "embedding", "embedding_error").collectAsList();
    assertThat(rows).hasSize(5);
    for (Row r : rows) {
      String name = Path.of(java.net.URI.create(r.getString(0))).getFileName().toString();
      if (name.equals("broken.png")) {
        assertThat(r.isNullAt(1)).isTrue();
        assertThat(r.getString(2)).contains("broken.png");
      } else {
        assertThat(r.isNullAt(2)).as(r.getString(2)).isTrue();
        assertThat(floats(r.getList(1))).isEqualTo(expected.get(name));
      }
    }

    var pathRows = new ArrayList<Row>();
    for (Path p : good) {
      pathRows.add(RowFactory.create(p.toString()));
    }
    pathRows.add(RowFactory.create(dir.resolve("missing.png").toString()));
    pathRows.add(RowFactory.create((Object) null));
    Dataset<Row> paths = TestSpark.session().createDataFrame(pathRows, new StructType().add("image", DataTypes.StringType));
    List<Row> out = new ArtsimEmbedder().setInputCol("image").setBatchSize(2).transform(paths).collectAsList();
    assertThat(out).hasSize(good.size() + 2);
    for (Row r : out) {
      if (r.isNullAt(0)) {
        assertThat(r.getString(2)).isEqualTo("no image: the image column is null");
      } else if (r.getString(0).endsWith("missing.png")) {
        assertThat(r.isNullAt(1)).isTrue();
        assertThat(r.getString(2)).contains("missing.png");
      } else {
        assertThat(floats(r.getList(1))).isEqualTo(expected.get(Path.of(r.getString(0)).getFileName().toString()));
      }
    }
  }

  @Test
  void badColumnsAndSettingsAreRefused() {
    Dataset<Row> ints = TestSpark.session().createDataFrame(List.of(RowFactory.create(3)), new StructType().add("content", DataTypes.IntegerType));
    assertThatThrownBy(() -> new ArtsimEmbedder().transform(ints))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("column 'content' (inputCol) has type int; images must be binary content (format(\"binaryFile\")) or path/URL strings");
    assertThatThrownBy(() -> new ArtsimEmbedder().setBatchSize(0))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("batchSize must be at least 1, got 0");
  }

  private static float[] floats(List<Object> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).floatValue();
    }
    return out;
  }
}
