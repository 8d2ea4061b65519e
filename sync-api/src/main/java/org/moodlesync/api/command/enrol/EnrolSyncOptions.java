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

    public EnrolSyncOptions {
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(courseKey, "courseKey");
    }

    /** Users by idnumber, courses by shortname, enabled instances only, the site's time zone. */
    public static EnrolSyncOptions defaults() {
        return new EnrolSyncOptions(UserKey.IDNUMBER, CourseKey.SHORTNAME, false, null);
    }

    public EnrolSyncOptions withUserKey(UserKey key) {
        return new EnrolSyncOptions(key, courseKey, allowDisabledInstances, timeZone);
    }

    public EnrolSyncOptions withCourseKey(CourseKey key) {
        return new EnrolSyncOptions(userKey, key, allowDisabledInstances, timeZone);
    }

    public EnrolSyncOptions withAllowDisabledInstances(boolean on) {
        return new EnrolSyncOptions(userKey, courseKey, on, timeZone);
    }

    public EnrolSyncOptions withTimeZone(ZoneId zone) {
        return new EnrolSyncOptions(userKey, courseKey, allowDisabledInstances, zone);
    }
}
