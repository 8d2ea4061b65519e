package org.moodlesync.api.command.cohort;

import java.time.ZoneId;
import java.util.Objects;
import org.moodlesync.api.command.CourseKey;

/**
 * Options of the cohort to course bindings kind. Immutable; change with the {@code withX} methods.
 *
 * @param courseIdentifyBy the course field of the {@code course} column (tool_sync's
 *                         {@code cohorts_courseidentifier}, default {@code idnumber})
 * @param cohortIdentifyBy the cohort field of the {@code cohort} column (tool_sync's
 *                         {@code cohorts_cohortidentifier}, default {@code idnumber})
 * @param roleIdentifyBy   the role field of the {@code role} column (tool_sync's {@code cohorts_roleidentifier};
 *                         default {@code shortname}, as roles have no idnumber)
 * @param timeZone         the zone of {@code enrolstart}/{@code enrolend} written without one, or null for the
 *                         site's ({@code config.timezone}, the server's when that is 99), as for enrolments
 */
public record CohortBindingOptions(CourseKey courseIdentifyBy, CohortKey cohortIdentifyBy, RoleKey roleIdentifyBy,
                                   ZoneId timeZone) {

    public CohortBindingOptions {
        Objects.requireNonNull(courseIdentifyBy, "courseIdentifyBy");
        Objects.requireNonNull(cohortIdentifyBy, "cohortIdentifyBy");
        Objects.requireNonNull(roleIdentifyBy, "roleIdentifyBy");
    }

    /**
     * Options in the site's time zone.
     *
     * @param courseIdentifyBy the course field of the {@code course} column
     * @param cohortIdentifyBy the cohort field of the {@code cohort} column
     * @param roleIdentifyBy   the role field of the {@code role} column
     */
    public CohortBindingOptions(CourseKey courseIdentifyBy, CohortKey cohortIdentifyBy, RoleKey roleIdentifyBy) {
        this(courseIdentifyBy, cohortIdentifyBy, roleIdentifyBy, null);
    }

    /** Courses and cohorts by idnumber, roles by shortname, dates in the site's time zone. */
    public static CohortBindingOptions defaults() {
        return new CohortBindingOptions(CourseKey.IDNUMBER, CohortKey.IDNUMBER, RoleKey.SHORTNAME, null);
    }

    public CohortBindingOptions withCourseIdentifyBy(CourseKey key) {
        return new CohortBindingOptions(key, cohortIdentifyBy, roleIdentifyBy, timeZone);
    }

    public CohortBindingOptions withCohortIdentifyBy(CohortKey key) {
        return new CohortBindingOptions(courseIdentifyBy, key, roleIdentifyBy, timeZone);
    }

    public CohortBindingOptions withRoleIdentifyBy(RoleKey key) {
        return new CohortBindingOptions(courseIdentifyBy, cohortIdentifyBy, key, timeZone);
    }

    /** The same options with dates written without a zone read in {@code zone} (null: the site's). */
    public CohortBindingOptions withTimeZone(ZoneId zone) {
        return new CohortBindingOptions(courseIdentifyBy, cohortIdentifyBy, roleIdentifyBy, zone);
    }
}
