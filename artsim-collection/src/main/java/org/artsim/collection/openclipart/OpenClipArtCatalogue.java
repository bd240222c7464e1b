package org.artsim.collection.openclipart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import org.artsim.InvalidArgumentException;
import org.artsim.StorageException;
import org.artsim.io.AtomicFiles;

/**
 * Turns Debian's Open Clip Art ({@code apt-get install openclipart-png openclipart-svg}: about 8,100
 * public-domain drawings by named artists, in a category tree) — or any directory of the same layout
 * ({@code png/<category>/[<subcategory>/]<name>.png} beside {@code svg/...<name>.svg}) — into a
 * catalogue CSV that {@code ArtCollection} ingests.
 *
 * <p>Decisions, each visible in the output:
 *
 * <ul>
 *   <li><b>One row per drawing.</b> A drawing filed under several categories is stored as
 *       byte-identical copies; they become one row (id {@code oca-} + a hash of the bytes), with the
 *       first filing in sorted order as {@code category}/{@code subcategory} and the others in
 *       {@code also_filed}. Files that merely share a name are different drawings (usually by one
 *       author) and stay separate rows.
 *   <li><b>Text from the SVG's Dublin Core metadata</b>: {@code dc:title}, the creator, the keywords
 *       ({@code dc:subject}, joined with {@code "; "}) and {@code dc:description}. A drawing without a
 *       title gets one made from its file name ({@code chemistry_flask_matthew__02} → {@code
 *       chemistry flask matthew}); a missing or unreadable SVG leaves the text empty. Both are
 *       reported as problems, and the row is still written: the image is what matters most.
 *   <li><b>Images</b> are the PNG renders, as they are (many have transparent backgrounds; how
 *       transparency is treated is the embedder's choice). Files above the collection's image limits
 *       are refused at ingestion as reported row problems, not here.
 * </ul>
 */
public final class OpenClipArtCatalogue {
  /** Where Debian installs the collection. */
  public static final Path DEBIAN_ROOT = Path.of("/usr/share/openclipart");

  /** The command that installs it. */
  public static final String INSTALL_COMMAND = "sudo apt-get install openclipart-png openclipart-svg";

  /** The CSV header, in order. */
  public static final List<String> COLUMNS = List.of("id", "title", "artist", "keywords", "description", "category", "subcategory", "also_filed", "image");

  private OpenClipArtCatalogue() {}

  /** A file that was written with less than it should have (no title, no readable SVG). */
  public record Problem(Path file, String message) {}

  /**
   * What {@link #write} wrote.
   *
   * @param csv the catalogue written
   * @param renders the PNG files found
   * @param works the rows written (distinct drawings)
   * @param multiplyFiled drawings filed under more than one directory
   * @param withTitle rows whose title came from the SVG
   * @param withDescription rows with a description
   * @param problems what was missing or unreadable, per file
   */
  public record Result(Path csv, int renders, int works, int multiplyFiled, int withTitle, int withDescription, List<Problem> problems) {}

  /** Whether {@code root} holds the layout (a {@code png} directory). */
  public static boolean installed(Path root) {
    return Files.isDirectory(root.resolve("png"));
  }

  /**
   * Writes the catalogue of the drawings under {@code root} to {@code csv} (atomically).
   *
   * @param limit the most rows to write, in path order; 0 for all
   * @throws InvalidArgumentException if {@code root} does not hold the layout (the message names the install command)
   * @throws StorageException if the directory cannot be read or the CSV cannot be written
   */
  public static Result write(Path root, Path csv, int limit) {
    if (root == null || csv == null) {
      throw new InvalidArgumentException("root and csv must not be null; pass the Open Clip Art directory (" + DEBIAN_ROOT + ") and the CSV to write");
    }
    if (limit < 0) {
      throw new InvalidArgumentException("limit must be 0 (all) or positive, got " + limit);
    }
    if (!installed(root)) {
      throw new InvalidArgumentException(root + " holds no png/ directory; install Open Clip Art with: " + INSTALL_COMMAND);
    }
    Path png = root.resolve("png");
    Map<String, List<Path>> filings = new LinkedHashMap<>();
    int renders = 0;
    List<Problem> problems = new ArrayList<>();
    for (Path f : pngs(png)) {
      renders++;
      try {
        filings.computeIfAbsent(hash(f), h -> new ArrayList<>()).add(f);
      } catch (StorageException e) {
        problems.add(new Problem(f, "unreadable, left out: " + e.getMessage()));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    int multiply = 0;
    int titled = 0;
    int described = 0;
    for (var e : filings.entrySet()) {
      if (limit > 0 && rows.size() == limit) {
        break;
      }
      List<Path> files = e.getValue();
      Path first = files.get(0);
      var places = new TreeSet<String>();
      for (Path f : files) {
        places.add(place(png, f));
      }
      multiply += places.size() > 1 ? 1 : 0;
      String primary = places.first();
      SvgMetadata meta = metadata(root, png, first, problems);
      String title = meta.title();
      if (title.isEmpty()) {
        title = titleFromName(first);
        problems.add(new Problem(first, "no dc:title; the title was made from the file name: " + title));
      } else {
        titled++;
      }
      described += meta.description().isEmpty() ? 0 : 1;
      var also = new TreeSet<>(places);
      also.remove(primary);
      int slash = primary.indexOf('/');
      rows.add(List.of(
          "oca-" + e.getKey(),
          title,
          meta.creator(),
          String.join("; ", meta.keywords()),
          meta.description(),
          primary.substring(0, slash),
          primary,
          String.join("; ", also),
          first.toAbsolutePath().toString()));
    }
    AtomicFiles.write(csv, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(line(COLUMNS));
      for (List<String> row : rows) {
        w.write(line(row));
      }
      w.flush();
    });
    return new Result(csv, renders, rows.size(), multiply, titled, described, List.copyOf(problems));
  }

  /** {@code category/subcategory} of a render ({@code category/-} for a file directly under its category). */
  private static String place(Path png, Path f) {
    Path rel = png.relativize(f);
    String category = rel.getName(0).toString();
    return rel.getNameCount() > 2 ? category + "/" + rel.getName(1) : category + "/-";
  }

  private static SvgMetadata metadata(Path root, Path png, Path render, List<Problem> problems) {
    Path rel = png.relativize(render);
    String name = rel.getFileName().toString();
    Path svg = root.resolve("svg").resolve(rel).resolveSibling(name.substring(0, name.length() - 4) + ".svg");
    if (!Files.isRegularFile(svg)) {
      problems.add(new Problem(render, "no SVG beside it (" + svg + "); title, artist and keywords are empty"));
      return SvgMetadata.NONE;
    }
    try {
      return SvgMetadata.read(svg);
    } catch (IOException | XMLStreamException | RuntimeException e) {
      problems.add(new Problem(svg, "unreadable SVG metadata (" + e.getMessage() + "); title, artist and keywords are empty"));
      return SvgMetadata.NONE;
    }
  }

  /** {@code chemistry_flask_matthew__02.png} → {@code chemistry flask matthew}. */
  static String titleFromName(Path f) {
    String n = f.getFileName().toString().replaceFirst("\\.png$", "");
    n = n.replaceFirst("_+\\d+$", "");
    return n.replace('_', ' ').strip().replaceAll("\\s+", " ");
  }

  private static List<Path> pngs(Path png) {
    try (Stream<Path> s = Files.walk(png)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".png") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("could not list " + png + ": " + e.getMessage() + "; check that it is readable", e);
    }
  }

  private static String hash(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (IOException e) {
      throw new StorageException("could not read " + f + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** One CSV line (RFC 4180 quoting: fields with a comma, quote or line break are quoted). */
  static String line(List<String> fields) {
    var sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i).replace('\r', ' ').replace('\n', ' ');
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.append('\n').toString();
  }
}
