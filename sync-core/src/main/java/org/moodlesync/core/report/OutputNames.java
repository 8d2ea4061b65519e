package org.moodlesync.core.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * tool_sync's names for the files a run leaves behind, so a site moving from tool_sync finds them where it
 * expects: {@code <YYYYMMDD-HHMM>_report_<input>} for reports, {@code <base>_tryback_<YYYYMMDD-HHMM>.<ext>} for
 * tryback files and {@code <YYYYMMDD-HHMM>_<input>} for archives (server local time, minute precision).
 */
public final class OutputNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private OutputNames() {
    }

    /** {@code YYYYMMDD-HHMM} of an instant in a zone. */
    public static String stamp(Instant when, ZoneId zone) {
        return STAMP.format(when.atZone(zone));
    }

    /** {@code <stamp>_report_<input>}. */
    public static String report(String inputName, Instant when, ZoneId zone) {
        return stamp(when, zone) + "_report_" + baseName(inputName);
    }

    /** {@code <base>_tryback_<stamp>.<ext>} ({@code .csv} when the input has no extension). */
    public static String tryback(String inputName, Instant when, ZoneId zone) {
        String name = baseName(inputName);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".csv";
        return base + "_tryback_" + stamp(when, zone) + ext;
    }

    /** {@code <stamp>_<input>}. */
    public static String archive(String inputName, Instant when, ZoneId zone) {
        return stamp(when, zone) + "_" + baseName(inputName);
    }

    private static String baseName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
