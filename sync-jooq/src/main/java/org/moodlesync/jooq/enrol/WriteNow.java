package org.moodlesync.jooq.enrol;

/**
 * Thrown by a line that gathers its plain adds when it comes to a write that cannot be gathered (an update, a delete,
 * a new group): the line's view and gathering are dropped, the chunk's gathered writes flushed, and the line applied
 * again in a savepoint of its own, writing as it goes.
 */
final class WriteNow extends RuntimeException {

    WriteNow() {
        super("the line writes at once", null, false, false);
    }
}
