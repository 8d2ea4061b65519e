package org.moodlesync.api;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a run failed as a whole ({@link org.moodlesync.api.result.RunStatus#FAILED}): a kind a host can act on, one
 * sentence naming the cause, and the exception behind it when there was one.
 *
 * <p>The message never carries a password: credentials inside a URL ({@code user:pw@host}, {@code password=pw}) are
 * masked here, and backends mask the passwords they connect with before they throw.
 *
 * @param kind    what went wrong, for a host's decision (retry later, alert an operator, fix the file)
 * @param message one sentence naming the cause
 * @param cause   the exception behind it, or {@code null}; for logs, not for end users
 */
public record RunFailure(Kind kind, String message, Throwable cause) {

    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/:@\\s]*:)([^@/\\s]*)@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)(password=)([^&;\\s]*)");

    /** What went wrong, by what a host would do about it. */
    public enum Kind {
        /** The command file cannot be read or is refused as a whole (missing, unreadable, bad header, not a zip). */
        INPUT,
        /** A report, tryback, JSON report or archive cannot be written: the message says which lines to rerun. */
        OUTPUT,
        /** The run was not set up so that it can run (for example pictures without a file store). */
        CONFIGURATION,
        /** No connection to the database can be had: unknown host, connection refused, bad URL. */
        DATABASE_UNREACHABLE,
        /** The database refused the login. */
        DATABASE_LOGIN,
        /** The database named in the URL does not exist on that server. */
        DATABASE_NOT_FOUND,
        /** The connection was lost (or stopped answering) during the run: nothing of the open chunk was kept. */
        CONNECTION_LOST,
        /** The database answers but holds no Moodle under this table prefix. */
        NOT_A_MOODLE_SITE,
        /** The site's Moodle version is not one moodle-sync writes into: nothing was written. */
        UNSUPPORTED_MOODLE_VERSION,
        /** The site's file store (dataroot) cannot be used. */
        SITE_FILES,
        /**
         * A full feed would have removed more than its removal limit allows: nothing was written (status
         * {@link org.moodlesync.api.result.RunStatus#REFUSED}).
         */
        REMOVAL_LIMIT,
        /** Another run holds the lock of this kind or workspace. */
        LOCKED,
        /** The database refused a statement for a reason that is not one line's (a schema problem, …). */
        DATABASE,
        /** Anything else: a bug or an unforeseen condition (the cause has the details). */
        UNEXPECTED
    }

    /**
     * A failure; the message's URL credentials are masked ({@link #mask}).
     *
     * @param kind    what went wrong (required)
     * @param message one sentence (required)
     * @param cause   the exception behind it, or {@code null}
     */
    public RunFailure {
        Objects.requireNonNull(kind, "kind");
        message = mask(Objects.requireNonNull(message, "message"));
    }

    /**
     * A failure of this kind with no exception behind it.
     *
     * @param kind    what went wrong
     * @param message one sentence naming the cause
     * @return the failure
     */
    public static RunFailure of(Kind kind, String message) {
        return new RunFailure(kind, message, null);
    }

    /**
     * The failure an exception stands for: a {@link SyncException}'s own kind and message; anything else is
     * {@link Kind#UNEXPECTED}, its message prefixed with its type. Only the first line of a message is kept.
     *
     * @param e the exception that ended the run
     * @return the failure, {@code e} as its cause
     */
    public static RunFailure of(Throwable e) {
        if (e instanceof SyncException s) {
            return new RunFailure(s.kind(), oneLine(s), s);
        }
        return new RunFailure(Kind.UNEXPECTED, e.getClass().getSimpleName() + ": " + oneLine(e), e);
    }

    /**
     * This failure with its message prefixed ("cannot read a.csv: " + message).
     *
     * @param prefix the text put before the message
     * @return a new failure, same kind and cause
     */
    public RunFailure prefixed(String prefix) {
        return new RunFailure(kind, prefix + message, cause);
    }

    /**
     * Masks the credentials of URLs in a text: {@code user:pw@} and {@code password=pw} become {@code ***}.
     *
     * @param text any text, or {@code null}
     * @return the text masked ({@code null} for {@code null})
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String s = URL_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
        return PARAM_PASSWORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***"));
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
