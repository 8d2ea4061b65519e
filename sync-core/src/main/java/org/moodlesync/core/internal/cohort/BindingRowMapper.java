package org.moodlesync.core.internal.cohort;

import static org.moodlesync.core.internal.cohort.CohortColumns.CMD;
import static org.moodlesync.core.internal.cohort.CohortColumns.COHORT;
import static org.moodlesync.core.internal.cohort.CohortColumns.COURSE;
import static org.moodlesync.core.internal.cohort.CohortColumns.ENROL;
import static org.moodlesync.core.internal.cohort.CohortColumns.ENROLEND;
import static org.moodlesync.core.internal.cohort.CohortColumns.ENROLSTART;
import static org.moodlesync.core.internal.cohort.CohortColumns.GROUP;
import static org.moodlesync.core.internal.cohort.CohortColumns.MAKEGROUP;
import static org.moodlesync.core.internal.cohort.CohortColumns.ROLE;
import static org.moodlesync.core.internal.cohort.CohortRowMapper.nonEmpty;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.moodlesync.api.command.cohort.BindingAction;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.RowMapper;

/**
 * A line of tool_sync's cohort bindings file to a {@link CohortBindingCommand} (tool_sync §8.2), with its intended
 * semantics: {@code enrolstart} and {@code enrolend} are honoured; {@code makegroup} is a yes/no flag and
 * {@code group} names the group; an unknown {@code cmd} fails the line.
 *
 * <p>Dates: unix seconds, {@code YYYY-MM-DD} (midnight) or {@code YYYY-MM-DD hh:mm[:ss]}, in the time zone given
 * (tool_sync read them in the server's time zone); empty means "not given", {@code 0} means "none".
 */
public final class BindingRowMapper implements RowMapper<CohortBindingCommand> {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]");

    private final ZoneId zone;

    /** @param zone the time zone of dates written as calendar dates */
    public BindingRowMapper(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public CohortBindingCommand map(InputRow row) {
        Map<String, String> values = row.asMap();
        CohortBindingCommand.Builder b = CohortBindingCommand.builder();
        String cmd = nonEmpty(values, CMD);
        if (cmd != null) {
            try {
                b.action(BindingAction.ofCommand(cmd));
            } catch (IllegalArgumentException e) {
                throw new LineFailure(CMD, e.getMessage());
            }
        }
        b.course(required(values, COURSE));
        b.cohort(required(values, COHORT));
        b.role(nonEmpty(values, ROLE));
        b.enrol(nonEmpty(values, ENROL));
        Long start = time(values, ENROLSTART);
        Long end = time(values, ENROLEND);
        if (start != null && end != null && start > 0 && end > 0 && end <= start) {
            throw new LineFailure(ENROLEND, "the enrolment end must be after its start");
        }
        b.enrolStart(start);
        b.enrolEnd(end);
        b.group(nonEmpty(values, GROUP));
        b.makeGroup(flag(values, MAKEGROUP));
        return b.build();
    }

    private static String required(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            throw new LineFailure(column, "a value is required");
        }
        return v;
    }

    private Long time(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new LineFailure(column, "not a time: " + v);
            }
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(zone).toEpochSecond();
            }
            return LocalDateTime.parse(v, DATE_TIME).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new LineFailure(column, "not a date: " + v + " (YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or unix seconds)");
        }
    }

    private static Boolean flag(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "y" -> true;
            case "0", "no", "false", "n" -> false;
            default -> throw new LineFailure(column, "must be 1 or 0 (yes or no), got " + v);
        };
    }
}
