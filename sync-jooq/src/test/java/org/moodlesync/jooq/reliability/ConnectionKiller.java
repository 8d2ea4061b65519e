package org.moodlesync.jooq.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Drops a connection for real, from the server's side, as a network cut or a database restart would: PostgreSQL
 * {@code pg_terminate_backend} and MariaDB {@code KILL CONNECTION} issued on another connection; H2 (in memory, no
 * server) closes the physical connection and reports SQLState 08006 as a driver would.
 */
final class ConnectionKiller {

    private ConnectionKiller() {
    }

    /** Kills the session of {@code victim} (a pooled connection) using another connection of {@code db}. */
    static void kill(TestDatabase db, Connection victim) throws SQLException {
        switch (db.server()) {
            case POSTGRESQL -> {
                int pid = victim.unwrap(org.postgresql.PGConnection.class).getBackendPID();
                try (Connection admin = db.dataSource().getConnection();
                     PreparedStatement s = admin.prepareStatement("select pg_terminate_backend(?)")) {
                    s.setInt(1, pid);
                    s.execute();
                }
                waitUntilGone(db, "select count(*) from pg_stat_activity where pid = ?", pid);
            }
            case MARIADB -> {
                long id;
                try (Statement s = victim.createStatement(); ResultSet r = s.executeQuery("select connection_id()")) {
                    r.next();
                    id = r.getLong(1);
                }
                try (Connection admin = db.dataSource().getConnection(); Statement s = admin.createStatement()) {
                    s.execute("KILL CONNECTION " + id);
                }
            }
            case H2 -> {
                // the pool must learn that the connection is gone, as it does from a server's error
                db.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).evictConnection(victim);
                victim.unwrap(org.h2.jdbc.JdbcConnection.class).close();
                throw new SQLNonTransientConnectionException("connection closed by the test", "08006");
            }
        }
    }

    private static void waitUntilGone(TestDatabase db, String sql, long id) throws SQLException {
        for (int i = 0; i < 100; i++) {
            try (Connection admin = db.dataSource().getConnection(); PreparedStatement s = admin.prepareStatement(sql)) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
