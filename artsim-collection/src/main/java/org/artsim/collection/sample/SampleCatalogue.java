package org.artsim.collection.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.artsim.InvalidArgumentException;
import org.artsim.StorageException;
import org.artsim.collection.ingest.Csv;
import org.artsim.io.AtomicFiles;

/**
 * artsim's embedded default collection: procedurally drawn "artworks" with a catalogue CSV,
 * generated deterministically from a seed, with no network and nothing large in the repository.
 *
 * <p>Each work has a culture (six, each with its own palette, motifs, artists and dates) and a
 * classification (painting, ceramics, textile, print, each drawn with its own composition and
 * texture). Titles and descriptions name the colours and motifs, so text search has something to
 * find. Every 40th work (from the 40th on) is a near-duplicate of an earlier work: the same drawing,
 * brightened by 2 levels of 255, with {@code copy_of} in its extra fields.
 *
 * <p>The CSV has the columns {@code id,title,artist,culture,classification,medium,date,description,
 * image,copy_of} (RFC 4180 quoting, UTF-8; the CSV is written atomically, the images plainly since they are regenerated from the seed) and relative image paths {@code images/<id>.png}: load it
 * with {@code ColumnMapping.standard()}. Generation of 240 works at 96&times;96 takes about a second.
 */
public final class SampleCatalogue {
  /** The cultures, in generation order. */
  public static final List<String> CULTURES = List.of("japanese", "egyptian", "dutch", "mexican", "chinese", "french");
  /** The classifications, in generation order. */
  public static final List<String> CLASSIFICATIONS = List.of("painting", "ceramics", "textile", "print");
  /** The default number of works. */
  public static final int DEFAULT_COUNT = 240;
  /** The default seed. */
  public static final long DEFAULT_SEED = 7;
  /** The image side in pixels. */
  public static final int SIZE = 96;

  private static final String[][] PALETTE_NAMES = {
    {"indigo", "prussian blue", "ivory", "vermilion"},
    {"gold", "sand", "amber", "turquoise"},
    {"umber", "sepia", "walnut", "ochre"},
    {"magenta", "marigold", "fuchsia", "tangerine"},
    {"jade", "forest green", "celadon", "cinnabar"},
    {"rose", "lavender", "cream", "sky blue"},
  };
  private static final int[][] PALETTES = {
    {0x1f2f6b, 0x3b5ba5, 0xf2ead3, 0xd0402a},
    {0xd4a017, 0xe6cf9c, 0xb8860b, 0x30b5a6},
    {0x6b4423, 0x4a3521, 0x8a5a19, 0xc9a66b},
    {0xc2187a, 0xf2a900, 0xe0457b, 0xff7f11},
    {0x3f9e6e, 0x1f6e43, 0xa7c7a1, 0xb8322a},
    {0xe8a0b0, 0xb39ddb, 0xf5eedc, 0x8cc8ee},
  };
  private static final String[][] MOTIFS = {
    {"cranes", "waves", "cherry blossoms"},
    {"lotus flowers", "scarabs", "falcons"},
    {"tulips", "windmills", "ships"},
    {"marigolds", "suns", "jaguars"},
    {"dragons", "peonies", "bamboo"},
    {"roses", "lilies", "boats"},
  };
  private static final String[][] ARTISTS = {
    {"Hoshino Aki", "Mori Kenji"},
    {"Workshop of Thebes", "Amenemhat Studio"},
    {"Pieter van Loon", "Anna de Wit"},
    {"Rosa Quintero", "Tomas Rivas"},
    {"Li Wen", "Zhao Mei"},
    {"Claire Dubois", "Henri Lefevre"},
  };
  private static final int[][] DATES = {{1650, 1880}, {-1400, -300}, {1600, 1700}, {1880, 1960}, {1400, 1800}, {1850, 1920}};
  private static final String[][] SUBJECTS = {
    {"landscape", "portrait", "river scene", "still life"},
    {"vase", "bowl", "jar", "teapot"},
    {"tapestry", "rug", "kimono", "shawl"},
    {"woodblock", "etching", "poster", "lithograph"},
  };
  private static final String[] MEDIA = {"oil on canvas", "glazed stoneware", "woven silk", "ink on paper"};

  private SampleCatalogue() {}

  /** One generated work's catalogue fields. */
  public record Work(
      String id, String title, String artist, String culture, String classification, String medium, String date, String description, String copyOf) {}

  /** Writes the default collection (240 works, seed 7) into {@code dir}; returns the CSV's path. */
  public static Path write(Path dir) {
    return write(dir, DEFAULT_COUNT, DEFAULT_SEED);
  }

  /**
   * Writes {@code count} works drawn from {@code seed} into {@code dir}: {@code catalogue.csv} and
   * {@code images/<id>.png}. The same arguments always give the same files.
   *
   * @return the path of {@code catalogue.csv}
   */
  public static Path write(Path dir, int count, long seed) {
    if (count < 1) {
      throw new InvalidArgumentException("count must be at least 1, got " + count);
    }
    Path images = dir.resolve("images");
    try {
      Files.createDirectories(images);
    } catch (IOException e) {
      throw new StorageException("could not create " + images + ": " + e + "; check the path and permissions", e);
    }
    var works = works(count, seed);
    var csv = new StringBuilder("id,title,artist,culture,classification,medium,date,description,image,copy_of\r\n");
    for (int i = 0; i < works.size(); i++) {
      Work w = works.get(i);
      BufferedImage img = w.copyOf() == null ? draw(i, w, seed) : brighten(draw(indexOf(works, w.copyOf()), works.get(indexOf(works, w.copyOf())), seed));
      Path file = images.resolve(w.id() + ".png");
      try {
        if (!ImageIO.write(img, "png", file.toFile())) {
          throw new IOException("this JDK has no PNG writer");
        }
      } catch (IOException e) {
        throw new StorageException("could not write " + file + ": " + e + "; check that the directory is writable", e);
      }
      csv.append(Csv.line(List.of(w.id(), w.title(), w.artist(), w.culture(), w.classification(), w.medium(), w.date(), w.description(),
          "images/" + w.id() + ".png", w.copyOf() == null ? "" : w.copyOf())));
    }
    Path file = dir.resolve("catalogue.csv");
    AtomicFiles.writeString(file, csv.toString());
    return file;
  }

  private static int indexOf(List<Work> works, String id) {
    for (int i = 0; i < works.size(); i++) {
      if (works.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException(id);
  }

  /** The catalogue fields of {@code count} works from {@code seed}, without drawing them. */
  public static List<Work> works(int count, long seed) {
    var out = new ArrayList<Work>(count);
    for (int i = 0; i < count; i++) {
      var r = new SplittableRandom(seed * 1_000_003L + i);
      String id = String.format(Locale.ROOT, "w-%04d", i);
      if (i >= 40 && i % 40 == 0) {
        Work src = out.get(r.nextInt(i - 1));
        out.add(new Work(id, src.title() + " (copy)", src.artist(), src.culture(), src.classification(), src.medium(), src.date(), src.description(), src.id()));
        continue;
      }
      int c = i % CULTURES.size();
      int k = (i / CULTURES.size()) % CLASSIFICATIONS.size();
      String colour1 = PALETTE_NAMES[c][r.nextInt(4)];
      String colour2 = PALETTE_NAMES[c][r.nextInt(4)];
      String motif = MOTIFS[c][r.nextInt(MOTIFS[c].length)];
      String subject = SUBJECTS[k][r.nextInt(SUBJECTS[k].length)];
      String artist = ARTISTS[c][r.nextInt(2)];
      int year = DATES[c][0] + r.nextInt(DATES[c][1] - DATES[c][0]);
      String date = year < 0 ? "ca. " + (-year) + " BCE" : (r.nextBoolean() ? "ca. " + year : Integer.toString(year));
      String culture = CULTURES.get(c);
      String title = cap(colour1) + " " + subject + " with " + motif;
      String description =
          "A " + CLASSIFICATIONS.get(k) + " from the " + cap(culture) + " collection, " + date + ", in " + colour1 + " and " + colour2 + ", decorated with "
              + motif + ". " + MEDIA[k].substring(0, 1).toUpperCase(Locale.ROOT) + MEDIA[k].substring(1) + ", by " + artist + ".";
      out.add(new Work(id, title, artist, culture, CLASSIFICATIONS.get(k), MEDIA[k], date, description, null));
    }
    return out;
  }

  private static String cap(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /**
   * Draws a new work of a culture and classification that is not in any generated catalogue (for
   * queries by an image from outside the collection).
   */
  public static BufferedImage drawNew(String culture, String classification, long seed) {
    int c = CULTURES.indexOf(culture);
    int k = CLASSIFICATIONS.indexOf(classification);
    if (c < 0 || k < 0) {
      throw new InvalidArgumentException("unknown culture or classification: " + culture + "/" + classification + "; use one of " + CULTURES + " and " + CLASSIFICATIONS);
    }
    return draw(new SplittableRandom(seed ^ 0x5DEECE66DL), c, k);
  }

  private static BufferedImage draw(int i, Work w, long seed) {
    return draw(new SplittableRandom(seed * 7_919L + i * 31L + 17), CULTURES.indexOf(w.culture()), CLASSIFICATIONS.indexOf(w.classification()));
  }

  private static BufferedImage draw(SplittableRandom r, int c, int k) {
    var img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int[] p = PALETTES[c];
    Color bg = jitter(p[r.nextInt(2)], r);
    Color a = jitter(p[r.nextInt(4)], r);
    Color b = jitter(p[r.nextInt(4)], r);
    switch (k) {
      case 0 -> { // painting: a gradient sky and soft brush blobs
        g.setPaint(new GradientPaint(0, 0, bg, 0, SIZE, a));
        g.fillRect(0, 0, SIZE, SIZE);
        for (int n = 0; n < 14; n++) {
          g.setColor(withAlpha(n % 2 == 0 ? b : jitter(p[r.nextInt(4)], r), 140));
          double w = 12 + r.nextInt(30);
          g.fill(new Ellipse2D.Double(r.nextInt(SIZE) - w / 2, r.nextInt(SIZE) - w / 4, w, w / 2));
        }
      }
      case 1 -> { // ceramics: a vessel on a plain ground, with bands
        g.setColor(lighten(bg));
        g.fillRect(0, 0, SIZE, SIZE);
        double bw = 40 + r.nextInt(24);
        double bh = 44 + r.nextInt(20);
        var body = new Ellipse2D.Double((SIZE - bw) / 2, SIZE - bh - 8, bw, bh);
        g.setColor(a);
        g.fill(body);
        g.fillRect(SIZE / 2 - 8, SIZE - (int) bh - 26, 16, 22);
        g.setClip(body);
        g.setColor(b);
        for (int y = (int) (SIZE - bh); y < SIZE; y += 9 + r.nextInt(4)) {
          g.fillRect(0, y, SIZE, 3);
        }
        g.setClip(null);
      }
      case 2 -> { // textile: a woven check
        g.setColor(bg);
        g.fillRect(0, 0, SIZE, SIZE);
        int step = 6 + r.nextInt(5);
        for (int x = 0; x < SIZE; x += step) {
          g.setColor(withAlpha((x / step) % 2 == 0 ? a : b, 200));
          g.fillRect(x, 0, step / 2, SIZE);
        }
        for (int y = 0; y < SIZE; y += step) {
          g.setColor(withAlpha((y / step) % 2 == 0 ? b : a, 150));
          g.fillRect(0, y, SIZE, step / 2);
        }
      }
      default -> { // print: paper, bold outlined waves
        g.setColor(lighten(bg));
        g.fillRect(0, 0, SIZE, SIZE);
        g.setStroke(new BasicStroke(3f));
        int waves = 5 + r.nextInt(4);
        for (int n = 0; n < waves; n++) {
          var path = new GeneralPath();
          double y0 = (n + 0.5) * SIZE / waves;
          double amp = 4 + r.nextInt(8);
          path.moveTo(0, y0);
          for (int x = 0; x <= SIZE; x += 4) {
            path.lineTo(x, y0 + amp * Math.sin(x / 9.0 + n));
          }
          g.setColor(n % 2 == 0 ? a : b);
          g.draw(path);
        }
        g.setColor(new Color(0x1a, 0x1a, 0x1a));
        g.setStroke(new BasicStroke(2f));
        g.drawRect(3, 3, SIZE - 7, SIZE - 7);
      }
    }
    g.dispose();
    return img;
  }

  private static BufferedImage brighten(BufferedImage src) {
    var out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        int p = src.getRGB(x, y);
        int r = Math.min(255, ((p >> 16) & 0xff) + 2);
        int g = Math.min(255, ((p >> 8) & 0xff) + 2);
        int b = Math.min(255, (p & 0xff) + 2);
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  private static Color jitter(int rgb, SplittableRandom r) {
    int red = clamp(((rgb >> 16) & 0xff) + r.nextInt(-14, 15));
    int green = clamp(((rgb >> 8) & 0xff) + r.nextInt(-14, 15));
    int blue = clamp((rgb & 0xff) + r.nextInt(-14, 15));
    return new Color(red, green, blue);
  }

  private static Color lighten(Color c) {
    return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
  }

  private static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

}
