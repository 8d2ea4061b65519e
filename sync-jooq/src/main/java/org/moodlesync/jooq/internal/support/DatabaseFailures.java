package org.moodlesync.jooq.internal.support;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells database failures apart by what a writer should do about them:
 * <ul>
 *   <li>{@link Kind#CONFLICT}: the transaction lost a race — deadlock (PostgreSQL {@code 40P01}, MariaDB/MySQL
 *       error 1213), serialization failure ({@code 40001}) or lock wait timeout (MariaDB 1205). The whole
 *       transaction is (or must be) rolled back; trying it again a moment later normally succeeds.</li>
 *   <li>{@link Kind#CONNECTION}: the connection is gone or none can be had — SQLState class {@code 08}, the server
 *       shutting down or terminating the session ({@code 57P01}–{@code 57P03}), MariaDB's "connection was killed"
 *       (1927), a pool that gives no connection in time. Nothing of the transaction was committed; a new
 *       connection may work, a line-by-line replay would only fail every line.</li>
 *   <li>{@link Kind#REFUSED}: anything else — the database refuses these rows (constraint, value, …).</li>
 * </ul>
 */
public final class DatabaseFailures {

    /** What kind of failure. */
    public enum Kind {
        /** Deadlock, serialization failure, lock wait timeout: retry the transaction. */
        CONFLICT,
        /** Connection lost or unavailable: retry on a new connection, or stop the run. */
        CONNECTION,
        /** The rows are refused. */
        REFUSED
    }

    private DatabaseFailures() {
    }

    /** The kind of a failure, looking at every {@link SQLException} in its cause chain. */
    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return Kind.CONNECTION;
            }
            if (t instanceof SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                int code = e.getErrorCode();
                if (state.equals("40001") || state.equals("40P01") || code == 1213 || code == 1205) {
                    return Kind.CONFLICT;
                }
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || code == 1927 || code == 2006 || code == 2013) {
                    return Kind.CONNECTION;
                }
            }
        }
        return Kind.REFUSED;
    }

    /** The first line of the deepest message of a failure, for results and errors. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
