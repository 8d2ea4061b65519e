package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.internal.pipeline.SyncPipeline;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabaseExtension;

/**
 * SQL injection, for every kind of {@link Kinds} on H2, PostgreSQL and MariaDB: after the kind's sample, for every
 * column of its file, a file whose lines are the first sample line with one of {@link SecurityTest#INJECTIONS} in
 * that column. Every line succeeds or fails alone with its reason (never "the database refused"); every table is
 * still there and the site coherent, no row count fell; a value a line wrote is stored verbatim (the last one of the
 * file wins where lines update the same entity); and no value ever appears in a statement's text.
 */
class KindsInjectionTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    /** Markers of the injections that no statement text may hold. */
    static final List<String> MARKERS = List.of("DROP TABLE", "1=1", "DELETE FROM mdl_user", "SHOW TABLES", "LIKE '%",
            "‘", "''='");

    @TempDir
    Path dir;

    static Stream<Arguments> kindsOnEachDatabase() {
        return Kinds.ALL.stream().flatMap(kind -> Stream.of(DatabaseServer.values())
                .map(server -> Arguments.of(kind, TestDatabase.installed(server))));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("kindsOnEachDatabase")
    @ExtendWith(TestDatabaseExtension.class)
    void injectionsInEveryColumnAreBoundValues(Kinds.Kind kind, TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        FaultyDataSource spy = new FaultyDataSource(db.dataSource());
        SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(MoodleDatabase.of(spy, db.dialect(), "mdl_")))
                .clock(CLOCK).build();
        Kinds.prepare(engine, kind, Files.createDirectories(dir.resolve("needs")));
        assertThat(kind.run(engine, kind.sample(Files.createDirectories(dir.resolve("sample")))).succeeded()).isTrue();
        spy.recordSql();
        String[] first = kind.lines().get(0).split(";", -1);
        int lines = 0;
        int stored = 0;
        for (int c = 0; c < kind.columns().size(); c++) {
            String column = kind.columns().get(c);
            Map<String, List<List<Object>>> before = SiteState.dump(dsl);
            List<String> data = new ArrayList<>();
            for (String injection : SecurityTest.INJECTIONS) {
                String[] values = first.clone();
                values[c] = injection;
                // quoted (RFC 4180 with ;), so that quotes and separators in the injections stay in their value
                data.add(String.join(";", Arrays.stream(values).map(v -> "\"" + v.replace("\"", "\"\"") + "\"")
                        .toList()));
            }
            Path file = Kinds.write(Files.createDirectories(dir.resolve("column-" + c)), kind.fileName(),
                    kind.headerless() ? null : String.join(";", kind.columns()), data);

            RunResult r = kind.step().apply(engine).format(CsvFormat.rfc4180().separator(';')).from(file).execute();

            String what = kind + " / injections in " + column + " on " + db + ": " + r.status() + " " + r.error()
                    + " " + r.lines();
            assertThat(r.lines()).as(what).hasSize(data.size());
            for (LineResult line : r.failures()) {
                assertThat(line.error().reason()).as(what).doesNotStartWith("the database refused")
                        .doesNotStartWith(SyncPipeline.UNEXPECTED);
            }
            Map<String, List<List<Object>>> after = SiteState.dump(dsl);
            assertThat(after.keySet()).as(what + ": every table is still there").isEqualTo(before.keySet());
            for (String table : before.keySet()) {
                assertThat(after.get(table).size()).as(what + ": rows of " + table)
                        .isGreaterThanOrEqualTo(before.get(table).size());
            }
            assertThat(SiteState.violations(dsl)).as(what).isEmpty();
            stored += checkStored(kind, column, r, dsl, what);
            lines += data.size();
        }
        for (String sql : spy.sql()) {
            for (String marker : MARKERS) {
                assertThat(sql).as(kind + ": a statement's text holding a value").doesNotContain(marker);
            }
        }
        Figures.record("injection.lines." + kind + "." + db.server().name().toLowerCase(), lines);
        Figures.record("injection.storedVerbatim." + kind + "." + db.server().name().toLowerCase(), stored);
    }

    /**
     * A line that wrote its injection stored it verbatim in the column's field (a password is stored as a hash: {@link SecurityTest} checks it). Returns the values checked.
     */
    @SuppressWarnings("unchecked")
    private static int checkStored(Kinds.Kind kind, String column, RunResult r, DSLContext dsl, String what) {
        Field<?> field = kind.field(column);
        if (!kind.writes() || field == null || field.getType() != String.class || column.equals("password")) {
            return 0;
        }
        Field<String> f = (Field<String>) field;
        Table<?> table = ((TableField<?, ?>) field).getTable();
        // lines that update rewrite one entity (whose name may be the value): the last one holds its value; a line
        // that creates holds its own unless a later line names the same entity
        List<LineResult> lines = r.lines();
        int checked = 0;
        LineResult lastUpdate = null;
        for (int i = 0; i < lines.size(); i++) {
            LineResult line = lines.get(i);
            String entity = line.entity();
            if (line.outcome() == Outcome.UPDATED) {
                lastUpdate = line;
            } else if (line.outcome() == Outcome.CREATED && lines.subList(i + 1, lines.size()).stream()
                    .noneMatch(l -> l.outcome().writes() && java.util.Objects.equals(l.entity(), entity))) {
                checked += exists(dsl, table, f, injection(kind, line), what);
            }
        }
        if (lastUpdate != null) {
            checked += exists(dsl, table, f, injection(kind, lastUpdate), what);
        }
        return checked;
    }

    private static String injection(Kinds.Kind kind, LineResult line) {
        return SecurityTest.INJECTIONS.get((int) (line.line() - kind.lineNumber(0)));
    }

    /** The value is in the field (or lower-cased, as Moodle keeps usernames and language codes). */
    private static int exists(DSLContext dsl, Table<?> table, Field<String> f, String value, String what) {
        assertThat(dsl.fetchExists(table, f.eq(value).or(f.eq(value.toLowerCase(Locale.ROOT)))))
                .as(what + ": " + value + " stored verbatim in " + f).isTrue();
        return 1;
    }
}
