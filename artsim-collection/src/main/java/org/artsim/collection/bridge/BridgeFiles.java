package org.artsim.collection.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.artsim.EmbedderInfo;
import org.artsim.InvalidArgumentException;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;

/**
 * The file format of a {@link TextImageBridge}, inside artsim's checksummed container (version
 * {@value #VERSION}):
 *
 * <pre>
 * "artsim.collection.bridge":
 *   textModel:info imageModel:info trainWorks:int32 validationWorks:int32 seed:int64 lambda:float64
 *   centred:bool fittedAt:int64 (epoch milliseconds)
 *   dx:int32 dy:int32 meanText:float64{dx} meanImage:float64{dy} weights:float64{dx*dy} (row-major)
 * info := provider:string model:string dimension:int32 count:int32 (key:string value:string){count}
 * </pre>
 *
 * A damaged file is a {@code FileFormatException} naming the file and the problem, never an
 * unchecked JDK exception.
 */
final class BridgeFiles {
  /** The format name in the container header. */
  static final String FORMAT = "artsim.collection.bridge";
  /** The version this code writes and reads. */
  static final int VERSION = 1;

  private BridgeFiles() {}

  static void write(Path file, TextImageBridge b) {
    ArtsimFiles.write(file, FORMAT, VERSION, out -> {
      BridgeProvenance p = b.provenance();
      writeInfo(out, p.textModel());
      writeInfo(out, p.imageModel());
      out.writeInt(p.trainWorks());
      out.writeInt(p.validationWorks());
      out.writeLong(p.seed());
      out.writeDouble(p.lambda());
      out.writeBoolean(p.centred());
      out.writeLong(p.fittedAt().toEpochMilli());
      out.writeInt(b.textDimension());
      out.writeInt(b.imageDimension());
      writeDoubles(out, b.meanText());
      writeDoubles(out, b.meanImage());
      writeDoubles(out, b.weights());
    });
  }

  static TextImageBridge read(Path file) {
    return ArtsimFiles.read(file, FORMAT, VERSION, (in, version) -> {
      EmbedderInfo text = readInfo(in);
      EmbedderInfo image = readInfo(in);
      int trainWorks = in.readInt();
      int validationWorks = in.readInt();
      long seed = in.readLong();
      double lambda = in.readDouble();
      boolean centred = in.readBoolean();
      long millis = in.readLong();
      int dx = in.readInt();
      int dy = in.readInt();
      if (trainWorks < 2 || validationWorks < 0 || validationWorks >= trainWorks || !(lambda > 0) || !Double.isFinite(lambda)) {
        throw in.corrupt("its provenance is impossible (" + trainWorks + " works, " + validationWorks + " held out, lambda " + lambda + ")");
      }
      if (dx != text.dimension() || dy != image.dimension()) {
        throw in.corrupt("its weights are " + dx + " x " + dy + ", but its models make " + text.dimension() + " and " + image.dimension() + " dimensions");
      }
      if ((long) dx * dy + dx + dy != in.remaining() / 8 || in.remaining() % 8 != 0) {
        throw in.corrupt("it holds " + in.remaining() + " bytes of weights, not the " + 8 * ((long) dx * dy + dx + dy) + " a " + dx + " x " + dy + " bridge needs");
      }
      Instant fittedAt;
      try {
        fittedAt = Instant.ofEpochMilli(millis);
      } catch (DateTimeException e) {
        throw in.corrupt("its date is impossible (" + millis + ")");
      }
      double[] meanText = readDoubles(in, dx);
      double[] meanImage = readDoubles(in, dy);
      double[] weights = readDoubles(in, dx * dy);
      var p = new BridgeProvenance(text, image, trainWorks, validationWorks, seed, lambda, centred, fittedAt);
      return new TextImageBridge(p, meanText, meanImage, weights);
    });
  }

  private static void writeInfo(BinaryOut out, EmbedderInfo info) throws IOException {
    out.writeString(info.provider());
    out.writeString(info.model());
    out.writeInt(info.dimension());
    out.writeInt(info.settings().size());
    for (var e : info.settings().entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  private static EmbedderInfo readInfo(BinaryIn in) throws IOException {
    String provider = in.readString();
    String model = in.readString();
    int dimension = in.readInt();
    int n = in.readCount("setting", 1 << 16, 8);
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String k = in.readString();
      String v = in.readString();
      if (k == null || v == null) {
        throw in.corrupt("an embedder setting has a null key or value");
      }
      settings.put(k, v);
    }
    if (provider == null || model == null || dimension <= 0 || dimension > 1 << 20) {
      throw in.corrupt("an embedder description is incomplete (provider " + provider + ", model " + model + ", dimension " + dimension + ")");
    }
    try {
      return new EmbedderInfo(provider, model, dimension, settings);
    } catch (InvalidArgumentException e) {
      throw in.corrupt("an embedder description is invalid: " + e.getMessage());
    }
  }

  private static void writeDoubles(BinaryOut out, double[] a) throws IOException {
    for (double d : a) {
      out.writeDouble(d);
    }
  }

  private static double[] readDoubles(BinaryIn in, int n) throws IOException {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      double d = in.readDouble();
      if (!Double.isFinite(d)) {
        throw in.corrupt("a weight is NaN or infinite");
      }
      a[i] = d;
    }
    return a;
  }
}
