package org.moodlesync.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time spent by a run: this JVM's, and on a local PostgreSQL, that of the server processes serving the
 * benchmark's database (read from {@code /proc}). On a shared machine the wall time of a run swings with what else
 * runs; its CPU time does not, so "lines per CPU second" tells whether a change made the work smaller.
 */
final class CpuMeter {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final BenchDatabase database;
    private long jvmStart;
    private long threadStart;
    private long serverStart;
    private Map<String, Long> threadsStart = Map.of();

    CpuMeter(BenchDatabase database) {
        this.database = database;
    }

    void start() {
        jvmStart = jvmNanos();
        threadStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        serverStart = serverMillis();
        threadsStart = jvmThreadTicks();
    }

    /**
     * The JVM's CPU since {@link #start()} by kind of thread (ms), from {@code /proc/self/task}: threads named alike
     * but for their number (GC workers, JIT compilers, fork-join workers) add up; empty where {@code /proc} is not.
     */
    String threadsSince() {
        Map<String, Long> now = jvmThreadTicks();
        Map<String, Long> spent = new TreeMap<>();
        now.forEach((tid, ticks) -> {
            long delta = ticks - threadsStart.getOrDefault(tid, 0L);
            if (delta > 0) {
                spent.merge(tid.substring(tid.indexOf(' ') + 1), delta * 1000 / TICKS_PER_SECOND, Long::sum);
            }
        });
        StringBuilder out = new StringBuilder();
        spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(e.getValue()));
        return out.toString();
    }

    /** Ticks of each thread of this JVM, keyed "tid kind" (kind: the thread's name without digits). */
    private static Map<String, Long> jvmThreadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * "cpu: jvm N ms (run's thread N) + db N ms" since {@link #start()}: the JVM's whole CPU (JIT compilers and GC
     * included), the part of the thread that ran the run, the database server's.
     */
    String since() {
        long jvm = (jvmNanos() - jvmStart) / 1_000_000;
        long thread = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadStart) / 1_000_000;
        long server = serverMillis();
        return server < 0 ? String.format("cpu: jvm %d ms (run's thread %d)", jvm, thread)
                : String.format("cpu: jvm %d ms (run's thread %d) + db %d ms", jvm, thread, server - serverStart);
    }

    private static long jvmNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** CPU of the PostgreSQL backends connected to the database (ms), -1 when not measurable. */
    private long serverMillis() {
        if (!"postgresql".equals(database.engine)) {
            return -1;
        }
        List<Long> pids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url, database.user, database.password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pid from pg_stat_activity where datname = current_database() "
                     + "and pid <> pg_backend_pid()")) {
            while (r.next()) {
                pids.add(r.getLong(1));
            }
        } catch (Exception e) {
            return -1;
        }
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }
}
