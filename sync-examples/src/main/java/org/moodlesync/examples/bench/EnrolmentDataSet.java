package org.moodlesync.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic files for the enrolments benchmark (same seed, same files): the site's courses, the enrolment file
 * (tool_sync's enrol format) and a group members file. Users come from {@link DataSets#users} ({@code ID1}…).
 */
public final class EnrolmentDataSet {

    /** Groups per course that enrolment lines and member lines name ({@code Group 1}…). */
    public static final int GROUPS_PER_COURSE = 4;

    private EnrolmentDataSet() {
    }

    /** A course file of {@code count} courses ({@code C1}…), each with the site's default enrol instances. */
    public static Path courses(Path file, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("shortname;fullname;category;idnumber\n");
            for (int i = 1; i <= count; i++) {
                out.write("C" + i + ";Course " + i + ";Bench/Cat" + (i % 10) + ";CID" + i + "\n");
            }
        }
        return file;
    }

    /** A groups file: {@link #GROUPS_PER_COURSE} groups ({@code Group 1}…) in each of the courses. */
    public static Path groups(Path file, int courses) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("courseid;name\n");
            for (int c = 1; c <= courses; c++) {
                for (int g = 1; g <= GROUPS_PER_COURSE; g++) {
                    out.write("C" + c + ";Group " + g + "\n");
                }
            }
        }
        return file;
    }

    /**
     * An enrolment file of {@code lines} distinct user × course pairs: one line in ten an {@code editingteacher},
     * the others {@code student}s; a third of the lines join a group of the course ({@code gcmd addcreate}).
     */
    public static Path enrolments(Path file, int lines, int users, int courses, long seed) throws IOException {
        if ((long) users * courses < lines) {
            throw new IllegalArgumentException("not enough user × course pairs for " + lines + " lines");
        }
        Random random = new Random(seed);
        Set<Long> seen = new HashSet<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("cmd;rolename;uid;cid;enrol;starttime;endtime;gcmd;g1\n");
            int written = 0;
            while (written < lines) {
                int user = 1 + random.nextInt(users);
                int course = 1 + random.nextInt(courses);
                if (!seen.add((long) user * courses + course)) {
                    continue;
                }
                String role = random.nextInt(10) == 0 ? "editingteacher" : "student";
                boolean group = random.nextInt(3) == 0;
                out.write("add;" + role + ";ID" + user + ";C" + course + ";manual;;;"
                        + (group ? "addcreate;Group " + (1 + random.nextInt(GROUPS_PER_COURSE)) : ";") + "\n");
                written++;
            }
        }
        return file;
    }

    /**
     * A group members file of {@code lines} lines read from the enrolment file's pairs (so the users are enrolled):
     * each joins a group of the course, by name.
     */
    public static Path members(Path file, Path enrolments, int lines, long seed) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             var in = Files.lines(enrolments, StandardCharsets.UTF_8)) {
            out.write("groupid;userid;courseid;cmd\n");
            var it = in.skip(1).iterator();
            int written = 0;
            while (written < lines && it.hasNext()) {
                String[] f = it.next().split(";", -1);
                out.write("Group " + (1 + random.nextInt(GROUPS_PER_COURSE)) + ";" + f[2] + ";" + f[3] + ";add\n");
                written++;
            }
        }
        return file;
    }
}
