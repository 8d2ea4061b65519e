package org.moodlesync.jooq.reliability;

import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.Table;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;

/**
 * The table of kinds the reliability tests run: for each kind of command file, how the engine runs it, what must
 * be on the site first, and a sample good file. Every test of this package (idempotency, hostile files, fuzz,
 * fault sweeps) goes over this table, so a kind joins all of them with one line here.
 *
 * <p><b>Kinds still to add when they land on main:</b> courses (and course deletes, checks, resets, metas),
 * enrolments, groups, group members, cohorts, cohort bindings and pictures (pictures are archives, not CSV: their
 * hostile-archive cases — zip-slip, decompression bombs — belong with them).
 */
public final class Kinds {

    /**
     * One kind of file.
     *
     * @param kind   the kind
     * @param step   the engine's fluent step of the kind
     * @param needs  kinds whose sample must have run first (for example users before a delete file)
     * @param header the sample file's header line (tool_sync dialect, {@code ;})
     * @param lines  the sample file's data lines: good lines, each of which succeeds on a site prepared by
     *               {@code needs}
     * @param table  the Moodle table the file's columns are stored in: a value longer than its column there must
     *               fail its line, naming the column
     */
    public record Kind(SyncKind kind, Function<SyncEngine, FileSync<?, ?>> step, List<SyncKind> needs, String header,
                       List<String> lines, Table<?> table) {

        /** The sample file, written in {@code dir} under tool_sync's file name. */
        public Path sample(Path dir) throws IOException {
            return write(dir, fileName(), header, lines);
        }

        /** tool_sync's file name of the kind. */
        public String fileName() {
            return kind.defaultFileName();
        }

        /** The header's columns. */
        public List<String> columns() {
            return Arrays.asList(header.split(";", -1));
        }

        /** Runs a file of this kind. */
        public RunResult run(SyncEngine engine, Path file) {
            FileSync<?, ?> sync = step.apply(engine);
            return sync.from(file).execute();
        }

        @Override
        public String toString() {
            return kind.cliName();
        }
    }

    static final String USERS_HEADER = "username;idnumber;firstname;lastname;email;password;city;country;lang;"
            + "description;phone1;institution;suspended;maildisplay";

    /** Every kind on main. ONE LINE PER KIND: add yours here. */
    public static final List<Kind> ALL = List.of(
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
                    "E001", "E002"));

    private Kinds() {
    }

    private static Kind kind(SyncKind kind, Function<SyncEngine, FileSync<?, ?>> step, List<SyncKind> needs,
                             Table<?> table, String header, String... lines) {
        return new Kind(kind, step, needs, header, List.of(lines), table);
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

    /** Writes a file of header and lines, each ended by a line feed. */
    public static Path write(Path dir, String name, String header, List<String> lines) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(lines);
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", all) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
