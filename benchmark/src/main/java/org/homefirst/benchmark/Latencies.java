package org.homefirst.benchmark;

import java.util.ArrayList;
import java.util.List;

/** Latencies in nanoseconds, recorded by many threads, read as percentiles in milliseconds. */
final class Latencies {

  private final List<Long> nanos = new ArrayList<>();

  synchronized void add(long n) {
    nanos.add(n);
  }

  synchronized int count() {
    return nanos.size();
  }

  /** The p-th percentile (0..100) in milliseconds, NaN when nothing was recorded. */
  synchronized double percentile(double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }

  String p50p99() {
    return count() == 0 ? "-" : String.format("%.1f / %.1f", percentile(50), percentile(99));
  }
}
