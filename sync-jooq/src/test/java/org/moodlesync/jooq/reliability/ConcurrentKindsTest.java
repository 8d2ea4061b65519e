package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Two engines on one database at once for the course and enrolment kinds (as {@link ConcurrencyTest} for users):
 * the same kind on overlapping files (courses twice, enrolments twice) and different kinds (enrolments into courses
 * that a courses run updates, while it creates others). No run lock between them: they stand for two machines that
 * do not share one. No run crashes; a line that loses a race fails alone with its reason; the site stays coherent
 * (no course or enrolment twice, one manual instance per course, no role assignment twice); a rerun completes.
 */
class ConcurrentKindsTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    static final int USERS = 60;
    static final int COURSES = 12;

    @TempDir
    Path dir;

    private static SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).locks(RunLocks.none()).build();
    }

    private static List<RunResult> together(List<Callable<RunResult>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<RunResult>> futures = new ArrayList<>();
            for (Callable<RunResult> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int noCrash(List<RunResult> runs) {
        int failed = 0;
        for (RunResult r : runs) {
            assertThat(r.status()).as(r.source() + ": " + r.error())
                    .isIn(RunStatus.COMPLETED, RunStatus.COMPLETED_WITH_ERRORS);
            for (LineResult f : r.failures()) {
                assertThat(f.error().reason()).as(f.error().toString()).isNotBlank();
                assertThat(f.error().line()).isPositive();
                failed++;
            }
            r.failures().stream().map(f -> f.error().reason()).distinct().limit(3)
                    .forEach(reason -> System.out.println("[concurrency] " + r.source() + ": a line lost a race: "
                            + reason));
        }
        return failed;
    }

    /** The site's coherence, with what a race would double: manual instances and role assignments. */
    private static void coherent(DSLContext dsl) {
        assertThat(SiteState.violations(dsl)).isEmpty();
        assertThat(dsl.fetchCount(dsl.select(MDL_ENROL.COURSEID).from(MDL_ENROL).where(MDL_ENROL.ENROL.eq("manual"))
                .groupBy(MDL_ENROL.COURSEID).having(DSL.count().gt(1)))).as("courses with two manual instances")
                .isZero();
        var ra = MDL_ROLE_ASSIGNMENTS;
        assertThat(dsl.fetchCount(dsl.select(ra.USERID, ra.CONTEXTID, ra.ROLEID, ra.COMPONENT, ra.ITEMID).from(ra)
                .groupBy(ra.USERID, ra.CONTEXTID, ra.ROLEID, ra.COMPONENT, ra.ITEMID).having(DSL.count().gt(1))))
                .as("role assignments twice").isZero();
    }

    /**
     * Every enrolment line the runs report as done is in the database right after them (a deadlock that rolled a
     * chunk back must not leave lines reported but gone).
     */
    private static void reportedIsStored(DSLContext dsl, List<RunResult> runs) {
        for (RunResult r : runs) {
            for (LineResult line : r.lines()) {
                if (line.failed()) {
                    continue;
                }
                String[] v = line.ref().rawText().split(";");
                assertThat(dsl.fetchExists(dsl.selectOne().from(MDL_USER_ENROLMENTS)
                        .join(MDL_ENROL).on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                        .join(MDL_COURSE).on(MDL_COURSE.ID.eq(MDL_ENROL.COURSEID))
                        .join(MDL_USER).on(MDL_USER.ID.eq(MDL_USER_ENROLMENTS.USERID))
                        .where(MDL_USER.IDNUMBER.eq(v[2])).and(MDL_COURSE.SHORTNAME.eq(v[3]))))
                        .as(r.source() + ":" + line.line() + " reported " + line.outcome() + " but not stored").isTrue();
            }
        }
    }

    private Path courses(String name, int from, int to, String title) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            lines.add("K" + i + ";" + title + " " + i + ";KI" + i + ";Science/Area " + (i % 3));
        }
        return Kinds.write(Files.createDirectories(dir.resolve(name)), "uploadcourses.csv",
                "shortname;fullname;idnumber;category", lines);
    }

    private Path enrolments(String name, boolean reversed) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            for (int c = 1; c <= 3; c++) {
                int course = 1 + (u + c) % COURSES;
                lines.add("add;" + (c == 1 ? "editingteacher" : "student") + ";CU" + u + ";K" + course);
            }
        }
        if (reversed) {
            java.util.Collections.reverse(lines);
        }
        return Kinds.write(Files.createDirectories(dir.resolve(name)), "enrols.csv", "cmd;rolename;uid;cid", lines);
    }

    private void setUp(TestDatabase db) throws Exception {
        List<String> users = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            users.add("cu" + u + ";CU" + u + ";First" + u + ";Last" + u + ";cu" + u + "@example.org");
        }
        assertThat(engine(db).users().from(Kinds.write(Files.createDirectories(dir.resolve("users")),
                "userimport.csv", "username;idnumber;firstname;lastname;email", users)).execute().succeeded())
                .isTrue();
        assertThat(engine(db).courses().from(courses("setup", 1, COURSES, "Course")).execute().succeeded()).isTrue();
    }

    @OnEachDatabase
    void coursesTwiceOnOverlappingFilesAtOnce(TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        // both create K101-K160 and its categories, from two ends of an overlapping range
        Path a = courses("a", 101, 150, "From A");
        Path b = courses("b", 121, 160, "From B");
        List<RunResult> runs = together(List.of(
                () -> engine(db).courses().chunkSize(5).from(a).execute(),
                () -> engine(db).courses().chunkSize(5).from(b).execute()));
        int failed = noCrash(runs);
        coherent(dsl);
        for (Path file : List.of(a, b)) {
            RunResult again = engine(db).courses().from(file).execute();
            assertThat(again.status()).as(again.failures().toString()).isEqualTo(RunStatus.COMPLETED);
        }
        assertThat(dsl.fetchCount(MDL_COURSE, MDL_COURSE.SHORTNAME.like("K1__"))).isEqualTo(60);
        coherent(dsl);
        Figures.record("concurrency.courses.linesFailedByRaces." + db.server().name().toLowerCase(), failed);
    }

    @OnEachDatabase
    void enrolmentsTwiceAtOnceInOppositeOrders(TestDatabase db) throws Exception {
        setUp(db);
        DSLContext dsl = db.dsl();
        Path up = enrolments("up", false);
        Path down = enrolments("down", true);
        List<RunResult> runs = together(List.of(
                () -> engine(db).enrolments().chunkSize(15).from(up).execute(),
                () -> engine(db).enrolments().chunkSize(15).from(down).execute()));
        int failed = noCrash(runs);
        coherent(dsl);
        reportedIsStored(dsl, runs);
        for (Path file : List.of(up, down)) {
            RunResult again = engine(db).enrolments().from(file).execute();
            assertThat(again.status()).as(again.failures().toString()).isEqualTo(RunStatus.COMPLETED);
        }
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).isEqualTo(USERS * 3);
        coherent(dsl);
        Figures.record("concurrency.enrolments.linesFailedByRaces." + db.server().name().toLowerCase(), failed);
    }

    @OnEachDatabase
    void enrolmentsAndCoursesAtOnce(TestDatabase db) throws Exception {
        setUp(db);
        DSLContext dsl = db.dsl();
        // the courses run renames the courses being enrolled into and creates others in their categories
        Path renamed = courses("renamed", 1, COURSES, "Renamed");
        List<String> both = new ArrayList<>(Files.readAllLines(renamed));
        both.addAll(Files.readAllLines(courses("more", 201, 240, "More")).subList(1, 41));
        Path courses = Kinds.write(Files.createDirectories(dir.resolve("both")), "uploadcourses.csv", both.get(0),
                both.subList(1, both.size()));
        Path enrols = enrolments("enrols", false);
        List<RunResult> runs = together(List.of(
                () -> engine(db).courses().chunkSize(4).from(courses).execute(),
                () -> engine(db).enrolments().chunkSize(15).from(enrols).execute()));
        int failed = noCrash(runs);
        coherent(dsl);
        reportedIsStored(dsl, List.of(runs.get(1)));
        RunResult again = engine(db).enrolments().from(enrols).execute();
        assertThat(again.status()).as(again.failures().toString()).isEqualTo(RunStatus.COMPLETED);
        RunResult coursesAgain = engine(db).courses().from(courses).execute();
        assertThat(coursesAgain.status()).as(coursesAgain.failures().toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).isEqualTo(USERS * 3);
        assertThat(dsl.fetchCount(MDL_COURSE, MDL_COURSE.FULLNAME.like("Renamed %"))).isEqualTo(COURSES);
        assertThat(dsl.fetchCount(MDL_COURSE, MDL_COURSE.SHORTNAME.like("K2__"))).isEqualTo(40);
        coherent(dsl);
        Figures.record("concurrency.enrolmentsAndCourses.linesFailedByRaces." + db.server().name().toLowerCase(),
                failed);
    }
}
