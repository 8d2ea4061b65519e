package org.moodlesync.jooq.database;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moodlesync.api.IoFailures;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.jooq.internal.support.DatabaseFailures;

/**
 * Database failures in one sentence a person can act on, with the {@link RunFailure.Kind} a host can act on:
 * unknown host, connection refused, login refused, unknown database, not a Moodle schema (or the wrong table
 * prefix), a URL no driver knows, a connection lost or silent. No password survives: the ones given are masked, and
 * so are the credentials of any URL in the text.
 *
 * <pre>{@code
 * try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(url, user, password, "mdl_")) { ... }
 * catch (SyncException e) {
 *     // fromJdbcUrl already throws this: e.kind() == DATABASE_LOGIN, e.getMessage() is the sentence
 * }
 * RunFailure f = DatabaseProblems.explain(anyFailure, url, password);
 * }</pre>
 */
public final class DatabaseProblems {

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:[a-z]+://(?:[^/@]*@)?([^/?;]+)");
    private static final Pattern URL_PASSWORD = Pattern.compile("//[^/:@\\s]*:([^@/\\s]*)@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)password=([^&;\\s]*)");

    private DatabaseProblems() {
    }

    /**
     * The failure behind {@code e}: its kind and one sentence naming the cause with a hint, every password of
     * {@code passwords} and of URLs masked.
     *
     * @param e         the failure, with its whole cause chain
     * @param jdbcUrl   the URL connected to (for the host and port in the hint), or {@code null}
     * @param passwords passwords to mask wherever they appear
     */
    public static RunFailure explain(Throwable e, String jdbcUrl, String... passwords) {
        RunFailure found = describe(e, hostPort(jdbcUrl));
        return new RunFailure(found.kind(), mask(found.message(), passwords), e);
    }

    /** {@link #explain} as an exception to throw: a {@link SyncException} of the failure's kind. */
    public static SyncException asException(Throwable e, String jdbcUrl, String... passwords) {
        if (e instanceof SyncException s && s.kind() != RunFailure.Kind.UNEXPECTED) {
            return s;
        }
        RunFailure f = explain(e, jdbcUrl, passwords);
        return new SyncException(f.kind(), f.message(), e);
    }

    /** The text with these passwords and any URL credentials replaced by {@code ***}. */
    public static String mask(String text, String... passwords) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (String secret : passwords == null ? new String[0] : passwords) {
            if (secret != null && !secret.isEmpty()) {
                s = s.replace(secret, "***");
            }
        }
        return RunFailure.mask(s);
    }

    /** The passwords written inside a URL ({@code user:pw@host}, {@code password=pw}), to be masked. */
    public static List<String> passwordsIn(String jdbcUrl) {
        List<String> found = new ArrayList<>();
        if (jdbcUrl != null) {
            Matcher m = URL_PASSWORD.matcher(jdbcUrl);
            while (m.find()) {
                found.add(m.group(1));
            }
            m = PARAM_PASSWORD.matcher(jdbcUrl);
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** {@code host:port} of a URL, {@code null} when it has none. */
    static String hostPort(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = HOST_PORT.matcher(url);
        return m.find() ? m.group(1) : null;
    }

    private static RunFailure describe(Throwable e, String hostPort) {
        String at = hostPort == null ? "the host and port of the URL" : hostPort;
        String refused = "cannot reach the database: connection refused (is the database server running at " + at
                + "?)";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SyncException s && s.kind() != RunFailure.Kind.UNEXPECTED) {
                return RunFailure.of(s.kind(), firstLine(s));
            }
            if (t instanceof UnknownHostException) {
                return RunFailure.of(RunFailure.Kind.DATABASE_UNREACHABLE, "cannot reach the database: unknown host "
                        + t.getMessage() + " (check the host name in the URL or config.php)");
            }
            if (t instanceof ConnectException) {
                return RunFailure.of(RunFailure.Kind.DATABASE_UNREACHABLE, refused);
            }
            if (t instanceof SocketTimeoutException) {
                return RunFailure.of(RunFailure.Kind.CONNECTION_LOST,
                        "the database stopped answering (timed out; see --db-timeout)");
            }
            if (t instanceof SQLException s) {
                RunFailure f = describe(s, refused);
                if (f != null) {
                    return f;
                }
            }
        }
        String top = firstLine(e).replaceFirst("^Failed to initialize pool: ", "cannot connect to the database: ");
        if (e instanceof IOException io) {
            return RunFailure.of(RunFailure.Kind.UNEXPECTED, IoFailures.cause(io));
        }
        RunFailure.Kind kind = switch (DatabaseFailures.classify(e)) {
            case CONNECTION -> RunFailure.Kind.CONNECTION_LOST;
            case CONFLICT, REFUSED -> hasSqlException(e) ? RunFailure.Kind.DATABASE : RunFailure.Kind.UNEXPECTED;
        };
        return RunFailure.of(kind, top);
    }

    private static RunFailure describe(SQLException s, String refused) {
        String state = s.getSQLState() == null ? "" : s.getSQLState();
        int code = s.getErrorCode();
        String msg = firstLine(s).toLowerCase(Locale.ROOT);
        if (state.equals("28P01") || state.equals("28000") || code == 1045
                || msg.contains("password authentication failed") || msg.contains("access denied for user")) {
            return RunFailure.of(RunFailure.Kind.DATABASE_LOGIN,
                    "the database refused the login: authentication failed (check --db-user and the password)");
        }
        if (state.equals("3D000") || code == 1049 || msg.contains("unknown database")
                || msg.contains("does not exist") && msg.contains("database")) {
            return RunFailure.of(RunFailure.Kind.DATABASE_NOT_FOUND,
                    "the database does not exist on that server (check the database name in the URL)");
        }
        if (state.equals("42P01") || state.equals("42S02") || code == 1146 || code == 42102) {
            return RunFailure.of(RunFailure.Kind.NOT_A_MOODLE_SITE, "the database has a missing table (" + firstLine(s)
                    + "): it is not a Moodle database, or the table prefix is not the site's ($CFG->prefix)");
        }
        if (msg.contains("no suitable driver") || msg.contains("failed to get driver instance")) {
            return RunFailure.of(RunFailure.Kind.DATABASE_UNREACHABLE, "the database URL is not a JDBC URL"
                    + " moodle-sync knows: use jdbc:postgresql://, jdbc:mariadb://, jdbc:mysql:// or jdbc:h2:");
        }
        if (msg.contains("connection refused")) {
            return RunFailure.of(RunFailure.Kind.DATABASE_UNREACHABLE, refused);
        }
        if (s instanceof SQLTransientConnectionException) {
            return RunFailure.of(RunFailure.Kind.DATABASE_UNREACHABLE,
                    "the database did not answer in time (see --db-timeout): " + DatabaseFailures.rootMessage(s));
        }
        return null;
    }

    private static boolean hasSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
