package org.moodlesync.jooq.internal.enrol;

import java.util.Set;

/**
 * An {@code enrol} row: one enrolment method of one course.
 *
 * @param id        instance id
 * @param enrol     plugin name (manual, self, …)
 * @param status    0 enabled, 1 disabled
 * @param courseId  course
 * @param sortorder order in the course
 * @param roleId    default role of new enrolments (0: none)
 */
public record EnrolInstance(long id, String enrol, long status, long courseId, long sortorder, long roleId) {

    /** Plugins whose roles are ordinary manual assignments (their {@code roles_protected()} is false). */
    private static final Set<String> UNPROTECTED_ROLES = Set.of("manual", "self", "flatfile", "paypal");

    public boolean enabled() {
        return status == 0;
    }

    /** The component of role assignments and memberships this instance owns: {@code ''} or {@code enrol_<name>}. */
    public String roleComponent() {
        return UNPROTECTED_ROLES.contains(enrol) ? "" : "enrol_" + enrol;
    }

    /** The item id going with {@link #roleComponent()}: 0 or the instance id. */
    public long roleItemId() {
        return UNPROTECTED_ROLES.contains(enrol) ? 0 : id;
    }
}
