package org.moodlesync.api.feed;

/**
 * One enrolment in a full feed's scope, as the feed compares it with its file.
 *
 * @param id        the enrolment's id ({@code user_enrolments.id})
 * @param userId    the user's id
 * @param courseId  the course's id
 * @param user      the user's identifier in the run's user field (what the file's {@code uid} holds); may be null
 *                  when the user has none (such a user is never in the file)
 * @param course    the course's identifier in the run's course field (the file's {@code cid})
 * @param active    whether the enrolment is active ({@code status} 0)
 * @param timeStart the enrolment's start, epoch seconds (0: none)
 * @param timeEnd   the enrolment's end, epoch seconds (0: none)
 * @param owned     whether the feed owns it (it listed it in an earlier run)
 */
public record ScopedEnrolment(long id, long userId, long courseId, String user, String course, boolean active,
                              long timeStart, long timeEnd, boolean owned) {
}
