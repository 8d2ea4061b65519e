package org.moodlesync.api.command.enrol;

import java.time.ZoneId;
import java.util.Objects;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;

/**
 * Options of the enrolments kind, tool_sync's enrolment settings as typed values. Immutable; change with the
 * {@code withX} methods.
 *
 * @param userKey                the field identifying users in {@code uid} (tool_sync's
 *                               {@code enrols_useridentifier}; default idnumber)
 * @param courseKey              the field identifying courses in {@code cid} (tool_sync's
 *                               {@code enrols_courseidentifier}; default shortname)
 * @param allowDisabledInstances enrol through a disabled instance when the course has no enabled one of the method
 *                               (tool_sync's {@code enrols_enableenrolondisabled}; default off)
 * @param timeZone               the zone of dates written without one, or null for the site's ({@code config.timezone},
 *                               the JVM's when the site uses the server's, {@code 99})
 */
public record EnrolSyncOptions(UserKey userKey, CourseKey courseKey, boolean allowDisabledInstances,
                               ZoneId timeZone) {

    /**
     * Checks that both keys are given.
     *
     * @param userKey                the field identifying users in {@code uid} (tool_sync's
     *                               {@code enrols_useridentifier}; default idnumber)
     * @param courseKey              the field identifying courses in {@code cid} (tool_sync's
     *                               {@code enrols_courseidentifier}; default shortname)
     * @param allowDisabledInstances enrol through a disabled instance when the course has no enabled one of the method
     *                               (tool_sync's {@code enrols_enableenrolondisabled}; default off)
     * @param timeZone               the zone of dates written without one, or null for the site's
     *                               ({@code config.timezone}, the JVM's when the site uses the server's, {@code 99})
     * @throws NullPointerException when {@code userKey} or {@code courseKey} is null
     */
    public EnrolSyncOptions {
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(courseKey, "courseKey");
    }

    /**
     * Users by idnumber, courses by shortname, enabled instances only, the site's time zone.
     *
     * @return the default options
     */
    public static EnrolSyncOptions defaults() {
        return new EnrolSyncOptions(UserKey.IDNUMBER, CourseKey.SHORTNAME, false, null);
    }

    /**
     * A copy identifying users ({@code uid} column) by another field.
     *
     * @param key the user field
     * @return the changed copy
     */
    public EnrolSyncOptions withUserKey(UserKey key) {
        return new EnrolSyncOptions(key, courseKey, allowDisabledInstances, timeZone);
    }

    /**
     * A copy identifying courses ({@code cid} column) by another field.
     *
     * @param key the course field
     * @return the changed copy
     */
    public EnrolSyncOptions withCourseKey(CourseKey key) {
        return new EnrolSyncOptions(userKey, key, allowDisabledInstances, timeZone);
    }

    /**
     * A copy allowing, or not, enrolments through disabled enrol instances.
     *
     * @param on true: a disabled instance of the method is used when the course has no enabled one
     * @return the changed copy
     */
    public EnrolSyncOptions withAllowDisabledInstances(boolean on) {
        return new EnrolSyncOptions(userKey, courseKey, on, timeZone);
    }

    /**
     * A copy reading dates without a zone in another time zone.
     *
     * @param zone the zone, or null for the site's
     * @return the changed copy
     */
    public EnrolSyncOptions withTimeZone(ZoneId zone) {
        return new EnrolSyncOptions(userKey, courseKey, allowDisabledInstances, zone);
    }
}
