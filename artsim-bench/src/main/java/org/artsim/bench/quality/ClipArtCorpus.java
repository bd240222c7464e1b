package org.artsim.bench.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/**
 * The PNG renders of Debian's {@code openclipart-png} (or any directory of the same layout,
 * {@code png/<category>/<subcategory>/.../<name>.png}) as works for quality measurements.
 *
 * <p>One drawing is often filed under several categories as byte-identical copies: those copies are
 * one {@link Work} (identified by a hash of the bytes) carrying every category it is filed under, so
 * the renders of one work never count as neighbours of each other. Its primary category is the first
 * in sorted order. A file directly under a top category has subcategory {@code "-"}.
 */
public final class ClipArtCorpus {
  private ClipArtCorpus() {}

  /** One distinct drawing: its first render, the categories and subcategories it is filed under. */
  public record Work(String id, Path image, String category, String subcategory, TreeSet<String> categories, TreeSet<String> subcategories) {
    /** Whether this work is filed under {@code c}. */
    public boolean inCategory(String c) {
      return categories.contains(c);
    }
  }

  /** The works under {@code root/png}, sorted by their first render's path; {@code limit <= 0} keeps all. */
  public static List<Work> scan(Path root, int limit) {
    Path png = root.resolve("png");
    if (!Files.isDirectory(png)) {
      throw new IllegalArgumentException(png + " is not a directory; install the collection with: apt-get install openclipart-png openclipart-svg");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(png)) {
      files = s.filter(p -> p.toString().endsWith(".png") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Work> byHash = new LinkedHashMap<>();
    for (Path f : files) {
      Path rel = png.relativize(f);
      String category = rel.getName(0).toString();
      String sub = rel.getNameCount() > 2 ? category + "/" + rel.getName(1) : category + "/-";
      String hash = hash(f);
      Work w = byHash.get(hash);
      if (w == null) {
        var cats = new TreeSet<String>();
        var subs = new TreeSet<String>();
        w = new Work(hash, f, category, sub, cats, subs);
        byHash.put(hash, w);
      }
      w.categories().add(category);
      w.subcategories().add(sub);
    }
    List<Work> out = new ArrayList<>();
    for (Work w : byHash.values()) {
      // the primary labels are the first in sorted order, whichever render was seen first
      out.add(new Work(w.id(), w.image(), w.categories().first(), w.subcategories().first(), w.categories(), w.subcategories()));
      if (limit > 0 && out.size() == limit) {
        break;
      }
    }
    return out;
  }

  private static String hash(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
