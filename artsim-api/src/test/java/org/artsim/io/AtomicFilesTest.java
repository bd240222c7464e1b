package org.artsim.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  /** The pid of a process that has ended (a short child process, waited for). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void aTemporaryLeftByAKilledProcessIsSweptByTheNextWrite(@TempDir Path dir) throws Exception {
    Path stale = dir.resolve(".art.idx." + deadPid() + ".abc" + AtomicFiles.TEMP_SUFFIX);
    Files.write(stale, new byte[1000]);
    Path live = dir.resolve(".art.idx." + ProcessHandle.current().pid() + ".def" + AtomicFiles.TEMP_SUFFIX);
    Files.write(live, new byte[10]);
    Path foreign = dir.resolve(".notes.txt.tmp");
    Files.write(foreign, new byte[10]);

    AtomicFiles.writeString(dir.resolve("art.idx"), "new");

    assertThat(stale).doesNotExist();
    assertThat(live).as("a concurrent writer's temporary file").exists();
    assertThat(foreign).as("files of other naming are never touched").exists();
    assertThat(Files.readString(dir.resolve("art.idx"))).isEqualTo("new");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX))).containsExactly(live);
    }
  }

  @Test
  void sweepingReportsWhatItRemovedAndToleratesAMissingDirectory(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve(".a." + deadPid() + ".x" + AtomicFiles.TEMP_SUFFIX), new byte[1]);
    Files.write(dir.resolve(".b.notapid.x" + AtomicFiles.TEMP_SUFFIX), new byte[1]);
    assertThat(AtomicFiles.sweepStaleTemporaries(dir)).isEqualTo(1);
    assertThat(AtomicFiles.sweepStaleTemporaries(dir.resolve("missing"))).isZero();
  }

  @Test
  void aNewFileGetsTheUmaskModeAndAReplacedFileKeepsItsMode(@TempDir Path dir) throws IOException {
    Path fresh = dir.resolve("fresh.bin");
    AtomicFiles.writeString(fresh, "x");
    // Files created by the JVM with default attributes get 0666 & ~umask, like the probe below.
    Path probe = Files.createFile(dir.resolve("probe"));
    assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(probe));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).startsWith("rw-");

    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.writeString(fresh, "y");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r-----");
  }
}
