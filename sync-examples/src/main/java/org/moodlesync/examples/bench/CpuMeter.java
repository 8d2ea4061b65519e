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
import java.util.List;

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

    CpuMeter(BenchDatabase database) {
        this.database = database;
    }

    void start() {
        jvmStart = jvmNanos();
        threadStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        serverStart = serverMillis();
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
