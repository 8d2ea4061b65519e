package org.moodlesync.api.command.group;

import java.util.Objects;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;

/**
 * Options of the groups kinds, tool_sync's group settings as typed values. Immutable; change with the {@code withX}
 * methods.
 *
 * @param courseKey   the field identifying courses in {@code courseid} (tool_sync's {@code groups_courseidentifier};
 *                    default shortname)
 * @param userKey     the field identifying users in {@code userid} (tool_sync's {@code groups_useridentifier};
 *                    default idnumber)
 * @param groupKey    the field identifying groups in {@code groupid} and {@code updateid} (tool_sync's
 *                    {@code groups_groupidentifier}; default name)
 * @param groupingKey the field identifying groupings in {@code updateid} (tool_sync's
 *                    {@code groups_groupingidentifier}; default name)
 */
public record GroupSyncOptions(CourseKey courseKey, UserKey userKey, GroupKey groupKey, GroupKey groupingKey) {

    /**
     * Checks that the four keys are given.
     *
     * @param courseKey   the field identifying courses in {@code courseid} (tool_sync's
     *                    {@code groups_courseidentifier}; default shortname)
     * @param userKey     the field identifying users in {@code userid} (tool_sync's {@code groups_useridentifier};
     *                    default idnumber)
     * @param groupKey    the field identifying groups in {@code groupid} and {@code updateid} (tool_sync's
     *                    {@code groups_groupidentifier}; default name)
     * @param groupingKey the field identifying groupings in {@code updateid} (tool_sync's
     *                    {@code groups_groupingidentifier}; default name)
     * @throws NullPointerException when a key is null
     */
    public GroupSyncOptions {
        Objects.requireNonNull(courseKey, "courseKey");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(groupingKey, "groupingKey");
    }

    /**
     * Courses by shortname, users by idnumber, groups and groupings by name.
     *
     * @return the default options
     */
    public static GroupSyncOptions defaults() {
        return new GroupSyncOptions(CourseKey.SHORTNAME, UserKey.IDNUMBER, GroupKey.NAME, GroupKey.NAME);
    }

    /**
     * A copy reading the {@code courseid} column as another course field.
     *
     * @param key the course field
     * @return the changed copy
     */
    public GroupSyncOptions withCourseKey(CourseKey key) {
        return new GroupSyncOptions(key, userKey, groupKey, groupingKey);
    }

    /**
     * A copy reading the {@code userid} column as another user field.
     *
     * @param key the user field
     * @return the changed copy
     */
    public GroupSyncOptions withUserKey(UserKey key) {
        return new GroupSyncOptions(courseKey, key, groupKey, groupingKey);
    }

    /**
     * A copy identifying groups ({@code groupid}, {@code updateid} columns) by another field.
     *
     * @param key the group field
     * @return the changed copy
     */
    public GroupSyncOptions withGroupKey(GroupKey key) {
        return new GroupSyncOptions(courseKey, userKey, key, groupingKey);
    }

    /**
     * A copy identifying groupings ({@code updateid} column) by another field.
     *
     * @param key the grouping field
     * @return the changed copy
     */
    public GroupSyncOptions withGroupingKey(GroupKey key) {
        return new GroupSyncOptions(courseKey, userKey, groupKey, key);
    }
}
