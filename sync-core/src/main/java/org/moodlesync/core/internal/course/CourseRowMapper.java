package org.moodlesync.core.internal.course;

import static org.moodlesync.core.internal.course.Values.date;
import static org.moodlesync.core.internal.course.Values.flag;
import static org.moodlesync.core.internal.course.Values.integer;
import static org.moodlesync.core.internal.course.Values.nonEmpty;
import static org.moodlesync.core.internal.course.Values.number;
import static org.moodlesync.core.internal.course.Values.text;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.api.command.course.CourseTeacher;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.RowMapper;

/**
 * A line of tool_sync's course file to a {@link CourseCommand} (tool_sync §4.1, §4.4, §4.5).
 *
 * <p>A column that is absent, or an empty number, date, flag or choice, is "not given": an update leaves it.
 * An empty text ({@code idnumber}, {@code summary}, {@code lang}, {@code theme}) is a value that clears it;
 * {@code shortname} and {@code fullname} are never cleared. {@code topicN} is {@code name} or
 * {@code name|summary}.
 */
public final class CourseRowMapper implements RowMapper<CourseCommand> {

    private final CourseKey identifyBy;

    public CourseRowMapper(CourseKey identifyBy) {
        this.identifyBy = identifyBy;
    }

    @Override
    public CourseCommand map(InputRow row) {
        Map<String, String> values = row.asMap();
        String key = nonEmpty(values, identifyBy.column());
        if (key == null) {
            throw new LineFailure(identifyBy.column(), "a value is required: courses are identified by "
                    + identifyBy.column());
        }
        CourseCommand.Builder b = CourseCommand.builder();
        String id = nonEmpty(values, "id");
        if (id != null) {
            try {
                b.id(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw new LineFailure("id", "not a course id: " + id);
            }
        }
        b.shortname(nonEmpty(values, "shortname"));
        b.fullname(nonEmpty(values, "fullname"));
        b.idnumber(text(values, "idnumber"));
        b.category(nonEmpty(values, "category"));
        b.categoryIdnumber(nonEmpty(values, "category_idnumber"));
        b.format(nonEmpty(values, "format"));
        b.summary(text(values, "summary"));
        b.summaryformat(integer(values, "summaryformat", 0, 4));
        b.startdate(date(values, "startdate"));
        b.enddate(date(values, "enddate"));
        b.visible(integer(values, "visible", 0, 1));
        b.lang(lang(text(values, "lang")));
        b.theme(text(values, "theme"));
        b.calendartype(text(values, "calendartype"));
        b.showgrades(integer(values, "showgrades", 0, 1));
        b.newsitems(integer(values, "newsitems", 0, 10));
        b.marker(number(values, "marker"));
        b.maxbytes(number(values, "maxbytes"));
        b.legacyfiles(integer(values, "legacyfiles", 0, 2));
        b.showreports(integer(values, "showreports", 0, 1));
        b.groupmode(integer(values, "groupmode", 0, 2));
        b.groupmodeforce(integer(values, "groupmodeforce", 0, 1));
        b.defaultgroupingid(number(values, "defaultgroupingid"));
        b.enablecompletion(integer(values, "enablecompletion", 0, 1));
        b.showcompletionconditions(integer(values, "showcompletionconditions", 0, 1));
        b.showactivitydates(integer(values, "showactivitydates", 0, 1));
        b.coursedisplay(integer(values, "coursedisplay", 0, 1));
        b.hiddensections(integer(values, "hiddensections", 0, 1));
        b.timecreated(date(values, "timecreated"));
        b.numsections(integer(values, "numsections", 0, 1000));
        b.self(flag(values, "self"));
        b.guest(flag(values, "guest"));
        b.template(nonEmpty(values, "template"));
        Map<Integer, String[]> teachers = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher topic = CourseColumns.TOPIC.matcher(e.getKey());
            if (topic.matches()) {
                CourseSection section = section(e.getValue());
                if (section != null) {
                    b.section(Integer.parseInt(topic.group(1)), section);
                }
                continue;
            }
            Matcher teacher = CourseColumns.TEACHER.matcher(e.getKey());
            if (teacher.matches() && !e.getValue().isEmpty()) {
                String[] pair = teachers.computeIfAbsent(Integer.parseInt(teacher.group(1)), n -> new String[2]);
                pair["account".equals(teacher.group(2)) ? 0 : 1] = e.getValue();
            }
        }
        teachers.forEach((n, pair) -> {
            if (pair[0] == null) {
                throw new LineFailure("teacher" + n + "_role", "teacher" + n + "_account is required with a role");
            }
            b.teacher(new CourseTeacher(pair[0], pair[1]));
        });
        return b.build();
    }

    /** {@code name}, {@code name|summary} or {@code |summary}; null when empty. */
    static CourseSection section(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int bar = value.indexOf('|');
        if (bar < 0) {
            return new CourseSection(value, null);
        }
        String name = value.substring(0, bar).trim();
        return new CourseSection(name.isEmpty() ? null : name, value.substring(bar + 1).trim());
    }

    /** tool_sync's {@code fr_utf8} spelling becomes {@code fr}. */
    private static String lang(String v) {
        return v == null ? null : v.replace("_utf8", "").toLowerCase(java.util.Locale.ROOT);
    }
}
