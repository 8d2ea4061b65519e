package org.moodlesync.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A deterministic course file for benchmarks (same seed, same file) in tool_sync's {@code uploadcourses.csv}
 * dialect: courses spread at random over nested categories {@code Faculty f/Dept d/Year y} (5 × 10 × 4 = 200 leaf
 * categories under 55 parents, created on the fly by the first run), with an idnumber, a format, a summary, a start
 * date, two named sections, and on every fifth line an enabled self enrolment; the lines in random order of
 * categories, or sorted by category.
 */
public final class CourseDataSet {

    /** Faculties, departments per faculty and years per department. */
    static final int FACULTIES = 5;
    static final int DEPARTMENTS = 10;
    static final int YEARS = 4;

    private CourseDataSet() {
    }

    /** Writes {@code count} course lines to {@code file}, their categories in random order. */
    public static Path courses(Path file, int count, long seed) throws IOException {
        return courses(file, count, seed, false);
    }

    /**
     * Writes {@code count} course lines to {@code file}.
     *
     * @param byCategory the lines sorted by category (as an export grouped by department is), else in random order
     *                   of categories: every chunk then touches every category, the worst case for Moodle's course
     *                   sortorder, which renumbers every course of a category that gets a new one
     */
    public static Path courses(Path file, int count, long seed, boolean byCategory) throws IOException {
        Random random = new Random(seed);
        String[] formats = {"topics", "topics", "weeks", "social"};
        List<String[]> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int faculty = 1 + random.nextInt(FACULTIES);
            int dept = 1 + random.nextInt(DEPARTMENTS);
            int year = 1 + random.nextInt(YEARS);
            String format = formats[random.nextInt(formats.length)];
            int month = 1 + random.nextInt(12);
            String category = "Faculty " + faculty + "/Dept " + dept + "/Year " + year;
            lines.add(new String[] {category, "C" + i + ";Course " + i + " of department " + dept + ";" + category
                    + ";CID" + i + ";" + format + ";<p>About course " + i + "</p>;2026-" + (month < 10 ? "0" : "")
                    + month + "-01;Introduction|Read this first;Week two;" + (i % 5 == 0 ? "1" : "")});
        }
        if (byCategory) {
            lines.sort(Comparator.comparing(l -> l[0]));
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("shortname;fullname;category;idnumber;format;summary;startdate;topic1;topic2;self\n");
            for (String[] line : lines) {
                out.write(line[1] + "\n");
            }
        }
        return file;
    }
}
