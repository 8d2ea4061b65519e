package org.moodlesync.jooq.cohort;

/**
 * Thrown by a line that gathers its member add ({@link MemberAdds}) when it comes to a write that cannot be gathered
 * (a new or changed cohort, an enrolment to update, any line but {@code add}): the line's gathering is dropped, the
 * chunk's gathered rows written, and the line applied again in a savepoint of its own, writing as it goes.
 */
final class WriteNow extends RuntimeException {

    WriteNow() {
        super("the line writes at once", null, false, false);
    }
}
