package org.artsim.bench.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The memory figures of the scale table: heap in use after a full GC, and the process's resident set (VmRSS of /proc/self/status). */
final class ProcessMemory {
  private ProcessMemory() {}

  /** Heap bytes in use after asking for full collections (twice, with a pause, so G1 finishes). */
  static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The resident set size in bytes, or -1 where /proc/self/status is not readable (not Linux). */
  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** CPU seconds used by the whole process so far. */
  static double processCpuSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }
}
