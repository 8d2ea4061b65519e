package org.moodlesync.core.internal.course;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The columns of tool_sync's course files, and how command fields map to them. */
final class CourseColumns {

    /** Section columns: {@code topic0} … (tool_sync went to 52; Moodle's {@code maxsections} decides). */
    static final Pattern TOPIC = Pattern.compile("topic(\\d{1,4})");
    /** Teacher columns: {@code teacher1_account}, {@code teacher1_role}, … */
    static final Pattern TEACHER = Pattern.compile("teacher(\\d{1,3})_(account|role)");

    /** Known columns of a course file that map to a command field. */
    static final Set<String> FIELDS = Set.of("id", "shortname", "fullname", "idnumber", "category",
            "category_idnumber", "format", "summary", "summaryformat", "startdate", "enddate", "visible", "lang",
            "theme", "calendartype", "showgrades", "newsitems", "marker", "maxbytes", "legacyfiles", "showreports",
            "groupmode", "groupmodeforce", "defaultgroupingid", "enablecompletion", "showcompletionconditions",
            "showactivitydates", "coursedisplay", "hiddensections", "timecreated", "numsections", "self", "guest",
            "template");

    /** Columns tool_sync accepts that Moodle derives itself: read and ignored, with a notice. */
    static final Map<String, String> IGNORED = Map.of(
            "sortorder", "Moodle numbers courses itself (fix_course_sortorder)",
            "visibleold", "Moodle derives it from visible",
            "timemodified", "it is always the time of the change");

    /** Command property → file column, where the names differ. */
    static final Map<String, String> COLUMN_OF_FIELD = Map.of("categoryIdnumber", "category_idnumber");

    /** The columns of a course reset file besides the course identifier (tool_sync §4.8). */
    static final Set<String> RESET = Set.of("events", "logs", "notes", "comments", "blog_associations",
            "completion", "local_roles", "grades", "roles", "groups", "groupings", "modules");

    /** tool_sync's activity reset flag columns (a value of 1 sets them). */
    static final Set<String> RESET_MODULE_FLAGS = Set.of("forum_all", "forum_subscriptions", "glossary_all", "chat",
            "data", "slots", "apointments", "assignment_submissions", "assign_submissions", "survey_answers",
            "lesson", "choice", "scorm", "quiz_attempts");

    /** Other activity reset options ({@code <module>_<option>}, as modules declare them), accepted as flags. */
    static final Pattern RESET_MODULE_OPTION = Pattern.compile("(reset_)?[a-z][a-z0-9]*_[a-z0-9_]+");

    /** The columns of a meta-course bindings file. */
    static final Set<String> METAS = Set.of("master", "meta", "cmd");

    private CourseColumns() {
    }

    static String columnOf(String property) {
        if (property.startsWith("sections[") || property.startsWith("sections<K>[")) {
            String key = property.substring(property.indexOf('[') + 1, property.indexOf(']'));
            return "topic" + key;
        }
        if (property.startsWith("teachers[")) {
            int index = Integer.parseInt(property.substring("teachers[".length(), property.indexOf(']')));
            return "teacher" + (index + 1) + (property.endsWith(".role") ? "_role" : "_account");
        }
        return COLUMN_OF_FIELD.getOrDefault(property, property);
    }
}
