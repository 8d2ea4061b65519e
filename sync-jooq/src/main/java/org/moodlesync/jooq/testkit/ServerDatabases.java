package org.moodlesync.jooq.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Throw-away databases on a PostgreSQL or MariaDB server: unique names, created and dropped by an admin connection. */
final class ServerDatabases {

    /** The engines the kit can make databases on. */
    enum Engine {
        POSTGRESQL("postgres"),
        MARIADB("root");

        private final String defaultUser;

        Engine(String defaultUser) {
            this.defaultUser = defaultUser;
        }

        String defaultUser() {
            return defaultUser;
        }
    }

    private static final Pattern URL = Pattern.compile("^(jdbc:[a-z0-9]+://[^/?]+)/?([^?]*)(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerDatabases() {
    }

    static Engine engineOf(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return Engine.MARIADB;
        }
        return null;
    }

    /** A fresh database name: {@code msynckit_} and 12 random letters and digits. */
    static String uniqueName() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("msynckit_");
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The server's URL with another database: {@code jdbc:postgresql://h:5432/postgres?x} → {@code …/name?x}. */
    static String withDatabase(String serverUrl, String database) {
        Matcher m = URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the JDBC URL " + serverUrl
                    + ": expected jdbc:<engine>://host[:port][/database][?options]");
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** Creates an empty database as Moodle needs it (UTF-8; on MariaDB utf8mb4_unicode_ci). */
    static void create(TestMoodleSettings settings, String name) {
        Engine engine = engineOf(settings.serverUrl());
        admin(settings, engine == Engine.POSTGRESQL
                ? "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0"
                : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    /** Drops a database, whoever is still connected to it (PostgreSQL 13 or later). */
    static void drop(TestMoodleSettings settings, String name) {
        Engine engine = engineOf(settings.serverUrl());
        admin(settings, engine == Engine.POSTGRESQL
                ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name);
    }

    private static void admin(TestMoodleSettings settings, String sql) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.effectiveUser());
        properties.setProperty("password", settings.effectivePassword());
        properties.setProperty("connectTimeout",
                engineOf(settings.serverUrl()) == Engine.POSTGRESQL ? "10" : "10000");
        try (Connection c = DriverManager.getConnection(settings.serverUrl(), properties);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test kit cannot run '" + sql + "' on " + settings.serverUrl()
                    + " as '" + settings.effectiveUser() + "' (" + TestMoodleSettings.URL + "): " + e.getMessage(), e);
        }
    }
}
