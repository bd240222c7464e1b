package org.artsim.examples;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.IngestionReport;
import org.artsim.collection.ingest.Csv;
import org.artsim.collection.sample.SampleCatalogue;

/**
 * The demo's data: artsim's generated default collection, or the first images of Debian's
 * Fashion-MNIST ({@code apt-get install dataset-fashion-mnist}), written as PNGs with a catalogue
 * CSV so that both go through the same ingestion as a museum export.
 */
public final class DemoData {
  /** Where Debian installs Fashion-MNIST. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** The Fashion-MNIST class names, by label. */
  public static final List<String> FASHION_CLASSES =
      List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

  private DemoData() {}

  /** Writes the generated default collection (240 works) into {@code dir}; returns the catalogue CSV. */
  public static Path generated(Path dir) {
    return SampleCatalogue.write(dir, SampleCatalogue.DEFAULT_COUNT, SampleCatalogue.DEFAULT_SEED);
  }

  /**
   * Writes the first {@code n} Fashion-MNIST training images into {@code dir} as PNGs, with a
   * catalogue CSV whose classification is the class name.
   *
   * @throws IllegalStateException if the data set is not installed
   */
  public static Path fashionMnist(Path dir, int n) {
    Path images = FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
    Path labels = FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz");
    if (!Files.isReadable(images) || !Files.isReadable(labels)) {
      throw new IllegalStateException("Fashion-MNIST is not installed at " + FASHION_MNIST + "; install it with: sudo apt-get install dataset-fashion-mnist");
    }
    try (var in = new DataInputStream(new GZIPInputStream(Files.newInputStream(images)));
        var lin = new DataInputStream(new GZIPInputStream(Files.newInputStream(labels)))) {
      if (in.readInt() != 2051 || lin.readInt() != 2049) {
        throw new IllegalStateException("the Fashion-MNIST files in " + FASHION_MNIST + " are not IDX image/label files");
      }
      int count = Math.min(n, in.readInt());
      lin.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      Files.createDirectories(dir.resolve("images"));
      var csv = new StringBuilder("id,title,classification,medium,description,image\r\n");
      byte[] pixels = new byte[rows * cols];
      for (int i = 0; i < count; i++) {
        in.readFully(pixels);
        String cls = FASHION_CLASSES.get(lin.readUnsignedByte());
        var img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, cols, rows, pixels);
        String id = String.format(Locale.ROOT, "fm-%05d", i);
        ImageIO.write(img, "png", dir.resolve("images").resolve(id + ".png").toFile());
        csv.append(Csv.line(List.of(id, cap(cls) + " no. " + i, cls, "photograph", "A grayscale photograph of a " + cls + " (Fashion-MNIST training image " + i + ").", "images/" + id + ".png")));
      }
      Path file = dir.resolve("catalogue.csv");
      Files.writeString(file, csv);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read Fashion-MNIST from " + FASHION_MNIST, e);
    }
  }

  private static String cap(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** Generates the default data into {@code dir}/data and ingests it into a new collection. */
  public static ArtCollection defaultCollection(Path dir, CollectionConfig config, PrintStream out) {
    Path csv = generated(dir.resolve("data"));
    var art = ArtCollection.create(config);
    IngestionReport report = art.ingest(csv, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("checkpoint")));
    out.println(report);
    return art;
  }

}
