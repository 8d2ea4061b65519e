package org.moodlesync.examples.cli;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moodlesync.api.IoFailures;

/**
 * Turns a fatal failure into the one sentence the command line prints: the cause in words with a hint (unknown host,
 * connection refused, authentication failed, unknown database, no such file, …), and never a password.
 */
final class FailureMessages {

    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/:@\\s]*:)([^@/\\s]*)@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)(password=)([^&;\\s]*)");

    /** Passwords met while connecting (config.php's, the environment's), scrubbed from every message. */
    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FailureMessages() {
    }

    /** Remembers a password to scrub from messages. */
    static void secret(String password) {
        if (password != null && !password.isEmpty()) {
            SEEN.add(password);
        }
    }

    /** The passwords inside a URL: {@code user:pw@} and {@code password=pw}. */
    static List<String> passwordsInUrl(String url) {
        List<String> found = new ArrayList<>();
        if (url != null) {
            Matcher m = URL_PASSWORD.matcher(url);
            while (m.find()) {
                found.add(m.group(2));
            }
            m = PARAM_PASSWORD.matcher(url);
            while (m.find()) {
                found.add(m.group(2));
            }
        }
        return found;
    }

    /** The sentence for a failure, scrubbed of every password known here. */
    static String sentence(Throwable e, String url, String... passwords) {
        return scrub(describe(e, hostPort(url)), passwords);
    }

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:[a-z]+://(?:[^/@]*@)?([^/?;]+)");

    /** {@code host:port} of a URL, {@code null} when it has none. */
    static String hostPort(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = HOST_PORT.matcher(url);
        return m.find() ? m.group(1) : null;
    }

    /** Removes passwords: these literal ones, the environment's, and any {@code user:pw@} or {@code password=…}. */
    static String scrub(String text, String... passwords) {
        if (text == null) {
            return null;
        }
        List<String> secrets = new ArrayList<>(List.of(passwords == null ? new String[0] : passwords));
        secrets.add(System.getenv("MOODLE_SYNC_DB_PASSWORD"));
        secrets.addAll(SEEN);
        String s = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                s = s.replace(secret, "***");
            }
        }
        s = URL_PASSWORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
        return PARAM_PASSWORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***"));
    }

    private static String describe(Throwable e, String hostPort) {
        String at = hostPort == null ? "the host and port of the URL" : hostPort;
        String top = firstLine(e).replaceFirst("^Failed to initialize pool: ", "cannot connect to the database: ");
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "cannot reach the database: unknown host " + t.getMessage()
                        + " (check the host name in the URL or config.php)";
            }
            if (t instanceof ConnectException) {
                return "cannot reach the database: connection refused (is the database server running at " + at + "?)";
            }
            if (t instanceof SocketTimeoutException) {
                return "the database stopped answering (timed out; see --db-timeout)";
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                int code = s.getErrorCode();
                String msg = firstLine(s).toLowerCase(java.util.Locale.ROOT);
                if (state.equals("28P01") || state.equals("28000") || code == 1045
                        || msg.contains("password authentication failed") || msg.contains("access denied for user")) {
                    return "the database refused the login: authentication failed (check --db-user and the"
                            + " password)";
                }
                if (state.equals("3D000") || code == 1049 || msg.contains("unknown database")
                        || msg.contains("does not exist") && msg.contains("database")) {
                    return "the database does not exist on that server (check the database name in the URL)";
                }
                if (msg.contains("no suitable driver") || msg.contains("failed to get driver instance")) {
                    return "the database URL is not a JDBC URL moodle-sync knows: use jdbc:postgresql://,"
                            + " jdbc:mariadb://, jdbc:mysql:// or jdbc:h2:";
                }
                if (msg.contains("connection refused")) {
                    return "cannot reach the database: connection refused (is the database server running at " + at
                            + "?)";
                }
                if (t instanceof SQLTransientConnectionException) {
                    return "the database did not answer in time (see --db-timeout): " + firstLine(rootOf(t));
                }
            }
            if (t instanceof java.io.UncheckedIOException u && u.getCause() != null && t == e) {
                return top;
            }
            if (t instanceof java.io.IOException io && t == e) {
                return IoFailures.cause(io);
            }
        }
        return top;
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
