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

import java.util.Locale;
import java.util.Map;
import org.moodlesync.api.command.cohort.BindingAction;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.enrol.EnrolTime;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.RowMapper;

/**
 * A line of tool_sync's cohort bindings file to a {@link CohortBindingCommand} (tool_sync §8.2), with its intended
 * semantics: {@code enrolstart} and {@code enrolend} are honoured; {@code makegroup} is a yes/no flag and
 * {@code group} names the group; an unknown {@code cmd} fails the line.
 *
 * <p>Dates: what the enrolment file accepts ({@link EnrolTime#parse}: unix seconds, {@code YYYY-MM-DD} (midnight),
 * {@code YYYY-MM-DD hh:mm[:ss]}, ISO with an offset, …); those written without a zone are read in the run's time
 * zone, by default the site's (tool_sync read them in the server's); empty means "not given", {@code 0} "none".
 */
public final class BindingRowMapper implements RowMapper<CohortBindingCommand> {

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
        EnrolTime start = time(values, ENROLSTART);
        EnrolTime end = time(values, ENROLEND);
        if (start != null && end != null && endsBeforeItStarts(start, end)) {
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

    /** A time as enrolment files write it ({@link EnrolTime#parse}); a wall-clock one is read in the site's zone. */
    private static EnrolTime time(Map<String, String> values, String column) {
        String v = nonEmpty(values, column);
        if (v == null) {
            return null;
        }
        try {
            return EnrolTime.parse(v);
        } catch (IllegalArgumentException e) {
            throw new LineFailure(column, e.getMessage());
        }
    }

    /** True when both times are set, of the same kind (so comparable before the zone is known), and end first. */
    private static boolean endsBeforeItStarts(EnrolTime start, EnrolTime end) {
        if (start.isAbsolute() && end.isAbsolute()) {
            return start.epochSecond() > 0 && end.epochSecond() > 0 && end.epochSecond() <= start.epochSecond();
        }
        return !start.isAbsolute() && !end.isAbsolute() && !end.local().isAfter(start.local());
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
