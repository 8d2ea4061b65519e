package org.moodlesync.core.internal.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The names of the files a run leaves behind. They keep tool_sync's shapes, so a site moving from tool_sync finds
 * them where it expects: {@code <stamp>_report_<input>} for reports, {@code <base>_tryback_<stamp>.<ext>} for
 * tryback files and {@code <stamp>_<input>} for archives, where the stamp is {@code YYYYMMDD-HHMMSS} (tool_sync's
 * {@code YYYYMMDD-HHMM} with the seconds, server local time).
 *
 * <p>Every run gets files of its own: when a name is taken (a run in the same second) the stamp takes a counter
 * ({@code 20261206-120533-2}), and a dry run's stamp ends with {@code -dryrun}
 * ({@code 20261206-120533-dryrun_report_userimport.csv}). A file already under a name is never replaced: the
 * writers create their files with {@code CREATE_NEW} and take the next counter when the name is taken.
 */
public final class OutputNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** How many counters are tried before giving up (a directory holding that many files of one second). */
    static final int MAX_ATTEMPTS = 10_000;

    private OutputNames() {
    }

    /** {@code YYYYMMDD-HHMMSS} of an instant in a zone. */
    public static String stamp(Instant when, ZoneId zone) {
        return STAMP.format(when.atZone(zone));
    }

    /** The stamp of a run's file: the time, {@code -N} for the N-th file of that name (N ≥ 2), {@code -dryrun}. */
    static String stamp(Instant when, ZoneId zone, boolean dryRun, int attempt) {
        return stamp(when, zone) + (attempt > 1 ? "-" + attempt : "") + (dryRun ? "-dryrun" : "");
    }

    /** {@code <stamp>_report_<input>}: the first name tried for a real run's report. */
    public static String report(String inputName, Instant when, ZoneId zone) {
        return report(inputName, when, zone, false, 1);
    }

    /** {@code <stamp>_report_<input>}, the {@code attempt}-th name tried. */
    public static String report(String inputName, Instant when, ZoneId zone, boolean dryRun, int attempt) {
        return stamp(when, zone, dryRun, attempt) + "_report_" + baseName(inputName);
    }

    /** {@code <base>_tryback_<stamp>.<ext>}: the first name tried for a real run's tryback file. */
    public static String tryback(String inputName, Instant when, ZoneId zone) {
        return tryback(inputName, when, zone, false, 1);
    }

    /**
     * {@code <base>_tryback_<stamp>.<ext>} ({@code .csv} when the input has no extension), the {@code attempt}-th
     * name tried.
     */
    public static String tryback(String inputName, Instant when, ZoneId zone, boolean dryRun, int attempt) {
        String name = baseName(inputName);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".csv";
        return base + "_tryback_" + stamp(when, zone, dryRun, attempt) + ext;
    }

    /**
     * {@code <base>_undo_<stamp>.<ext>}: the undo file of a full feed's run (lines that put back what it removed),
     * the {@code attempt}-th name tried.
     */
    public static String undo(String inputName, Instant when, ZoneId zone, int attempt) {
        return tryback(inputName, when, zone, false, attempt).replaceFirst("_tryback_(?=[^_]*$)", "_undo_");
    }

    /** {@code <stamp>_<input>}: the first name tried for an archive. */
    public static String archive(String inputName, Instant when, ZoneId zone) {
        return archive(inputName, when, zone, 1);
    }

    /** {@code <stamp>_<input>}, the {@code attempt}-th name tried. */
    public static String archive(String inputName, Instant when, ZoneId zone, int attempt) {
        return stamp(when, zone, false, attempt) + "_" + baseName(inputName);
    }

    private static String baseName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
