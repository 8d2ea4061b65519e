package org.moodlesync.api.result;

/** What happened to one line (or, in a dry run, what would have happened). */
public enum Outcome {
    /** A new entity was written. */
    CREATED,
    /** An existing entity was changed; the line's changes say which fields. */
    UPDATED,
    /** The entity already was as the line asks: nothing written. */
    UNCHANGED,
    /** The entity was deleted. */
    DELETED,
    /** The line asked for nothing to do (for example an unknown user in a delete or suspend file). */
    SKIPPED,
    /**
     * A full feed removed what its file no longer lists (an enrolment unenrolled): a line the run added after the
     * file's own lines, not read from it.
     */
    REMOVED,
    /** A full feed suspended what its file no longer lists (an enrolment's status set to suspended). */
    SUSPENDED,
    /** The line could not be applied; nothing of it was written and it goes to the tryback file. */
    FAILED;

    /** {@return whether this outcome writes to the database: created, updated, deleted, removed, suspended} */
    public boolean writes() {
        return this == CREATED || this == UPDATED || this == DELETED || this == REMOVED || this == SUSPENDED;
    }
}
