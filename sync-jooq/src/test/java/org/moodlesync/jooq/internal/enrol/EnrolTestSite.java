package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlRoleAssignmentsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlUserEnrolmentsRecord;
import org.moodlesync.jooq.testing.TestDatabase;

/** A test site for the enrolment tests: engine with a fixed clock, courses, users, and row readers. */
final class EnrolTestSite {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    final TestDatabase db;
    final DSLContext dsl;
    final Path dir;
    final CourseFixture courses;

    EnrolTestSite(TestDatabase db, Path dir) {
        this.db = db;
        this.dsl = db.dsl();
        this.dir = dir;
        this.courses = new CourseFixture(dsl, NOW - 86_400);
    }

    SyncEngine engine() {
        return engine(CLOCK);
    }

    /** An engine whose clock is later (for reruns: nothing may change although time passed). */
    SyncEngine later() {
        return engine(Clock.offset(CLOCK, Duration.ofHours(2)));
    }

    SyncEngine engine(Clock clock) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(clock).build();
    }

    Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    /** Users by username, idnumber = the username upper-cased, through the users writer. */
    void users(String... usernames) {
        List<UserCommand> commands = java.util.Arrays.stream(usernames).map(u -> UserCommand.builder().username(u)
                .idnumber(u.toUpperCase()).firstname(u).lastname("Test").email(u + "@example.org").build()).toList();
        RunResult run = engine().users().commands(commands).execute();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    }

    long userId(String username) {
        return dsl.select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchSingle().value1();
    }

    long roleId(String shortname) {
        return dsl.select(MDL_ROLE.ID).from(MDL_ROLE).where(MDL_ROLE.SHORTNAME.eq(shortname)).fetchSingle().value1();
    }

    List<MdlUserEnrolmentsRecord> enrolments(String username) {
        return dsl.selectFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.USERID.eq(userId(username)))
                .orderBy(MDL_USER_ENROLMENTS.ID).fetch();
    }

    MdlUserEnrolmentsRecord enrolment(String username, long enrolId) {
        return dsl.selectFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.USERID.eq(userId(username)))
                .and(MDL_USER_ENROLMENTS.ENROLID.eq(enrolId)).fetchOne();
    }

    List<MdlRoleAssignmentsRecord> roles(String username, long contextId) {
        return dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(userId(username)))
                .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(contextId)).orderBy(MDL_ROLE_ASSIGNMENTS.ID).fetch();
    }

    /** Role shortnames of a user in a context. */
    Set<String> roleNames(String username, long contextId) {
        Set<String> names = new TreeSet<>();
        for (MdlRoleAssignmentsRecord r : roles(username, contextId)) {
            names.add(dsl.select(MDL_ROLE.SHORTNAME).from(MDL_ROLE).where(MDL_ROLE.ID.eq(r.getRoleid()))
                    .fetchSingle().value1());
        }
        return names;
    }

    /** Names of the groups of a course the user is in. */
    Set<String> groupsOf(String username, long courseId) {
        return new TreeSet<>(dsl.select(MDL_GROUPS.NAME).from(MDL_GROUPS_MEMBERS).join(MDL_GROUPS)
                .on(MDL_GROUPS.ID.eq(MDL_GROUPS_MEMBERS.GROUPID))
                .where(MDL_GROUPS_MEMBERS.USERID.eq(userId(username))).and(MDL_GROUPS.COURSEID.eq(courseId))
                .fetch(MDL_GROUPS.NAME));
    }

    long groupId(long courseId, String name) {
        return dsl.select(MDL_GROUPS.ID).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(courseId))
                .and(MDL_GROUPS.NAME.eq(name)).fetchSingle().value1();
    }
}
