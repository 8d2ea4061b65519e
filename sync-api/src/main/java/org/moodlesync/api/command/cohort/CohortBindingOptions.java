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

    /**
     * Checks that the three keys are given.
     *
     * @param courseIdentifyBy the course field of the {@code course} column (tool_sync's
     *                         {@code cohorts_courseidentifier}, default {@code idnumber})
     * @param cohortIdentifyBy the cohort field of the {@code cohort} column (tool_sync's
     *                         {@code cohorts_cohortidentifier}, default {@code idnumber})
     * @param roleIdentifyBy   the role field of the {@code role} column (tool_sync's {@code cohorts_roleidentifier};
     *                         default {@code shortname}, as roles have no idnumber)
     * @param timeZone         the zone of {@code enrolstart}/{@code enrolend} written without one, or null for the
     *                         site's ({@code config.timezone}, the server's when that is 99), as for enrolments
     * @throws NullPointerException when a key is null
     */
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

    /**
     * Courses and cohorts by idnumber, roles by shortname, dates in the site's time zone.
     *
     * @return the default options
     */
    public static CohortBindingOptions defaults() {
        return new CohortBindingOptions(CourseKey.IDNUMBER, CohortKey.IDNUMBER, RoleKey.SHORTNAME, null);
    }

    /**
     * A copy reading the {@code course} column as another course field.
     *
     * @param key the course field
     * @return the changed copy
     */
    public CohortBindingOptions withCourseIdentifyBy(CourseKey key) {
        return new CohortBindingOptions(key, cohortIdentifyBy, roleIdentifyBy, timeZone);
    }

    /**
     * A copy reading the {@code cohort} column as another cohort field.
     *
     * @param key the cohort field
     * @return the changed copy
     */
    public CohortBindingOptions withCohortIdentifyBy(CohortKey key) {
        return new CohortBindingOptions(courseIdentifyBy, key, roleIdentifyBy, timeZone);
    }

    /**
     * A copy reading the {@code role} column as another role field.
     *
     * @param key the role field
     * @return the changed copy
     */
    public CohortBindingOptions withRoleIdentifyBy(RoleKey key) {
        return new CohortBindingOptions(courseIdentifyBy, cohortIdentifyBy, key, timeZone);
    }

    /**
     * The same options with dates written without a zone read in {@code zone} (null: the site's).
     *
     * @param zone the zone, or null for the site's
     * @return the changed copy
     */
    public CohortBindingOptions withTimeZone(ZoneId zone) {
        return new CohortBindingOptions(courseIdentifyBy, cohortIdentifyBy, roleIdentifyBy, zone);
    }
}
