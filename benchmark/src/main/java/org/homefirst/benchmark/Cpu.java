package org.homefirst.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of this JVM (the system under test and the load generator: they share the JVM) and of a
 * PostgreSQL server: its postmaster with the time of backends already ended, plus the live backends.
 * Read from /proc (Linux); PostgreSQL's part is 0 where /proc is missing.
 */
final class Cpu {

  /** CPU seconds of the JVM and of PostgreSQL at one moment. */
  record Reading(double jvm, double postgres) {
    Reading minus(Reading earlier) {
      return new Reading(jvm - earlier.jvm, postgres - earlier.postgres);
    }

    double total() {
      return jvm + postgres;
    }
  }

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private Cpu() {}

  static double jvmSeconds() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** The postmaster's pid, from the first line of {@code postmaster.pid} in the data directory. */
  static long postmaster(Path dataDirectory) {
    try {
      return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double postgresSeconds(long postmaster) {
    if (postmaster < 0) {
      return 0;
    }
    double ticks = ticks(postmaster, true);
    for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.descendants().toList()).orElse(List.of())) {
      ticks += ticks(child.pid(), false);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** utime + stime (and the reaped children's cutime + cstime) from /proc/PID/stat. */
  private static double ticks(long pid, boolean withReapedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the name: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
      double t = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
      if (withReapedChildren) {
        t += Double.parseDouble(f[13]) + Double.parseDouble(f[14]);
      }
      return t;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
