package org.moodlesync.api.command.cohort;

/** What a line of a cohorts file asks for (tool_sync's {@code cmd} column and whether a user is given). */
public enum CohortAction {
    /** {@code add}: create the cohort if missing (or update it), then add the user, when one is given. */
    ADD,
    /** {@code del} with a user: remove the user from the cohort. */
    REMOVE_MEMBER,
    /** {@code del} without a user: delete the cohort. */
    DELETE,
    /** {@code free}: remove every member of the cohort. */
    FREE
}
