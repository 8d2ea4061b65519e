package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG_PLUGINS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * The settings of the target site that decide what enrol_cohort does, read from its own tables.
 *
 * @param cohortEnabled  {@code cohort} is in {@code enrol_plugins_enabled}: members are enrolled (when it is not,
 *                       enrol_cohort's observers and sync enrol nobody)
 * @param unenrolAction  {@code enrol_cohort/unenrolaction}: 0 unenrol (default), 2 suspend and keep roles,
 *                       3 suspend and remove roles (any other value acts like 3, as in Moodle)
 * @param defaultRoleId  {@code enrol_cohort/roleid}, the role of a binding without one (the {@code student} role
 *                       when the setting is missing), 0 when neither exists
 * @param modifierId     the user Moodle's cron acts as (the first site administrator): {@code modifierid} of the
 *                       rows written
 */
record EnrolSettings(boolean cohortEnabled, int unenrolAction, long defaultRoleId, long modifierId) {

    /** enrol_cohort's "unenrol" action. */
    static final int UNENROL = 0;
    /** enrol_cohort's "suspend, keep roles" action. */
    static final int SUSPEND_KEEP_ROLES = 2;

    static EnrolSettings load(DSLContext dsl, SiteConfig site) {
        boolean enabled = Arrays.stream(site.get("enrol_plugins_enabled", "").split(","))
                .map(String::trim).anyMatch("cohort"::equals);
        String unenrol = plugin(dsl, "unenrolaction");
        String role = plugin(dsl, "roleid");
        long roleId = parse(role, 0);
        if (roleId == 0 || !dsl.fetchExists(MDL_ROLE, MDL_ROLE.ID.eq(roleId))) {
            Long student = dsl.select(MDL_ROLE.ID).from(MDL_ROLE).where(MDL_ROLE.SHORTNAME.eq("student"))
                    .fetchOne(MDL_ROLE.ID);
            roleId = student == null ? 0 : student;
        }
        String admins = site.get("siteadmins", "");
        long modifier = Arrays.stream(admins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(s -> parse(s, 0)).findFirst().orElse(0);
        return new EnrolSettings(enabled, (int) parse(unenrol, UNENROL), roleId, modifier);
    }

    /** What happens to the enrolments of a user who leaves the cohort, in words. */
    String unenrolActionText() {
        return switch (unenrolAction) {
            case UNENROL -> "unenrol";
            case SUSPEND_KEEP_ROLES -> "suspend, keep roles";
            default -> "suspend, remove roles";
        };
    }

    private static String plugin(DSLContext dsl, String name) {
        return dsl.select(MDL_CONFIG_PLUGINS.VALUE).from(MDL_CONFIG_PLUGINS)
                .where(MDL_CONFIG_PLUGINS.PLUGIN.eq("enrol_cohort")).and(MDL_CONFIG_PLUGINS.NAME.eq(name))
                .fetchOne(MDL_CONFIG_PLUGINS.VALUE);
    }

    private static long parse(String v, long fallback) {
        try {
            return v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
