package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_FIELD;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.internal.user.MoodlePasswordHasher;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.jooq.impl.DSL;

/**
 * What an administrator trusts moodle-sync with: values that look like SQL are stored verbatim and change nothing
 * else (SQL only with bound values, proven on the statements' text); clear-text passwords reach no log, report,
 * result, error, text or JSON report, only the tryback file, which only its owner can read; output files are not
 * readable by others.
 */
class SecurityTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);

    /** Strings that would change a statement built by concatenation, on one engine or another. */
    static final List<String> INJECTIONS = List.of(
            "'; DROP TABLE mdl_user; --",
            "\" OR 1=1 --",
            "\\",
            "\\'; DROP TABLE mdl_context; --",
            "%_",
            "‘’“”＇＂",
            "' OR ''='",
            "a'); DELETE FROM mdl_user; --",
            "$1 ? :name @p0 {0}",
            "%' OR username LIKE '%",
            "`; SHOW TABLES; #",
            "\u02bc OR 1=1 -- \u2019");

    /** Columns of the users file and their Moodle length (0: text). */
    static final Map<String, Integer> TEXT_COLUMNS = new java.util.LinkedHashMap<>();

    static {
        for (String c : List.of("idnumber", "institution", "department", "address", "firstnamephonetic",
                "lastnamephonetic", "middlename", "alternatename")) {
            TEXT_COLUMNS.put(c, 255);
        }
        TEXT_COLUMNS.put("firstname", 100);
        TEXT_COLUMNS.put("lastname", 100);
        TEXT_COLUMNS.put("city", 120);
        TEXT_COLUMNS.put("phone1", 20);
        TEXT_COLUMNS.put("phone2", 20);
        TEXT_COLUMNS.put("lang", 30);
        TEXT_COLUMNS.put("calendartype", 30);
        TEXT_COLUMNS.put("theme", 50);
        TEXT_COLUMNS.put("timezone", 100);
        TEXT_COLUMNS.put("description", 0);
    }

    @TempDir
    Path dir;

    private static String csv(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").collect(Collectors.joining(","));
    }

    private static String fit(String value, int max) {
        return max > 0 && value.length() > max ? value.substring(0, max) : value;
    }

    @OnEachDatabase
    void valuesThatLookLikeSqlAreStoredVerbatimAndChangeNothingElse(TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, "1").where(MDL_CONFIG.NAME.eq("extendedusernamechars")).execute();
        if (dsl.fetchCount(MDL_CONFIG, MDL_CONFIG.NAME.eq("extendedusernamechars")) == 0) {
            dsl.insertInto(MDL_CONFIG).set(MDL_CONFIG.NAME, "extendedusernamechars").set(MDL_CONFIG.VALUE, "1")
                    .execute();
        }
        long field = dsl.insertInto(MDL_USER_INFO_FIELD).set(MDL_USER_INFO_FIELD.SHORTNAME, "dept")
                .set(MDL_USER_INFO_FIELD.NAME, "Department").set(MDL_USER_INFO_FIELD.DATATYPE, "text")
                .set(MDL_USER_INFO_FIELD.PARAM1, "30").set(MDL_USER_INFO_FIELD.PARAM2, "255")
                .returningResult(MDL_USER_INFO_FIELD.ID).fetchOne().value1();
        FaultyDataSource spy = new FaultyDataSource(db.dataSource()).recordSql();
        SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(MoodleDatabase.of(spy, db.dialect(), "mdl_")))
                .clock(CLOCK).build();

        List<String> header = new ArrayList<>(List.of("username", "email", "password", "profile_field_dept"));
        header.addAll(TEXT_COLUMNS.keySet());
        List<String> lines = new ArrayList<>();
        lines.add(csv(header));
        for (int i = 0; i < INJECTIONS.size(); i++) {
            String inj = INJECTIONS.get(i);
            List<String> values = new ArrayList<>(List.of(inj + " u" + i, "x'or'1'='1" + i + "@example.org",
                    inj + "Pw" + i, inj));
            for (Map.Entry<String, Integer> c : TEXT_COLUMNS.entrySet()) {
                values.add(fit(inj + (c.getKey().equals("idnumber") ? " " + i : ""), c.getValue()));
            }
            lines.add(csv(values));
        }
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        Map<String, List<List<Object>>> before = SiteState.dump(dsl);

        RunResult run = engine.users().format(CsvFormat.rfc4180()).identifyBy(UserKey.USERNAME).from(file)
                .execute();

        assertThat(run.lines()).as(run.lines().toString()).hasSize(INJECTIONS.size())
                .allMatch(l -> l.outcome() == Outcome.CREATED);
        for (int i = 0; i < INJECTIONS.size(); i++) {
            String inj = INJECTIONS.get(i);
            String username = (inj + " u" + i).toLowerCase(java.util.Locale.ROOT);
            MdlUserRecord u = SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)), MDL_USER);
            assertThat(u).as("user " + username).isNotNull();
            assertThat(u.getEmail()).isEqualTo("x'or'1'='1" + i + "@example.org");
            assertThat(MoodlePasswordHasher.matches(inj + "Pw" + i, u.getPassword())).isTrue();
            for (Map.Entry<String, Integer> c : TEXT_COLUMNS.entrySet()) {
                String expected = fit(inj + (c.getKey().equals("idnumber") ? " " + i : ""), c.getValue());
                if (c.getKey().equals("lang")) {
                    expected = expected.toLowerCase(java.util.Locale.ROOT); // language codes are lower-cased
                }
                assertThat(u.get(MDL_USER.field(c.getKey()))).as(c.getKey() + " of " + username).isEqualTo(expected);
            }
            assertThat(dsl.select(MDL_USER_INFO_DATA.DATA).from(MDL_USER_INFO_DATA)
                    .where(MDL_USER_INFO_DATA.USERID.eq(u.getId())).and(MDL_USER_INFO_DATA.FIELDID.eq(field))
                    .fetchOne(MDL_USER_INFO_DATA.DATA)).isEqualTo(inj);
        }
        Map<String, List<List<Object>>> after = SiteState.dump(dsl);
        Set<String> written = Set.of("mdl_user", "mdl_context", "mdl_user_preferences", "mdl_user_info_data",
                "mdl_cache_flags");
        for (String table : before.keySet()) {
            if (written.contains(table)) {
                assertThat(after.get(table)).as(table + ": the rows before are untouched")
                        .containsAll(before.get(table));
            } else {
                assertThat(after.get(table)).as(table + " unchanged").isEqualTo(before.get(table));
            }
        }
        assertThat(after.get("mdl_user")).hasSize(before.get("mdl_user").size() + INJECTIONS.size());
        assertThat(SiteState.violations(dsl)).isEmpty();

        // the same values find their users again (bound in the lookups too): nothing to do
        RunResult again = engine.users().format(CsvFormat.rfc4180()).identifyBy(UserKey.USERNAME).from(file)
                .execute();
        assertThat(again.lines()).allMatch(l -> l.outcome() == Outcome.UNCHANGED);

        // patterns and quotes in a delete file match nobody; the exact usernames match exactly their users
        Path nobody = dir.resolve("userdelete.csv");
        Files.writeString(nobody, String.join("\n", "username", "%", "_", "' or 1=1 --", "admin' --",
                "%' or '1'='1", "*", ".*", "guest'--") + "\n");
        RunResult none = engine.userDeletes().identifyBy(UserKey.USERNAME).from(nobody).execute();
        assertThat(none.lines()).allMatch(l -> l.outcome() == Outcome.SKIPPED);
        assertThat(SiteState.dump(dsl)).isEqualTo(SiteState.dump(dsl)).containsEntry("mdl_user", after.get("mdl_user"));

        Path some = dir.resolve("userdelete2.csv");
        Files.writeString(some, csv(List.of("username")) + "\n" + csv(List.of(INJECTIONS.get(0) + " u0")) + "\n"
                + csv(List.of(INJECTIONS.get(4) + " u4")) + "\n");
        RunResult two = engine.userDeletes().format(CsvFormat.rfc4180()).identifyBy(UserKey.USERNAME).from(some)
                .execute();
        assertThat(two.lines()).extracting(LineResult::outcome).containsExactly(Outcome.DELETED, Outcome.DELETED);
        assertThat(dsl.fetchCount(MDL_USER, MDL_USER.DELETED.eq((short) 0))).isEqualTo(
                before.get("mdl_user").size() + INJECTIONS.size() - 2);

        // not one value was ever part of a statement's text
        List<String> markers = List.of("DROP TABLE", "1=1", "DELETE FROM mdl_user", "x'or'", "‘", "SHOW TABLES",
                "LIKE '%", "u0", "Pw");
        for (String sql : spy.sql()) {
            for (String marker : markers) {
                assertThat(sql).as("statement text holding a value").doesNotContain(marker);
            }
        }
        Figures.record("security.statementsChecked." + db.server().name().toLowerCase(), spy.sql().size());
    }

    @OnEachDatabase
    void passwordsStayOutOfLogsReportsResultsAndErrors(TestDatabase db) throws Exception {
        List<String> secrets = List.of("Zq8!first-Secret", "Zq8!shifted-Secret", "Zq8!long-Secret" + "x".repeat(120),
                "Zq8!Semi;colon-Secret", "Zq8!update-Secret", "Zq8!hash-Secret", "Zq8!stop-Secret");
        String header = "username;idnumber;firstname;lastname;email;mailformat;password";
        Path file = Kinds.write(dir, "userimport.csv", header, List.of(
                "pw1;P1;Ann;One;pw1@example.org;1;" + secrets.get(0),       // created
                "pw2;P2;Ann;Two;pw2@example.org;" + secrets.get(1),          // a value missing: shifted
                "pw3;P3;Ann;Three;pw3@example.org;1;" + secrets.get(2),     // too long
                "pw4;P4;Ann;Four;pw4@example.org;1;" + secrets.get(3),      // the separator in it
                "pw1;P1;Ann;One;pw1@example.org;1;" + secrets.get(4),       // password changed
                "BAD USER;P5;Ann;Five;pw5@example.org;1;" + secrets.get(5), // refused by the writer
                "pw6;P6;;Six;pw6@example.org;1;" + secrets.get(6)));        // refused by the mapper

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        RunResult run;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(tee);
        try {
            SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
            run = engine.users().chunkSize(2).jsonReportTo(dir.resolve("json")).from(file).execute();
            // and a run that ends badly, logging its error: the database gone in the middle
            FaultyDataSource outage = new FaultyDataSource(db.dataSource());
            SyncEngine failing = SyncEngine.builder()
                    .moodle(JooqMoodle.on(MoodleDatabase.of(outage, db.dialect(), "mdl_"))).clock(CLOCK).build();
            outage.fault((n, sql, c) -> {
                if (n > 12) {
                    throw new java.sql.SQLException("connection reset", "08006");
                }
            });
            RunResult broken = failing.users().chunkSize(2).from(Kinds.write(Files.createDirectories(
                    dir.resolve("again")), "userimport.csv", header, List.of(
                    "pw7;P7;Ann;Seven;pw7@example.org;1;" + secrets.get(0),
                    "pw8;P8;Ann;Eight;pw8@example.org;" + secrets.get(1),
                    "pw9;P9;Ann;Nine;pw9@example.org;1;" + secrets.get(4)))).execute();
            assertThat(broken.error()).isNotNull();
            assertThat(everyText(broken)).doesNotContain(secrets.toArray(String[]::new));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().updated()).isEqualTo(1);
        assertThat(run.failures()).hasSize(5);
        assertThat(run.line(3).orElseThrow().error().field()).isEqualTo("mailformat");
        String logs = captured.toString(StandardCharsets.UTF_8);
        String report = Files.readString(run.reportFile());
        Path jsonFile = dir.resolve("json").resolve(org.moodlesync.core.internal.report.JsonReport.fileName("userimport.csv",
                CLOCK.instant(), CLOCK.getZone()));
        String json = Files.readString(jsonFile);
        assertThat(json).contains("\"line\":2", "\"outcome\":\"CREATED\"", "\"trybackFile\"");
        String results = everyText(run);
        for (String secret : secrets) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(report).as("report").doesNotContain(secret);
            assertThat(json).as("JSON report").doesNotContain(secret);
            assertThat(results).as("results and errors").doesNotContain(secret);
        }
        for (String part : List.of("Zq8!Semi", "colon-Secret")) {
            assertThat(logs + report + json + results).doesNotContain(part);
        }
        // the tryback file keeps the lines as the admin gave them, for its owner only
        String tryback = Files.readString(run.trybackFile());
        assertThat(tryback).contains(secrets.get(1), secrets.get(2), secrets.get(3), secrets.get(5), secrets.get(6));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.trybackFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.reportFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.reportFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jsonFile)))
                .as("the JSON report, like the text report").isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jsonFile.getParent())))
                .isEqualTo("rwx------");
    }

    /** Every text of a result that reaches people: error, notices, entities, changes, messages, reasons. */
    private static String everyText(RunResult r) {
        StringBuilder sb = new StringBuilder(String.valueOf(r.error())).append(r.notices()).append(r.counts());
        for (LineResult l : r.lines()) {
            sb.append(l.entity()).append(l.changes()).append(l.messages()).append(l.error());
        }
        return sb.toString();
    }

    @OnEachDatabase
    void aTrybackFileOrJsonReportIsNeverWrittenThroughALinkLeftInItsPlace(TestDatabase db) throws Exception {
        Path elsewhere = Files.writeString(Files.createDirectories(dir.resolve("other")).resolve("target.txt"),
                "not yours\n");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-rw-rw-"));
        // the tryback file's name is known in advance (tool_sync's scheme, to the second)
        String name = org.moodlesync.core.internal.report.OutputNames.tryback("userimport.csv", CLOCK.instant(),
                CLOCK.getZone());
        Path planted = Files.createSymbolicLink(dir.resolve(name), elsewhere);
        Path file = Kinds.write(dir, "userimport.csv", "username;firstname;lastname",
                List.of("ok1;A;B", "bad1;;B"));

        Path json = Files.createDirectories(dir.resolve("json"));
        Path plantedJson = Files.createSymbolicLink(json.resolve(org.moodlesync.core.internal.report.JsonReport.fileName(
                "userimport.csv", CLOCK.instant(), CLOCK.getZone())), elsewhere);

        RunResult run = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build()
                .users().identifyBy(UserKey.USERNAME).jsonReportTo(json).from(file).execute();

        // the links stay as they are, nothing is written through them: the run takes the next names
        assertThat(Files.isSymbolicLink(plantedJson)).as("the planted link is left alone").isTrue();
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        assertThat(Files.readString(elsewhere)).isEqualTo("not yours\n");
        try (var jsons = Files.list(json)) {
            assertThat(jsons.filter(p -> !Files.isSymbolicLink(p)).toList()).singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).contains("\"kind\":\"users\""));
        }
        assertThat(run.trybackFile()).isNotEqualTo(planted);
        assertThat(run.trybackFile().getFileName().toString()).endsWith("-2.csv");
        assertThat(Files.isSymbolicLink(run.trybackFile())).isFalse();
        assertThat(Files.readAllLines(run.trybackFile())).containsExactly("username;firstname;lastname", "bad1;;B");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.trybackFile())))
                .isEqualTo("rw-------");
    }
}
