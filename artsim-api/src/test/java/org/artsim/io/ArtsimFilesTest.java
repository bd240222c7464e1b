package org.artsim.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.artsim.FileFormatException;
import org.artsim.StorageException;
import org.artsim.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtsimFilesTest {
  @TempDir Path dir;

  record Payload(String name, float[] floats, int[] ints, long big, boolean flag) {}

  private static Payload sample() {
    var r = new SplittableRandom(1);
    float[] f = new float[70_001];
    int[] n = new int[5_003];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < n.length; i++) {
      n[i] = r.nextInt();
    }
    return new Payload("naïve 胡正言 🎨", f, n, Long.MIN_VALUE + 7, true);
  }

  private static void write(Path p, Payload v, int version) {
    ArtsimFiles.write(
        p,
        "artsim.test",
        version,
        out -> {
          out.writeString(v.name());
          out.writeString(null);
          out.writeInt(v.floats().length);
          out.writeFloats(v.floats(), 0, v.floats().length);
          out.writeInt(v.ints().length);
          out.writeInts(v.ints(), 0, v.ints().length);
          out.writeLong(v.big());
          out.writeBoolean(v.flag());
          out.writeDouble(Math.PI);
        });
  }

  private static Payload read(Path p) {
    return ArtsimFiles.read(
        p,
        "artsim.test",
        2,
        (in, version) -> {
          String name = in.readString();
          assertThat(in.readString()).isNull();
          float[] f = new float[in.readCount("float", Integer.MAX_VALUE, 4)];
          in.readFloats(f, 0, f.length);
          int[] n = new int[in.readCount("int", Integer.MAX_VALUE, 4)];
          in.readInts(n, 0, n.length);
          var v = new Payload(name, f, n, in.readLong(), in.readBoolean());
          assertThat(in.readDouble()).isEqualTo(Math.PI);
          return v;
        });
  }

  @Test
  void roundTripsEveryValueType() {
    Path p = dir.resolve("a.bin");
    Payload v = sample();
    write(p, v, 1);
    Payload back = read(p);
    assertThat(back.name()).isEqualTo(v.name());
    assertThat(back.floats()).containsExactly(v.floats());
    assertThat(back.ints()).containsExactly(v.ints());
    assertThat(back.big()).isEqualTo(v.big());
    assertThat(back.flag()).isTrue();
    assertThat(ArtsimFiles.peek(p)).isEqualTo(new ArtsimFiles.Header("artsim.test", 1));
  }

  @Test
  void everyTruncationIsRefusedAsTruncated() throws IOException {
    Path p = dir.resolve("a.bin");
    write(p, new Payload("x", new float[10], new int[3], 1, false), 1);
    byte[] good = Files.readAllBytes(p);
    for (int len = 8; len < good.length; len += 1) {
      Path cut = dir.resolve("cut.bin");
      Files.write(cut, Arrays.copyOf(good, len));
      assertThatThrownBy(() -> read(cut)).as("length " + len).isInstanceOf(FileFormatException.class);
    }
  }

  @Test
  void everySingleBitFlipIsDetected() throws IOException {
    Path p = dir.resolve("a.bin");
    write(p, new Payload("x", new float[20], new int[4], 1, false), 1);
    byte[] good = Files.readAllBytes(p);
    var r = new SplittableRandom(2);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (1 << r.nextInt(8));
      Path f = dir.resolve("bad.bin");
      Files.write(f, bad);
      assertThatThrownBy(() -> read(f)).as("byte " + i).isInstanceOf(FileFormatException.class);
    }
  }

  @Test
  void newerVersionsOtherFormatsAndOtherFilesAreNamed() throws IOException {
    Path p = dir.resolve("a.bin");
    write(p, new Payload("x", new float[1], new int[1], 1, false), 3);
    assertThatThrownBy(() -> read(p))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessage(p + " was written in version 3 of the 'artsim.test' format, but this artsim reads versions up to 2; upgrade artsim to load it");
    Path other = dir.resolve("other.bin");
    ArtsimFiles.write(other, "artsim.other", 1, out -> out.writeInt(1));
    assertThatThrownBy(() -> read(other))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(other + " holds a 'artsim.other', not a 'artsim.test'; load it with the matching component");
    Path text = dir.resolve("t.txt");
    Files.writeString(text, "id,title\n1,Mona Lisa\n");
    assertThatThrownBy(() -> read(text)).isInstanceOf(FileFormatException.class).hasMessageContaining("is not an artsim file");
    assertThatThrownBy(() -> read(dir.resolve("missing.bin"))).isInstanceOf(StorageException.class).hasMessageContaining("no file at");
  }

  @Test
  void aPayloadReaderThatStopsEarlyIsCaught() {
    Path p = dir.resolve("a.bin");
    ArtsimFiles.write(p, "artsim.test", 1, out -> {
      out.writeInt(1);
      out.writeInt(2);
    });
    assertThatThrownBy(() -> ArtsimFiles.read(p, "artsim.test", 1, (in, v) -> in.readInt()))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("4 unexpected bytes follow the data");
    assertThatThrownBy(() -> ArtsimFiles.read(p, "artsim.test", 1, (in, v) -> in.readCount("item", 0, 4)))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("item count 1 is impossible here");
  }

  @Test
  void aWriterThatFailsLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path p = dir.resolve("a.bin");
    write(p, sample(), 1);
    byte[] before = Files.readAllBytes(p);
    assertThatThrownBy(
            () ->
                ArtsimFiles.write(
                    p,
                    "artsim.test",
                    1,
                    out -> {
                      out.writeFloats(new float[100_000], 0, 100_000);
                      throw new IOException("simulated crash mid-save");
                    }))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("simulated crash mid-save");
    assertThat(Files.readAllBytes(p)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("a.bin");
    }
  }
}
