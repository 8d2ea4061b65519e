package org.moodlesync.jooq.reliability;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;

/**
 * The table of kinds the reliability tests run: for each kind of command file, how the engine runs it, what must
 * be on the site first, and a sample good file. Every test of this package (idempotency, hostile files, fuzz,
 * fault sweeps, injection, restricted rights) goes over this table, so a kind joins all of them with one line here.
 *
 * <p>Pictures are archives, not CSV files: their hostile archives (zip-slip, decompression bombs, junk) and their
 * rerun are tested with them ({@code org.moodlesync.jooq.internal.picture.PicturesTest}).
 */
public final class Kinds {

    /**
     * One kind of file.
     *
     * @param kind       the kind
     * @param step       the engine's fluent step of the kind
     * @param needs      kinds whose sample must have run first (for example users before a delete file)
     * @param header     the sample file's columns, {@code ;}-separated (tool_sync dialect)
     * @param headerless the file has no header line (tool_sync's course delete and check files): its columns are
     *                   fixed, {@code header} only names them
     * @param lines      the sample file's data lines: good lines, each of which succeeds on a site prepared by
     *                   {@code needs} (and writes, unless {@code writes} is false)
     * @param writes     the kind writes (false for the course check file, whose lines only report)
     * @param table      the Moodle table the file's columns are stored in: a value longer than its column there must
     *                   fail its line, naming the column
     * @param fields     columns of the file stored (or looked up) in a field of another name or table
     * @param site       what an administrator must have set on the site for the kind to run (a plugin enabled),
     *                   done on the site's database before the needs run
     */
    public record Kind(SyncKind kind, Function<SyncEngine, FileSync<?, ?>> step, List<SyncKind> needs, String header,
                       boolean headerless, List<String> lines, boolean writes, Table<?> table,
                       Map<String, Field<?>> fields, Consumer<DSLContext> site) {

        /** The sample file, written in {@code dir} under tool_sync's file name. */
        public Path sample(Path dir) throws IOException {
            return write(dir, fileName(), headerLine(), lines);
        }

        /** The header line of a file of this kind, or null when the kind's files have none. */
        public String headerLine() {
            return headerless ? null : header;
        }

        /** A file's text: its header line (if the kind has one) then {@code lines}, each ended by a line feed. */
        public String text(List<String> data) {
            StringBuilder sb = new StringBuilder();
            if (!headerless) {
                sb.append(header).append('\n');
            }
            data.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }

        /** The file line number of the {@code i}-th data line (0-based). */
        public long lineNumber(int i) {
            return i + (headerless ? 1 : 2);
        }

        /** tool_sync's file name of the kind. */
        public String fileName() {
            return kind.defaultFileName();
        }

        /** The header's columns. */
        public List<String> columns() {
            return Arrays.asList(header.split(";", -1));
        }

        /** The Moodle field a column's value is stored in or looked up by, or null. */
        public Field<?> field(String column) {
            Field<?> f = fields.get(column);
            return f != null ? f : table.field(column);
        }

        /** Runs a file of this kind. */
        public RunResult run(SyncEngine engine, Path file) {
            FileSync<?, ?> sync = step.apply(engine);
            return sync.from(file).execute();
        }

        /** The kind's entry with other sample lines. */
        public Kind withLines(List<String> other) {
            return new Kind(kind, step, needs, header, headerless, other, writes, table, fields, site);
        }

        @Override
        public String toString() {
            return kind.cliName();
        }
    }

    static final String USERS_HEADER = "username;idnumber;firstname;lastname;email;password;city;country;lang;"
            + "description;phone1;institution;suspended;maildisplay";

    /** Every CSV kind. ONE ENTRY PER KIND: add yours here. */
    public static final List<Kind> ALL = entries(
            kind(SyncKind.USERS, SyncEngine::users, List.of(), MDL_USER, USERS_HEADER,
                    "u01;E001;Ada;Lovelace;ada@example.org;Pw#1secret;London;GB;en;Analyst;0123;Uni;0;1",
                    "u02;E002;Alan;Turing;alan@example.org;;Wilmslow;GB;en;;;;;",
                    "u03;E003;Grace;Hopper;grace@example.org;*NOPASS*;New York;US;en;<p>Admiral</p>;;Navy;0;2",
                    "u04;E004;Émile;Zola;emile@example.org;Zola#2024;Paris;FR;fr;Écrivain;;;;",
                    "u05;E005;Hedy;Lamarr;hedy@example.org;Hedy!1914;Wien;AT;de;;;;1;",
                    "u06;E006;Ken;Thompson;ken@example.org;Unix#1969;;US;en;;;Bell;0;0",
                    "u07;E007;李;小龍;lee@example.org;Kwoon#1940;香港;HK;zh_cn;;;;;"),
            kind(SyncKind.USER_DELETES, SyncEngine::userDeletes, List.of(SyncKind.USERS), MDL_USER, "idnumber",
                    "E006", "E007"),
            kind(SyncKind.USER_SUSPENDS, SyncEngine::userSuspends, List.of(SyncKind.USERS), MDL_USER, "idnumber",
                    "E001", "E002"),
            kind(SyncKind.COURSES, SyncEngine::courses, List.of(), MDL_COURSE,
                    "shortname;fullname;idnumber;category;summary;visible",
                    "C101;Chemistry 101;CI101;Science;<p>Atoms</p>;1",
                    "C102;Physics 201;CI102;Science/Physics;;1",
                    "C103;Sciences (meta);CI103;Science;;1",
                    "C104;To be deleted;CI104;;;0",
                    "C105;Littérature;CI105;Lettres;Écrire 😀;1")
                    .with(Map.of("category", MDL_COURSE_CATEGORIES.NAME)),
            kind(SyncKind.COURSE_DELETES, SyncEngine::courseDeletes, List.of(SyncKind.COURSES), MDL_COURSE,
                    "identifier", "C104", "C105").headerless().with(Map.of("identifier", MDL_COURSE.SHORTNAME)),
            kind(SyncKind.COURSE_CHECKS, SyncEngine::courseChecks, List.of(SyncKind.COURSES), MDL_COURSE,
                    "identifier;description", "C101;first course", "C102;Physique").headerless().readOnly(),
            kind(SyncKind.ENROLMENTS, SyncEngine::enrolments, List.of(SyncKind.USERS, SyncKind.COURSES),
                    MDL_USER_ENROLMENTS, "cmd;rolename;uid;cid;starttime",
                    "add;student;E003;C101;2024-09-01",
                    "add;editingteacher;E004;C101;",
                    "add;student;E005;C102;",
                    "add;student;E003;C102;")
                    .with(Map.of("rolename", MDL_ROLE.SHORTNAME, "uid", MDL_USER.IDNUMBER, "cid",
                            MDL_COURSE.SHORTNAME)),
            kind(SyncKind.GROUPS, SyncEngine::groups, List.of(SyncKind.COURSES), MDL_GROUPS,
                    "courseid;name;idnumber;description",
                    "C101;Lab A;GA;Mornings",
                    "C101;Lab B;GB;",
                    "C102;Équipe 1;GE1;<b>Afternoons</b>")
                    .with(Map.of("courseid", MDL_COURSE.SHORTNAME)),
            kind(SyncKind.GROUP_MEMBERS, SyncEngine::groupMembers, List.of(SyncKind.ENROLMENTS, SyncKind.GROUPS),
                    MDL_GROUPS_MEMBERS, "cmd;courseid;groupid;userid",
                    "add;C101;Lab A;E003",
                    "add;C101;Lab B;E004",
                    "add;C102;Équipe 1;E005")
                    .with(Map.of("courseid", MDL_COURSE.SHORTNAME, "groupid", MDL_GROUPS.NAME, "userid",
                            MDL_USER.IDNUMBER)),
            kind(SyncKind.COURSE_RESETS, SyncEngine::courseResets, List.of(SyncKind.GROUP_MEMBERS), MDL_COURSE,
                    "shortname;events;notes;roles;groups",
                    "C101;yes;yes;student;members",
                    "C102;yes;yes;student;members"),
            kind(SyncKind.COURSE_METAS, SyncEngine::courseMetas, List.of(SyncKind.COURSES), MDL_ENROL,
                    "master;meta;cmd", "C101;C103;add", "C102;C103;add")
                    .with(Map.of("master", MDL_COURSE.SHORTNAME, "meta", MDL_COURSE.SHORTNAME))
                    .site(Kinds::enableMetaLinks),
            kind(SyncKind.COHORTS, SyncEngine::cohorts, List.of(SyncKind.USERS), MDL_COHORT,
                    "cidnumber;cname;cdescription;userid",
                    "STAFF;Staff;All the staff;E001",
                    "STAFF;Staff;All the staff;E002",
                    "STUD;Étudiants;;E003")
                    .with(Map.of("cidnumber", MDL_COHORT.IDNUMBER, "cname", MDL_COHORT.NAME, "cdescription",
                            MDL_COHORT.DESCRIPTION, "userid", MDL_USER.IDNUMBER)),
            kind(SyncKind.COHORT_BINDINGS, SyncEngine::cohortBindings, List.of(SyncKind.COHORTS, SyncKind.COURSES),
                    MDL_ENROL, "cohort;course;role",
                    "STAFF;CI101;editingteacher",
                    "STUD;CI102;student")
                    .with(Map.of("cohort", MDL_COHORT.IDNUMBER, "course", MDL_COURSE.IDNUMBER, "role",
                            MDL_ROLE.SHORTNAME)));

    /**
     * What an administrator does to let meta links be made: enable the meta link enrolment plugin (Site
     * administration &gt; Plugins &gt; Enrolments), which adds {@code meta} to the config row
     * {@code enrol_plugins_enabled} the writer reads. Idempotent.
     */
    static void enableMetaLinks(DSLContext dsl) {
        String enabled = dsl.select(MDL_CONFIG.VALUE).from(MDL_CONFIG)
                .where(MDL_CONFIG.NAME.eq("enrol_plugins_enabled")).fetchOne(MDL_CONFIG.VALUE);
        if (enabled != null && !Arrays.asList(enabled.split(",")).contains("meta")) {
            dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, enabled + ",meta")
                    .where(MDL_CONFIG.NAME.eq("enrol_plugins_enabled")).execute();
        }
    }

    private Kinds() {
    }

    private static Entry kind(SyncKind kind, Function<SyncEngine, FileSync<?, ?>> step, List<SyncKind> needs,
                              Table<?> table, String header, String... lines) {
        return new Entry(new Kind(kind, step, needs, header, false, List.of(lines), true, table, Map.of(),
                dsl -> { }));
    }

    private static List<Kind> entries(Entry... entries) {
        return Arrays.stream(entries).map(Entry::k).toList();
    }

    /** A kind's entry being written (list elements are built through it). */
    private record Entry(Kind k) {
        Entry headerless() {
            return new Entry(new Kind(k.kind(), k.step(), k.needs(), k.header(), true, k.lines(), k.writes(),
                    k.table(), k.fields(), k.site()));
        }

        Entry readOnly() {
            return new Entry(new Kind(k.kind(), k.step(), k.needs(), k.header(), k.headerless(), k.lines(), false,
                    k.table(), k.fields(), k.site()));
        }

        Entry with(Map<String, Field<?>> fields) {
            return new Entry(new Kind(k.kind(), k.step(), k.needs(), k.header(), k.headerless(), k.lines(),
                    k.writes(), k.table(), fields, k.site()));
        }

        Entry site(Consumer<DSLContext> site) {
            return new Entry(new Kind(k.kind(), k.step(), k.needs(), k.header(), k.headerless(), k.lines(),
                    k.writes(), k.table(), k.fields(), site));
        }
    }

    /** The entry of a kind. */
    public static Kind of(SyncKind kind) {
        return ALL.stream().filter(k -> k.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample for " + kind));
    }

    /** {@code @MethodSource} of every kind. */
    public static Stream<Kind> all() {
        return ALL.stream();
    }

    /** Runs the samples a kind needs, in order (their own needs first); every line must succeed. */
    public static void prepare(SyncEngine engine, Kind kind, Path dir) throws IOException {
        if (engine.moodle() instanceof JooqMoodle moodle) {
            kind.site().accept(moodle.dsl());
        }
        for (SyncKind need : kind.needs()) {
            Kind before = of(need);
            prepare(engine, before, dir);
            Path sub = Files.createDirectories(dir.resolve("needs-" + need.cliName()));
            RunResult r = before.run(engine, before.sample(sub));
            if (!r.succeeded()) {
                throw new IllegalStateException("the sample of " + need + " does not pass: " + r.error() + " "
                        + r.failures());
            }
        }
    }

    /** Writes a file of header (none if null) and lines, each ended by a line feed. */
    public static Path write(Path dir, String name, String header, List<String> lines) throws IOException {
        List<String> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(lines);
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", all) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
