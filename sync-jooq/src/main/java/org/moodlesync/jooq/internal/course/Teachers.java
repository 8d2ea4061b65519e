package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.course.CourseTeacher;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;

/**
 * The teachers of course lines (tool_sync's {@code teacherN_account}, {@code teacherN_role}): each user is enrolled
 * in the course's manual instance and given the role in the course context, as Moodle's manual enrolment does
 * (tool_sync gave the role without an enrolment, so the teacher had no access; and ignored {@code _role}).
 */
final class Teachers {

    private final CourseSettings settings;
    private final Roles roles;
    private final EnrolInstances instances;
    private final List<MdlUserRecord> users;

    private Teachers(CourseSettings settings, Roles roles, EnrolInstances instances, List<MdlUserRecord> users) {
        this.settings = settings;
        this.roles = roles;
        this.instances = instances;
        this.users = users;
    }

    /** Loads the live local users any of these accounts may name (by id, username, idnumber or e-mail). */
    static Teachers load(DSLContext dsl, CourseSettings settings, Roles roles, EnrolInstances instances,
                         Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return new Teachers(settings, roles, instances, List.of());
        }
        Set<Long> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String a : accounts) {
            names.add(a);
            names.add(a.toLowerCase(Locale.ROOT));
            try {
                ids.add(Long.parseLong(a.trim()));
            } catch (NumberFormatException e) {
                // not an id
            }
        }
        List<Condition> any = new ArrayList<>();
        any.add(MDL_USER.USERNAME.in(names));
        any.add(MDL_USER.IDNUMBER.in(names));
        any.add(MDL_USER.EMAIL.in(names));
        if (!ids.isEmpty()) {
            any.add(MDL_USER.ID.in(ids));
        }
        List<MdlUserRecord> found = SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER)
                .where(MDL_USER.DELETED.eq((short) 0))
                .and(MDL_USER.MNETHOSTID.eq(settings.site().localMnetHostId()))
                .and(DSL.or(any)), MDL_USER);
        return new Teachers(settings, roles, instances, found);
    }

    /** The one user an account names: by id, else username, else idnumber, else e-mail. */
    MdlUserRecord user(String account, String column) {
        String a = account.trim();
        try {
            long id = Long.parseLong(a);
            for (MdlUserRecord u : users) {
                if (u.getId() == id) {
                    return u;
                }
            }
        } catch (NumberFormatException e) {
            // not an id
        }
        String lower = a.toLowerCase(Locale.ROOT);
        for (java.util.function.Function<MdlUserRecord, String> field : List.<java.util.function.Function<
                MdlUserRecord, String>>of(MdlUserRecord::getUsername, MdlUserRecord::getIdnumber,
                MdlUserRecord::getEmail)) {
            List<MdlUserRecord> match = users.stream().filter(u -> {
                String v = field.apply(u);
                return v != null && !v.isEmpty() && (v.equals(a) || v.equals(lower));
            }).toList();
            if (match.size() == 1) {
                return match.get(0);
            }
            if (match.size() > 1) {
                throw new LineRejected(column, match.size() + " users match " + account
                        + ": give a username or user id");
            }
        }
        throw new LineRejected(column, "no user " + account + " (a user id, username, idnumber or e-mail)");
    }

    /** Checks a line's teachers (users and roles exist) before anything is written. */
    void check(List<CourseTeacher> teachers) {
        for (int i = 0; i < teachers.size(); i++) {
            CourseTeacher t = teachers.get(i);
            user(t.account(), "teacher" + (i + 1) + "_account");
            roleId(t, i);
        }
    }

    private long roleId(CourseTeacher t, int index) {
        Long roleId = roles.id(t.roleOrDefault());
        String column = "teacher" + (index + 1) + "_role";
        if (roleId == null) {
            throw new LineRejected(column, "no role " + t.roleOrDefault());
        }
        if (!roles.assignableInCourse(roleId)) {
            throw new LineRejected(column, "role " + t.roleOrDefault() + " cannot be assigned in a course");
        }
        return roleId;
    }

    /**
     * Enrols the teachers of a line in a course (course id and context known; negative id in a dry run).
     *
     * @return one change per teacher newly enrolled or given the role
     */
    List<FieldChange> apply(DSLContext dsl, long courseId, long contextId, List<CourseTeacher> teachers, long now,
                            boolean dryRun) {
        List<FieldChange> changes = new ArrayList<>();
        if (teachers.isEmpty()) {
            return changes;
        }
        long modifier = settings.site().siteAdmins().stream().min(Long::compare).orElse(0L);
        MdlEnrolRecord manual = courseId < 0 ? null : dsl.selectFrom(MDL_ENROL)
                .where(MDL_ENROL.COURSEID.eq(courseId)).and(MDL_ENROL.ENROL.eq("manual"))
                .orderBy(MDL_ENROL.ID).limit(1).fetchOne();
        Long manualId = manual == null ? null : manual.getId();
        for (int i = 0; i < teachers.size(); i++) {
            CourseTeacher t = teachers.get(i);
            MdlUserRecord user = user(t.account(), "teacher" + (i + 1) + "_account");
            long roleId = roleId(t, i);
            boolean enrolled = manualId != null && dsl.fetchExists(MDL_USER_ENROLMENTS,
                    MDL_USER_ENROLMENTS.ENROLID.eq(manualId).and(MDL_USER_ENROLMENTS.USERID.eq(user.getId())));
            boolean hasRole = courseId > 0 && dsl.fetchExists(MDL_ROLE_ASSIGNMENTS,
                    MDL_ROLE_ASSIGNMENTS.ROLEID.eq(roleId).and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(contextId))
                            .and(MDL_ROLE_ASSIGNMENTS.USERID.eq(user.getId()))
                            .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("")).and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(0L)));
            if (enrolled && hasRole) {
                continue;
            }
            if (!dryRun) {
                if (manualId == null) {
                    MdlEnrolRecord added = instances.defaults("manual");
                    added.setStatus(0L);
                    manualId = EnrolInstances.insert(dsl, courseId, added, now);
                }
                if (!enrolled) {
                    dsl.insertInto(MDL_USER_ENROLMENTS)
                            .set(MDL_USER_ENROLMENTS.STATUS, 0L)
                            .set(MDL_USER_ENROLMENTS.ENROLID, manualId)
                            .set(MDL_USER_ENROLMENTS.USERID, user.getId())
                            .set(MDL_USER_ENROLMENTS.TIMESTART, 0L)
                            .set(MDL_USER_ENROLMENTS.TIMEEND, 0L)
                            .set(MDL_USER_ENROLMENTS.MODIFIERID, modifier)
                            .set(MDL_USER_ENROLMENTS.TIMECREATED, now)
                            .set(MDL_USER_ENROLMENTS.TIMEMODIFIED, now)
                            .execute();
                }
                if (!hasRole) {
                    dsl.insertInto(MDL_ROLE_ASSIGNMENTS)
                            .set(MDL_ROLE_ASSIGNMENTS.ROLEID, roleId)
                            .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, contextId)
                            .set(MDL_ROLE_ASSIGNMENTS.USERID, user.getId())
                            .set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, now)
                            .set(MDL_ROLE_ASSIGNMENTS.MODIFIERID, modifier)
                            .set(MDL_ROLE_ASSIGNMENTS.COMPONENT, "")
                            .set(MDL_ROLE_ASSIGNMENTS.ITEMID, 0L)
                            .set(MDL_ROLE_ASSIGNMENTS.SORTORDER, 0L)
                            .execute();
                }
                CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_USERS, user.getId().toString(), now);
            }
            changes.add(new FieldChange("teacher" + (i + 1), null, user.getUsername() + " ("
                    + roles.shortname(roleId) + ")"));
        }
        return changes;
    }
}
