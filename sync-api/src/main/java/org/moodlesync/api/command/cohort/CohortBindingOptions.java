package org.moodlesync.api.command.cohort;

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
 */
public record CohortBindingOptions(CourseKey courseIdentifyBy, CohortKey cohortIdentifyBy, RoleKey roleIdentifyBy) {

    public CohortBindingOptions {
        Objects.requireNonNull(courseIdentifyBy, "courseIdentifyBy");
        Objects.requireNonNull(cohortIdentifyBy, "cohortIdentifyBy");
        Objects.requireNonNull(roleIdentifyBy, "roleIdentifyBy");
    }

    /** Courses and cohorts by idnumber, roles by shortname. */
    public static CohortBindingOptions defaults() {
        return new CohortBindingOptions(CourseKey.IDNUMBER, CohortKey.IDNUMBER, RoleKey.SHORTNAME);
    }

    public CohortBindingOptions withCourseIdentifyBy(CourseKey key) {
        return new CohortBindingOptions(key, cohortIdentifyBy, roleIdentifyBy);
    }

    public CohortBindingOptions withCohortIdentifyBy(CohortKey key) {
        return new CohortBindingOptions(courseIdentifyBy, key, roleIdentifyBy);
    }

    public CohortBindingOptions withRoleIdentifyBy(RoleKey key) {
        return new CohortBindingOptions(courseIdentifyBy, cohortIdentifyBy, key);
    }
}
