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
import org.moodlesync.jooq.database.DatabaseProblems;

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
        return scrub(describe(e, url), passwords);
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

    private static String describe(Throwable e, String url) {
        return DatabaseProblems.explain(e, url).message();
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
