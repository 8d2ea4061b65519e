package org.moodlesync.jooq.internal.support;

/**
 * Thrown by a line that gathers its rows for a set-wise write when it comes to a write that cannot be gathered (an
 * update, a delete, a new group or cohort): the line's gathering is dropped, the chunk's gathered rows written, and
 * the line applied again in a savepoint of its own, writing as it goes. A signal, not an error: no stack trace.
 */
public final class WriteNow extends RuntimeException {

    /** The signal. */
    public WriteNow() {
        super("the line writes at once", null, false, false);
    }
}
