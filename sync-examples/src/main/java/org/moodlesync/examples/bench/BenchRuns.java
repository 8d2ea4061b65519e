package org.moodlesync.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.moodlesync.api.result.RunResult;

/** What the benchmarks share: their arguments, the set-up runs and the lines they print. */
final class BenchRuns {

    private BenchRuns() {
    }

    /**
     * A benchmark's arguments: positional ones, and {@code warmup=N} anywhere.
     *
     * @param positional the positional arguments, in order
     * @param warmup     N of {@code warmup=N} (0 when absent)
     */
    record Args(List<String> positional, int warmup) {

        /** Parses the command line; also turns jOOQ's banner and tips off. */
        static Args of(String[] args) {
            System.setProperty("org.jooq.no-logo", "true");
            System.setProperty("org.jooq.no-tips", "true");
            List<String> positional = new ArrayList<>();
            int warmup = 0;
            for (String a : args) {
                if (a.startsWith("warmup=")) {
                    warmup = Integer.parseInt(a.substring("warmup=".length()));
                } else {
                    positional.add(a);
                }
            }
            return new Args(List.copyOf(positional), warmup);
        }

        /** The i-th positional argument, or the default when absent. */
        String get(int i, String fallback) {
            return positional.size() > i ? positional.get(i) : fallback;
        }

        /** The i-th positional argument as an int, or the default when absent. */
        int getInt(int i, int fallback) {
            return positional.size() > i ? Integer.parseInt(positional.get(i)) : fallback;
        }
    }

    /** Runs a set-up step (not timed); prints it when asked; fails when it did not do all it should. */
    static void setup(String what, Supplier<RunResult> run, int expected, boolean print) {
        RunResult r = run.get();
        if (print) {
            System.out.printf(Locale.ROOT, "  setup %-16s %8.0f lines/s  %6d ms  %s%n", what, r.linesPerSecond(),
                    r.duration().toMillis(), r.counts());
        }
        if (r.counts().read() != expected || r.counts().failed() > 0) {
            throw new IllegalStateException("setup of " + what + " failed: " + r.status() + " " + r.error() + " "
                    + r.failures().stream().limit(3).toList());
        }
    }

    /** Prints a timed run: lines/s, wall time, CPU, counts; says so when it did not read or did fail lines. */
    static void report(String what, CpuMeter cpu, RunResult r, int expected) {
        System.out.printf(Locale.ROOT, "  %-22s %8.0f lines/s  %6d ms  %s  %s%n", what, r.linesPerSecond(),
                r.duration().toMillis(), cpu.since(), r.counts());
        if (r.counts().read() != expected || r.counts().failed() > 0) {
            System.out.println("  unexpected: " + r.status() + " " + r.error() + " " + r.failures().stream()
                    .limit(3).toList());
        }
    }
}
