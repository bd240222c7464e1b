package org.artsim.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.ArtsimException;
import org.artsim.Hit;
import org.artsim.Progress;
import org.artsim.ProgressListener;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ProviderSettings;
import org.artsim.collection.folder.FolderCatalogue;
import org.artsim.collection.folder.FolderProblem;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.IngestionReport;
import org.artsim.collection.ingest.RowProblem;
import org.artsim.collection.view.HtmlReport;

/**
 * {@code ./artsim index DIR [--embedder NAME] [--out DIR]}: indexes every image under a folder into
 * a collection ({@link FolderCatalogue}: labels from sub-folders, text from file names and sidecar
 * metadata), with a progress line, and writes the collection ({@code OUT/collection}), the catalogue
 * ({@code OUT/catalogue.csv}) and an HTML page ({@code OUT/index.html}). OUT defaults to {@code
 * DIR/.artsim} (hidden, so it is never indexed itself).
 *
 * <p>Resumable: an interrupted run leaves its embedding checkpoint in {@code OUT/checkpoint}, and
 * the next run over the same folder embeds only what is left; a run over a collection that already
 * exists embeds only the files it does not hold yet. The embedder defaults to the pretrained {@code
 * mobilenetv2} preset when {@code ./artsim models} has made it, else the weights-free {@code color}.
 */
public final class IndexFolder {
  private IndexFolder() {}

  /** The parsed command line. */
  record Options(Path folder, String embedder, Path out) {
    static Options parse(String[] args) {
      Path folder = null;
      String embedder = null;
      Path out = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--embedder" -> embedder = value(args, ++i, "--embedder");
          case "--out" -> out = Path.of(value(args, ++i, "--out"));
          default -> {
            if (args[i].startsWith("--") || folder != null) {
              throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: index DIR [--embedder NAME] [--out DIR]");
            }
            folder = Path.of(args[i]);
          }
        }
      }
      if (folder == null) {
        throw new IllegalArgumentException("name the folder to index; usage: index DIR [--embedder NAME] [--out DIR]");
      }
      return new Options(folder, embedder, out != null ? out : folder.resolve(".artsim"));
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[i];
    }
  }

  /** Runs the command; see the class comment. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err, terminal());
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Whether standard output is a terminal: {@code -Dartsim.tty} (the launcher sets it from {@code [ -t 1 ]}), else the console's word. */
  static boolean terminal() {
    String p = System.getProperty("artsim.tty");
    if (p != null) {
      return Boolean.parseBoolean(p);
    }
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  /** Runs the command and returns the exit status (0, or 2 for a usage error). */
  static int run(String[] args, PrintStream out, PrintStream err, boolean tty) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("index: " + e.getMessage());
      return 2;
    }
    if (!Files.isDirectory(o.folder())) {
      err.println("index: " + o.folder() + " is not a folder; give the folder that holds the images");
      return 2;
    }
    Path outDir = o.out().toAbsolutePath().normalize();
    var scan = FolderCatalogue.write(o.folder(), outDir.resolve("catalogue.csv"), outDir);
    out.printf(Locale.ROOT, "found %d images under %s (%d hidden skipped, %d other files or problems)%n", scan.images(), o.folder(), scan.hidden(), scan.problems().size());
    scan.problems().stream().limit(10).forEach(p -> out.println("  " + p));
    if (scan.problems().size() > 10) {
      out.println("  ... and " + (scan.problems().size() - 10) + " more " + kinds(scan.problems()));
    }
    Path collectionDir = outDir.resolve("collection");
    try (ArtCollection art = open(collectionDir, o.embedder(), out)) {
      var progress = new ProgressLine(out, tty);
      IngestOptions options = IngestOptions.of(FolderCatalogue.mapping()).withCheckpointDir(outDir.resolve("checkpoint")).withListener(progress);
      IngestionReport report;
      try {
        report = art.ingest(scan.csv(), options);
      } catch (ArtsimException e) {
        if (!e.getMessage().contains("was made for another catalogue")) {
          throw e;
        }
        out.println("the folder changed since the interrupted run; starting its embedding over");
        deleteTree(outDir.resolve("checkpoint"));
        report = art.ingest(scan.csv(), options);
      }
      progress.finish();
      int already = report.count(RowProblem.Kind.DUPLICATE_ID);
      out.printf(Locale.ROOT, "indexed %d new images (%d already in the collection, %d resumed from a checkpoint), %d not added%n",
          report.added(), already, report.resumed(), report.problems().size() - already);
      report.problems().stream().filter(p -> p.kind() != RowProblem.Kind.DUPLICATE_ID).limit(10).forEach(p -> out.println("  " + p));
      art.save(collectionDir);
      Path html = page(art).write(outDir.resolve("index.html"));
      out.println("collection: " + collectionDir);
      out.println("report: " + html);
      return 0;
    }
  }

  private static String kinds(List<FolderProblem> problems) {
    var m = new java.util.EnumMap<FolderProblem.Kind, Integer>(FolderProblem.Kind.class);
    problems.forEach(p -> m.merge(p.kind(), 1, Integer::sum));
    return m.toString();
  }

  private static ArtCollection open(Path collectionDir, String embedder, PrintStream out) {
    if (Files.isDirectory(collectionDir)) {
      ArtCollection art = ArtCollection.load(collectionDir);
      out.println("adding to the collection in " + collectionDir + " (embedder " + art.embedderInfo().provider() + "; files already in it are skipped)");
      if (embedder != null && !embedder.equals(art.embedderInfo().provider())) {
        out.println("  --embedder " + embedder + " is not used: the collection was made with " + art.embedderInfo().provider() + "; give another --out for a new one");
      }
      return art;
    }
    String name = embedder;
    if (name == null) {
      var missing = PretrainedPresets.missing(PretrainedPresets.DEFAULT);
      name = missing.isPresent() ? "color" : PretrainedPresets.DEFAULT;
      out.println(missing.isPresent()
          ? "embedder: color (weights-free; run ./artsim models to use the pretrained " + PretrainedPresets.DEFAULT + " preset, or pass --embedder)"
          : "embedder: " + PretrainedPresets.describe(PretrainedPresets.DEFAULT) + " (the pretrained presets are present; --embedder color for the weights-free one)");
    } else {
      out.println("embedder: " + name);
    }
    return ArtCollection.create(CollectionConfig.defaults().withEmbedder(ProviderSettings.of(name, Map.of())));
  }

  private static HtmlReport page(ArtCollection art) {
    var page = HtmlReport.create("artsim index").text("Collection", art.size() + " images; labels by first-level folder: " + art.labelValues("label"));
    if (art.size() > 0) {
      String first = art.ids().get(0);
      page.section("Similar to " + first, art, first, art.similarTo(first, Math.min(12, art.size())));
      if (!art.labelValues("label").isEmpty()) {
        page.section("The closest image per folder", art, first, art.matchesPerLabel(first, "label", 1));
      }
      var sample = new ArrayList<Hit>();
      for (String id : art.ids().subList(0, Math.min(24, art.size()))) {
        sample.add(new Hit(id, 1f, art.record(id).indexLabels()));
      }
      page.section("The first images", art, null, sample);
    }
    return page;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new org.artsim.StorageException("could not delete the old checkpoint " + dir + ": " + e + "; delete it by hand", e);
    }
  }

  /**
   * The progress line: done/total, rate and ETA, rewritten in place with a carriage return on a
   * terminal, else a line every 10% or 10 seconds.
   */
  static final class ProgressLine implements ProgressListener {
    private final PrintStream out;
    private final boolean tty;
    private long lastPrint;
    private long lastTenth = -1;
    private boolean open;

    ProgressLine(PrintStream out, boolean tty) {
      this.out = out;
      this.tty = tty;
    }

    @Override
    public synchronized void onProgress(Progress p) {
      String line = format(p);
      if (tty) {
        out.print("\r" + line + "   ");
        out.flush();
        open = true;
        return;
      }
      long now = System.nanoTime();
      long tenth = (long) Math.floor(p.fraction() * 10);
      if (tenth != lastTenth || now - lastPrint > 10_000_000_000L || p.finished()) {
        out.println(line);
        lastTenth = tenth;
        lastPrint = now;
      }
    }

    synchronized void finish() {
      if (open) {
        out.println();
        open = false;
      }
    }

    static String format(Progress p) {
      return String.format(Locale.ROOT, "embedding %d/%d (%3.0f%%) %.1f images/s, ETA %s", p.done(), p.total(), 100 * p.fraction(), p.ratePerSecond(), eta(p.eta()));
    }

    private static String eta(Duration d) {
      if (d == null) {
        return "--:--";
      }
      long s = d.toSeconds();
      return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
  }
}
