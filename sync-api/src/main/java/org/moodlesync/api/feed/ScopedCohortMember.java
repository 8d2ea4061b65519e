package org.moodlesync.api.feed;

/**
 * One cohort membership in a full feed's scope, as the feed compares it with its file.
 *
 * @param id       the membership's id ({@code cohort_members.id})
 * @param userId   the user's id
 * @param cohortId the cohort's id
 * @param user     the user's identifier in the run's user field (the file's {@code userid}); may be null
 * @param cohort   the cohort's identifier in the run's cohort field (the file's key column); may be null
 * @param owned    whether the feed owns it (it listed it in an earlier run)
 */
public record ScopedCohortMember(long id, long userId, long cohortId, String user, String cohort, boolean owned) {
}
