package org.moodlesync.core.internal.course;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moodlesync.api.command.course.MoodleDate;
import org.moodlesync.core.internal.pipeline.LineFailure;

/** Typed values of course file cells; every problem is a {@link LineFailure} naming its column. */
final class Values {

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    private Values() {
    }

    /** The value as written, null when the column is absent. */
    static String text(Map<String, String> values, String column) {
        return values.get(column);
    }

    /** The value, null when the column is absent or the value empty. */
    static String nonEmpty(Map<String, String> values, String column) {
        String v = values.get(column);
        return v == null || v.isEmpty() ? null : v;
    }

    static Integer integer(Map<String, String> values, String column, int min, int max) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new LineFailure(column, "must be between " + min + " and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LineFailure(column, "not a whole number: " + v);
        }
    }

    static Long number(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new LineFailure(column, "cannot be negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LineFailure(column, "not a whole number: " + v);
        }
    }

    /** 1/0, yes/no, true/false (case-insensitive); null when absent or empty. */
    static Boolean flag(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "y" -> Boolean.TRUE;
            case "0", "no", "false", "n" -> Boolean.FALSE;
            default -> throw new LineFailure(column, "must be 1 or 0 (yes or no), got " + v);
        };
    }

    /**
     * A date: a Unix time in seconds, or {@code YYYY-MM-DD}, {@code YYYY-MM-DD hh:mm} or {@code YYYY-MM-DD hh:mm:ss}
     * in the site's time zone. tool_sync passed dates to PHP's {@code strtotime}, which guesses; these forms are
     * the ones that cannot be misread.
     */
    static MoodleDate date(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        String s = v.trim();
        if (s.chars().allMatch(Character::isDigit)) {
            try {
                return MoodleDate.epoch(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new LineFailure(column, "not a Unix time: " + v);
            }
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            throw new LineFailure(column, "not a date: " + v + " (a Unix time, or YYYY-MM-DD, optionally followed by"
                    + " hh:mm or hh:mm:ss)");
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return MoodleDate.local(LocalDateTime.of(day, time));
        } catch (java.time.DateTimeException e) {
            throw new LineFailure(column, "not a valid date: " + v);
        }
    }
}
