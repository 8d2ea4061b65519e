package org.moodlesync.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deterministic files for the cohorts benchmark (same seed, same files): the cohorts of the site, their bindings to
 * courses, and the member files timed. Users come from {@link DataSets#users} ({@code ID1}…), courses from
 * {@link EnrolmentDataSet#courses} ({@code CID1}…).
 *
 * <p>Six cohorts, three bound: {@code BOUND} (to course 1, with a group: members also join the group), {@code MIX1}
 * (course 2) and {@code MIX3} (course 3); {@code PLAIN}, {@code MIX2} and {@code MIX4} are bound to nothing.
 */
public final class CohortDataSet {

    /** The member files: one big bound cohort, one big unbound cohort, members spread over four cohorts. */
    public enum Variant {
        BOUND, PLAIN, MIXED
    }

    private CohortDataSet() {
    }

    /** The cohorts file that creates the six cohorts (no members). */
    public static Path cohorts(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("cmd;cidnumber;cname\n");
            out.write("add;BOUND;Bound cohort\n");
            out.write("add;PLAIN;Plain cohort\n");
            for (int i = 1; i <= 4; i++) {
                out.write("add;MIX" + i + ";Mixed cohort " + i + "\n");
            }
        }
        return file;
    }

    /** The bindings file: half of the cohorts bound to a course (the default role, student). */
    public static Path bindings(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("cmd;cohort;course;role;group;makegroup\n");
            out.write("add;BOUND;CID1;;;1\n");
            out.write("add;MIX1;CID2;;;\n");
            out.write("add;MIX3;CID3;;;\n");
        }
        return file;
    }

    /**
     * A cohorts file of {@code members} {@code add} lines, users {@code ID1}… in random order: all into
     * {@code BOUND} or {@code PLAIN}, or (MIXED) each into one of {@code MIX1}…{@code MIX4} in turn.
     */
    public static Path members(Path file, Variant variant, int members, long seed) throws IOException {
        List<Integer> users = new ArrayList<>(members);
        for (int i = 1; i <= members; i++) {
            users.add(i);
        }
        Collections.shuffle(users, new Random(seed));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("cmd;cidnumber;userid\n");
            for (int i = 0; i < users.size(); i++) {
                String cohort = switch (variant) {
                    case BOUND -> "BOUND";
                    case PLAIN -> "PLAIN";
                    case MIXED -> "MIX" + (1 + i % 4);
                };
                out.write("add;" + cohort + ";ID" + users.get(i) + "\n");
            }
        }
        return file;
    }
}
