package org.moodlesync.core.internal.user;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The columns of tool_sync's users files, and how command fields map to them. */
final class UserColumns {

    static final String PROFILE_PREFIX = "profile_field_";

    /** Required in a users file (tool_sync §5.1). */
    static final List<String> REQUIRED = List.of("username", "firstname", "lastname");

    /** Known columns of a users file that map to a command field. */
    static final Set<String> FIELDS = Set.of("id", "username", "oldusername", "idnumber", "email", "firstname",
            "lastname", "auth", "password", "passwordhash", "suspended", "deleted", "phone1", "phone2",
            "institution", "department", "address", "city", "country", "lang", "timezone", "calendartype", "theme",
            "description", "mailformat", "maildisplay", "maildigest", "autosubscribe", "trackforums", "emailstop",
            "firstnamephonetic", "lastnamephonetic", "middlename", "alternatename", "cohort", "cohortid",
            "mnethostid");

    /** Columns tool_sync files may carry that Moodle 4.5 no longer has: accepted and ignored with a notice. */
    static final Set<String> OBSOLETE = Set.of("icq", "url", "htmleditor", "skype", "yahoo", "aim", "msn");

    /** tool_sync's course enrolment pattern columns (courseN, roleN, …), handled by the enrolment writers. */
    static final Pattern ENROLMENT = Pattern.compile("(course|group|role|enrol|start|end|wwwroot)(\\d+)");

    /** Columns of the separate delete and suspend files (§5.2). */
    static final Set<String> DELETE_FILE = Set.of("username", "idnumber", "email", "id");

    /** Command property → file column, where the names differ. */
    static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "oldUsername", "oldusername",
            "cohortIdnumber", "cohortid");

    private UserColumns() {
    }

    static String columnOf(String property) {
        if (property.startsWith("enrolments[")) {
            // validated in the mapper with the exact column; only commands built in code get here
            int end = property.indexOf(']');
            int n = Integer.parseInt(property.substring("enrolments[".length(), end)) + 1;
            String field = property.substring(end + 1).replaceFirst("^\\.", "");
            return switch (field) {
                case "role" -> "role" + n;
                case "method" -> "enrol" + n;
                case "group" -> "group" + n;
                case "timeStart" -> "start" + n;
                case "timeEnd" -> "end" + n;
                default -> "course" + n;
            };
        }
        if (property.startsWith("profileFields[")) {
            return PROFILE_PREFIX + property.substring("profileFields[".length(), property.length() - 1);
        }
        return COLUMN_OF_FIELD.getOrDefault(property, property);
    }
}
