package org.moodlesync.examples.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A database created for one benchmark run and dropped afterwards: H2 in memory, or a new database on the local
 * PostgreSQL or MariaDB (servers named as for the tests: {@code MOODLE_SYNC_PG_URL}, {@code MOODLE_SYNC_MARIADB_URL},
 * …). {@code MOODLE_SYNC_BENCH_KEEP=1} keeps it for inspection.
 */
public final class BenchDatabase implements AutoCloseable {
    public final String engine;
    public final String name;
    public final String url;
    public final String user;
    public final String password;
    final String adminUrl;

    private BenchDatabase(String engine, String name, String url, String user, String password, String adminUrl) {
        this.engine = engine;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.adminUrl = adminUrl;
    }

    public static BenchDatabase create(String engine, String name) throws Exception {
        BenchDatabase t = switch (engine) {
            case "h2" -> new BenchDatabase(engine, name, "jdbc:h2:mem:" + name + MoodleDatabase.H2_URL_OPTIONS, "sa",
                    "", null);
            case "postgresql" -> new BenchDatabase(engine, name, env("MOODLE_SYNC_PG_URL",
                    "jdbc:postgresql://127.0.0.1:5432/") + name + "?reWriteBatchedInserts=true",
                    env("MOODLE_SYNC_PG_USER", "postgres"), env("MOODLE_SYNC_PG_PASSWORD", ""),
                    env("MOODLE_SYNC_PG_URL", "jdbc:postgresql://127.0.0.1:5432/") + "postgres");
            case "mariadb" -> new BenchDatabase(engine, name, env("MOODLE_SYNC_MARIADB_URL",
                    "jdbc:mariadb://127.0.0.1:3306/") + name, env("MOODLE_SYNC_MARIADB_USER", "root"),
                    env("MOODLE_SYNC_MARIADB_PASSWORD", ""), env("MOODLE_SYNC_MARIADB_URL",
                    "jdbc:mariadb://127.0.0.1:3306/"));
            default -> throw new IllegalArgumentException("database: h2, postgresql or mariadb");
        };
        t.admin("postgresql".equals(engine) ? "CREATE DATABASE " + name
                : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return t;
    }

    private void admin(String sql) throws Exception {
        if (adminUrl == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        if (System.getenv("MOODLE_SYNC_BENCH_KEEP") != null) {
            System.out.println("  kept database " + name);
            return;
        }
        admin("postgresql".equals(engine) ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
