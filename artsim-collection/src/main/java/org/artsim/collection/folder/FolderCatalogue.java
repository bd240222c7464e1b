package org.artsim.collection.folder;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.artsim.InvalidArgumentException;
import org.artsim.StorageException;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.Csv;
import org.artsim.io.AtomicFiles;

/**
 * Turns a folder of images into a catalogue CSV that a collection ingests ({@link #mapping()}):
 * one row per image file under the folder, at any depth up to {@link #MAX_DEPTH}.
 *
 * <ul>
 *   <li><b>id</b>: the path relative to the folder, with {@code /} ({@code birds/owl.png}), so the
 *       same folder always gives the same rows, sorted by id: ingestion's checkpoint resumes an
 *       interrupted run, and a collection that already holds a row skips it.
 *   <li><b>labels</b>: {@code label} is the first-level sub-folder ({@code birds}), {@code folder}
 *       the whole relative directory ({@code birds/night}); images at the top have neither.
 *   <li><b>text</b>: the title from sidecar metadata, else the file name's words ({@code
 *       blueVase_02.png}: {@code blue Vase 02}); the folder names and file-name words are kept as
 *       keywords; sidecars ({@link Sidecars}: {@code name.json}, {@code name.txt}, a folder's {@code
 *       metadata.csv}) add the rest.
 *   <li><b>what is skipped</b>: hidden files and folders (names starting with {@code .}), the
 *       excluded output folder, sidecar files; everything else that is no image by its extension
 *       ({@link #IMAGE_EXTENSIONS}) is reported, as are unreadable files, symbolic-link loops (not
 *       followed twice) and malformed sidecars ({@link FolderProblem}). Whether an image file really
 *       is an image is found out at ingestion, as a row problem.
 * </ul>
 */
public final class FolderCatalogue {
  /** File extensions read as images (lower case). */
  public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "bmp", "wbmp", "tif", "tiff");

  /** The CSV header, in order. */
  public static final List<String> COLUMNS = List.of("id", "title", "artist", "culture", "classification", "medium", "date", "description", "keywords", "label", "folder", "image");

  /** The deepest folder level walked. */
  public static final int MAX_DEPTH = 32;

  private static final List<String> SIDECAR_EXTENSIONS = List.of("json", "txt");
  private static final String METADATA_CSV = "metadata.csv";

  private FolderCatalogue() {}

  /**
   * What {@link #write} wrote.
   *
   * @param csv the catalogue written
   * @param images the rows written (image files found)
   * @param hidden hidden files and folders skipped
   * @param problems the files not listed, and sidecars not used, with the reasons
   */
  public record Result(Path csv, int images, int hidden, List<FolderProblem> problems) {
    /** Copies the list. */
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /** The mapping that ingests the catalogue: artsim's columns, with {@code label} and {@code folder} as labels. */
  public static ColumnMapping mapping() {
    return ColumnMapping.standard().withLabel("label", "label").withLabel("folder", "folder");
  }

  /**
   * Walks {@code root} and writes its catalogue to {@code csv} (atomically).
   *
   * @param exclude a directory under {@code root} not to walk (the output folder), or null
   * @throws InvalidArgumentException if {@code root} is not a directory
   * @throws StorageException if the catalogue cannot be written
   */
  public static Result write(Path root, Path csv, Path exclude) {
    if (root == null || !Files.isDirectory(root)) {
      throw new InvalidArgumentException("the folder " + root + " is not a directory; give the folder that holds the images");
    }
    if (csv == null) {
      throw new InvalidArgumentException("csv is null; give the path to write the catalogue to");
    }
    var walk = new Walk(root.toAbsolutePath().normalize(), exclude == null ? null : exclude.toAbsolutePath().normalize());
    try {
      Files.walkFileTree(walk.root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, walk);
    } catch (IOException e) {
      throw new StorageException("could not walk the folder " + root + ": " + e + "; check its permissions", e);
    }
    var rows = new ArrayList<List<String>>();
    walk.images.forEach((id, file) -> rows.add(row(walk, id, file)));
    try {
      Files.createDirectories(csv.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new StorageException("could not create the folder for " + csv + ": " + e, e);
    }
    AtomicFiles.write(csv, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(Csv.line(COLUMNS));
      for (List<String> r : rows) {
        w.write(Csv.line(r));
      }
      w.flush();
    });
    return new Result(csv, rows.size(), walk.hidden, walk.problems);
  }

  private static List<String> row(Walk walk, String id, Path file) {
    String name = file.getFileName().toString();
    int slash = id.lastIndexOf('/');
    String folder = slash < 0 ? "" : id.substring(0, slash);
    String label = folder.isEmpty() ? "" : folder.contains("/") ? folder.substring(0, folder.indexOf('/')) : folder;
    var fields = new HashMap<String, String>();
    Map<String, String> fromCsv = walk.metadata(file.getParent()).get(name);
    if (fromCsv != null) {
      fields.putAll(fromCsv);
    }
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    for (Path json : List.of(file.resolveSibling(stem + ".json"), file.resolveSibling(name + ".json"))) {
      if (Files.isRegularFile(json)) {
        try {
          Sidecars.json(json).forEach(fields::putIfAbsent);
        } catch (org.artsim.FileFormatException e) {
          walk.problems.add(new FolderProblem(json, FolderProblem.Kind.BAD_METADATA, e.getMessage() + "; the image is listed without it"));
        }
      }
    }
    for (Path txt : List.of(file.resolveSibling(stem + ".txt"), file.resolveSibling(name + ".txt"))) {
      if (Files.isRegularFile(txt) && !fields.containsKey("description")) {
        try {
          fields.put("description", Sidecars.text(txt));
        } catch (org.artsim.FileFormatException e) {
          walk.problems.add(new FolderProblem(txt, FolderProblem.Kind.BAD_METADATA, e.getMessage() + "; the image is listed without it"));
        }
      }
    }
    String words = FileNameText.words(name);
    String keywords = String.join("; ", List.of(folder.replace('/', ' '), FileNameText.keywords(stem), fields.getOrDefault("keywords", "")).stream().filter(s -> !s.isBlank()).toList());
    return List.of(
        id,
        fields.getOrDefault("title", words.isEmpty() ? name : words),
        fields.getOrDefault("artist", ""),
        fields.getOrDefault("culture", ""),
        fields.getOrDefault("classification", ""),
        fields.getOrDefault("medium", ""),
        fields.getOrDefault("date", ""),
        fields.getOrDefault("description", ""),
        keywords,
        label,
        folder,
        file.toString());
  }

  /** Whether a file name has an image extension. */
  public static boolean isImage(String fileName) {
    return IMAGE_EXTENSIONS.contains(extension(fileName));
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The walk: images by id (sorted), problems, hidden count, each folder's metadata.csv read once. */
  private static final class Walk extends SimpleFileVisitor<Path> {
    final Path root;
    final Path exclude;
    final TreeMap<String, Path> images = new TreeMap<>();
    final List<FolderProblem> problems = new ArrayList<>();
    final Map<Path, Map<String, Map<String, String>>> metadata = new LinkedHashMap<>();
    int hidden;

    Walk(Path root, Path exclude) {
      this.root = root;
      this.exclude = exclude;
    }

    Map<String, Map<String, String>> metadata(Path dir) {
      return metadata.computeIfAbsent(dir, d -> {
        Path csv = d.resolve(METADATA_CSV);
        if (!Files.isRegularFile(csv)) {
          return Map.of();
        }
        Map<String, Map<String, String>> rows = Sidecars.csv(csv, problems);
        rows.keySet().stream().filter(name -> !Files.isRegularFile(d.resolve(name))).forEach(name ->
            problems.add(new FolderProblem(csv, FolderProblem.Kind.BAD_METADATA, "a row names '" + name + "', which is no file in this folder; fix the file name")));
        return rows;
      });
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (dir.equals(root)) {
        return FileVisitResult.CONTINUE;
      }
      if (dir.equals(exclude)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      if (dir.getFileName().toString().startsWith(".")) {
        hidden++;
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String name = file.getFileName().toString();
      if (name.startsWith(".")) {
        hidden++;
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isDirectory()) {
        problems.add(new FolderProblem(file, FolderProblem.Kind.TOO_DEEP, "the folder is more than " + MAX_DEPTH + " levels down and was not walked"));
        return FileVisitResult.CONTINUE;
      }
      String ext = extension(name);
      if (name.equalsIgnoreCase(METADATA_CSV) || SIDECAR_EXTENSIONS.contains(ext)) {
        return FileVisitResult.CONTINUE;
      }
      if (!IMAGE_EXTENSIONS.contains(ext)) {
        problems.add(new FolderProblem(file, FolderProblem.Kind.NOT_AN_IMAGE, "not an image by its extension (" + String.join(", ", IMAGE_EXTENSIONS) + "); skipped"));
        return FileVisitResult.CONTINUE;
      }
      if (!attrs.isRegularFile()) {
        problems.add(new FolderProblem(file, FolderProblem.Kind.UNREADABLE, "not a regular file (a device, FIFO or socket); skipped"));
        return FileVisitResult.CONTINUE;
      }
      if (!Files.isReadable(file)) {
        problems.add(new FolderProblem(file, FolderProblem.Kind.UNREADABLE, "the file cannot be read (permissions); skipped, fix its permissions and run again"));
        return FileVisitResult.CONTINUE;
      }
      images.put(id(file), file);
      return FileVisitResult.CONTINUE;
    }

    private String id(Path file) {
      var parts = new ArrayList<String>();
      root.relativize(file).forEach(p -> parts.add(p.toString()));
      return String.join("/", parts);
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (e instanceof FileSystemLoopException) {
        problems.add(new FolderProblem(file, FolderProblem.Kind.LINK_LOOP, "a symbolic link back into a folder being walked; not followed again"));
      } else {
        problems.add(new FolderProblem(file, FolderProblem.Kind.UNREADABLE, "cannot be read (" + e + "); skipped, fix its permissions and run again"));
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
