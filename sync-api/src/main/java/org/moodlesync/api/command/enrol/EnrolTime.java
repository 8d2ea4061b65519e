package org.moodlesync.api.command.enrol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A start or end time of an enrolment, as written in a file: either an absolute moment (a Unix time, or a date-time
 * with {@code Z} or an offset) or a wall-clock date-time without zone, which is read in the site's time zone when
 * it is written (as Moodle reads dates typed in its forms).
 *
 * <p>{@link #parse(String)} accepts what people write:
 * <ul>
 *   <li>a Unix time in seconds: {@code 1725148800};</li>
 *   <li>a date: {@code 2024-09-01}, {@code 2024/09/01}, {@code 01.09.2024} (midnight);</li>
 *   <li>a date-time: {@code 2024-09-01 08:30}, {@code 2024-09-01 08:30:00} (tool_sync's format),
 *       {@code 2024-09-01T08:30:00}, the same after {@code 2024/09/01} or {@code 01.09.2024};</li>
 *   <li>an ISO date-time with zone: {@code 2024-09-01T08:30:00Z}, {@code 2024-09-01T08:30:00+02:00}.</li>
 * </ul>
 * Slash dates with the day or the month first ({@code 01/09/2024}) are refused: they mean different days in
 * different countries.
 *
 * @param epochSecond the moment as a Unix time, or null for a wall-clock time
 * @param local       the wall-clock date-time, or null for a moment
 */
public record EnrolTime(Long epochSecond, LocalDateTime local) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,11}");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?"
                    + "\\s*(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern DOTTED = Pattern.compile(
            "(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern AMBIGUOUS = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}.*");

    /**
     * Checks that exactly one of the two is given.
     *
     * @param epochSecond the moment as a Unix time, or null for a wall-clock time
     * @param local       the wall-clock date-time, or null for a moment
     * @throws IllegalArgumentException when both or neither are given, or the Unix time is negative
     */
    public EnrolTime {
        if ((epochSecond == null) == (local == null)) {
            throw new IllegalArgumentException("give either an epoch second or a local date-time");
        }
        if (epochSecond != null && epochSecond < 0) {
            throw new IllegalArgumentException("a time cannot be before 1970: " + epochSecond);
        }
    }

    /**
     * A Unix time in seconds (0 is "no time": no end, or from the beginning).
     *
     * @param epochSecond the Unix time, 0 or more
     * @return the time
     */
    public static EnrolTime epoch(long epochSecond) {
        return new EnrolTime(epochSecond, null);
    }

    /**
     * A moment.
     *
     * @param instant the moment, not null
     * @return the time
     */
    public static EnrolTime at(Instant instant) {
        return new EnrolTime(Objects.requireNonNull(instant, "instant").getEpochSecond(), null);
    }

    /**
     * A wall-clock date-time, read in the site's time zone.
     *
     * @param dateTime the wall-clock date-time, not null
     * @return the time
     */
    public static EnrolTime local(LocalDateTime dateTime) {
        return new EnrolTime(null, Objects.requireNonNull(dateTime, "dateTime"));
    }

    /**
     * Midnight of a day, in the site's time zone.
     *
     * @param date the day, not null
     * @return the time
     */
    public static EnrolTime local(LocalDate date) {
        return local(date.atStartOfDay());
    }

    /**
     * Reads a time as written in a file (see the class comment).
     *
     * @param text the cell: a Unix time, {@code 2024-09-01}, {@code 2024-09-01 08:30},
     *             {@code 2024-09-01T08:30:00+02:00} or {@code 01.09.2024}
     * @return the time
     * @throws IllegalArgumentException when the text is none of the accepted forms, or not a real date
     */
    public static EnrolTime parse(String text) {
        String v = Objects.requireNonNull(text, "text").trim();
        try {
            if (DIGITS.matcher(v).matches()) {
                return epoch(Long.parseLong(v));
            }
            Matcher m = ISO.matcher(v);
            if (m.matches()) {
                LocalDateTime dt = dateTime(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
                String zone = m.group(7);
                if (zone != null) {
                    if (m.group(4) == null) {
                        throw new IllegalArgumentException(unreadable(v));
                    }
                    ZoneOffset offset = zone.equals("Z") ? ZoneOffset.UTC
                            : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                    return at(dt.toInstant(offset));
                }
                return local(dt);
            }
            m = DOTTED.matcher(v);
            if (m.matches()) {
                return local(dateTime(m.group(3), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6)));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a real date or time: " + v);
        }
        if (AMBIGUOUS.matcher(v).matches()) {
            throw new IllegalArgumentException("ambiguous date " + v + ": day or month first? write it as "
                    + "YYYY-MM-DD (or DD.MM.YYYY)");
        }
        throw new IllegalArgumentException(unreadable(v));
    }

    private static String unreadable(String v) {
        return "not a time: \"" + v + "\" (write 2024-09-01, 2024-09-01 08:30, 2024-09-01T08:30:00+02:00,"
                + " 01.09.2024 or a Unix time)";
    }

    private static LocalDateTime dateTime(String y, String mo, String d, String h, String mi, String s) {
        LocalDate date = LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
        if (h == null) {
            return date.atStartOfDay();
        }
        return date.atTime(LocalTime.of(Integer.parseInt(h), Integer.parseInt(mi), s == null ? 0 : Integer.parseInt(s)));
    }

    /**
     * True for a Unix time or a moment with a zone.
     *
     * @return true when {@code epochSecond} is set
     */
    public boolean isAbsolute() {
        return epochSecond != null;
    }

    /**
     * The Unix time of this value, reading a wall-clock time in {@code zone}.
     *
     * @param zone the zone of a wall-clock time (the site's); not used for a Unix time
     * @return the Unix time
     */
    public long toEpochSecond(ZoneId zone) {
        if (epochSecond != null) {
            return epochSecond;
        }
        return local.atZone(Objects.requireNonNull(zone, "zone")).toEpochSecond();
    }

    @Override
    public String toString() {
        return epochSecond != null ? Long.toString(epochSecond) : local.toString();
    }
}
