package org.moodlesync.api.feed;

/**
 * One manual group membership in a full feed's scope, as the feed compares it with its file.
 *
 * @param id       the membership's id ({@code groups_members.id})
 * @param userId   the user's id
 * @param groupId  the group's id
 * @param courseId the group's course's id
 * @param user     the user's identifier in the run's user field (the file's {@code userid}); may be null when the
 *                 user has none
 * @param course   the course's identifier in the run's course field (the file's {@code courseid}); may be null
 * @param group    the group's identifier in the run's group field (the file's {@code groupid}); may be null
 * @param owned    whether the feed owns it (it listed it in an earlier run)
 */
public record ScopedGroupMember(long id, long userId, long groupId, long courseId, String user, String course,
                                String group, boolean owned) {
}
