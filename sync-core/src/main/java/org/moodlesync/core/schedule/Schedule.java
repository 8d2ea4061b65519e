package org.moodlesync.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moodlesync.api.OptionalDependency;

/**
 * When a scheduled run comes: a cron expression or a fixed delay.
 *
 * <ul>
 *   <li>{@link #cron(String)}: Unix cron, five fields ({@code minute hour day-of-month month day-of-week}, as in
 *       crontab and in Moodle's scheduled tasks: {@code "0 *&#47;6 * * *"} is tool_sync's users task, every 6 hours
 *       on the hour), or one of {@code @hourly}, {@code @daily} ({@code @midnight}), {@code @weekly},
 *       {@code @monthly}, {@code @yearly}; times are in the scheduler's zone. Parsed by cron-utils.</li>
 *   <li>{@link #every(Duration)}: a fixed delay between the end of a run and the start of the next, the first
 *       run one delay after the start (or after {@code initialDelay}).</li>
 * </ul>
 */
public sealed interface Schedule permits Schedule.CronSchedule, Schedule.FixedDelay {

    /** When the first run comes, for a scheduler started at {@code start}. */
    Instant first(Instant start, ZoneId zone);

    /**
     * When the next run comes once a run that was due at {@code due} ended at {@code ended}: a cron schedule
     * skips the times missed while running (no burst of catch-up runs), a fixed delay counts from the end.
     */
    Instant next(Instant due, Instant ended, ZoneId zone);

    /** A cron schedule (see the class comment). */
    static Schedule cron(String expression) {
        return new CronSchedule(expression);
    }

    /** A fixed delay, the first run one delay after the start. */
    static Schedule every(Duration delay) {
        return new FixedDelay(delay, delay);
    }

    /** A fixed delay with its own first delay. */
    static Schedule every(Duration delay, Duration initialDelay) {
        return new FixedDelay(delay, initialDelay);
    }

    /**
     * Reads a schedule as written on the command line: a delay ({@code 30s}, {@code 15m}, {@code 6h}, {@code 1d},
     * or ISO-8601 such as {@code PT30M}), otherwise a cron expression.
     */
    static Schedule parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        Duration delay = FixedDelay.parseDelay(t);
        return delay != null ? every(delay) : cron(t);
    }

    /**
     * A cron schedule.
     *
     * @param expression the expression as given
     */
    record CronSchedule(String expression) implements Schedule {

        private static final Map<String, String> MACROS = Map.of(
                "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
                "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

        public CronSchedule {
            Objects.requireNonNull(expression, "expression");
            OptionalDependency.require("com.cronutils.parser.CronParser", "com.cronutils:cron-utils",
                    "a cron schedule");
            executionTime(expression); // fails early on a bad expression
        }

        private static ExecutionTime executionTime(String expression) {
            String e = expression.trim();
            e = MACROS.getOrDefault(e.toLowerCase(Locale.ROOT), e);
            try {
                Cron cron = Parser.UNIX.parse(e);
                cron.validate();
                return ExecutionTime.forCron(cron);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("invalid cron expression '" + expression + "' (five fields:"
                        + " minute hour day-of-month month day-of-week, e.g. '0 */6 * * *'): " + ex.getMessage(), ex);
            }
        }

        @Override
        public Instant first(Instant start, ZoneId zone) {
            return after(start, zone);
        }

        @Override
        public Instant next(Instant due, Instant ended, ZoneId zone) {
            return after(ended.isAfter(due) ? ended : due, zone);
        }

        private Instant after(Instant instant, ZoneId zone) {
            return executionTime(expression).nextExecution(instant.atZone(zone))
                    .orElseThrow(() -> new IllegalStateException("cron expression '" + expression
                            + "' has no next time after " + instant))
                    .toInstant();
        }

        @Override
        public String toString() {
            return "cron '" + expression + "'";
        }

        /** cron-utils' parser, in a class of its own: loaded by the first cron schedule, after the check. */
        private static final class Parser {
            static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        }
    }

    /**
     * A fixed delay.
     *
     * @param delay        between the end of a run and the start of the next
     * @param initialDelay between the start of the scheduler and the first run
     */
    record FixedDelay(Duration delay, Duration initialDelay) implements Schedule {

        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

        public FixedDelay {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("a fixed delay must be positive");
            }
            if (initialDelay == null || initialDelay.isNegative()) {
                throw new IllegalArgumentException("an initial delay cannot be negative");
            }
        }

        @Override
        public Instant first(Instant start, ZoneId zone) {
            return start.plus(initialDelay);
        }

        @Override
        public Instant next(Instant due, Instant ended, ZoneId zone) {
            return ended.plus(delay);
        }

        static Duration parseDelay(String text) {
            Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m", "min" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    return Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("invalid delay '" + text + "': " + e.getMessage(), e);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "every " + delay;
        }
    }
}
