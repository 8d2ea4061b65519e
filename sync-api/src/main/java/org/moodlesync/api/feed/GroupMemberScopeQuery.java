package org.moodlesync.api.feed;

import java.util.List;
import java.util.Objects;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.group.GroupKey;

/**
 * Which group memberships a full feed reads: the manual ones (no component) of the scope's groups, their users,
 * courses and groups named by the run's identifiers.
 *
 * @param feed      the feed's name (whose ownership is read); not blank
 * @param scope     the scope; not null
 * @param courses   for {@link FeedScope#coursesInFile()}: the course identifiers of this chunk; else empty
 * @param groups    for {@link FeedScope#groupsInFile()}: the group identifiers of this chunk (with groups named by id,
 *                  the groups' ids; else their names or idnumbers, within {@code courses}); else empty
 * @param userKey   the field that names users; not null
 * @param courseKey the field that names courses; not null
 * @param groupKey  the field that names groups; not null
 */
public record GroupMemberScopeQuery(String feed, FeedScope scope, List<String> courses, List<String> groups,
                                    UserKey userKey, CourseKey courseKey, GroupKey groupKey) {

    /**
     * A query; the lists are copied.
     *
     * @param feed      the feed's name
     * @param scope     the scope
     * @param courses   the course identifiers of this chunk, or empty
     * @param groups    the group identifiers of this chunk, or empty
     * @param userKey   the field that names users
     * @param courseKey the field that names courses
     * @param groupKey  the field that names groups
     * @throws NullPointerException     when a value is null
     * @throws IllegalArgumentException when the feed name is blank
     */
    public GroupMemberScopeQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(courseKey, "courseKey");
        Objects.requireNonNull(groupKey, "groupKey");
        courses = List.copyOf(courses);
        groups = List.copyOf(groups);
        if (Objects.requireNonNull(feed, "feed").isBlank()) {
            throw new IllegalArgumentException("a feed has a name");
        }
    }
}
