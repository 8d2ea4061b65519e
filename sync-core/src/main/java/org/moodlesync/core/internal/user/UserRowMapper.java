package org.moodlesync.core.internal.user;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.enrol.CourseEnrolment;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.enrol.EnrolValues;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.RowMapper;

/**
 * A line of tool_sync's users file to a {@link UserCommand} (tool_sync §5.1, §5.3), with its intended semantics
 * rather than its bugs: {@code deleted=1} deletes and {@code deleted=0} does nothing special; an empty required
 * value fails that line only.
 *
 * <p>Passwords: {@code password} empty → Moodle generates one for a new user (an existing user keeps his);
 * {@code *NOPASS*} → no usable password; anything else is a clear-text password, hashed by the writer. A column
 * {@code passwordhash} gives an existing {@code $6$} or {@code $2y$} hash to store as it is.
 *
 * <p>Course enrolments (§5.5), for every N: {@code courseN} (the course, by the run's course identifier),
 * {@code roleN} (role shortname; empty: the enrol instance's default role), {@code enrolN} (enrol method; empty:
 * manual; {@code none}: a role without enrolment), {@code groupN} (a group joined, created when missing),
 * {@code startN}, {@code endN} (dates, date-times or Unix times). An empty {@code courseN} skips the other columns
 * of that N, which must then be empty too. {@code wwwrootN} (MNet propagation) is not supported. Lines that delete
 * a user ignore these columns.
 *
 * <p>Reasons do not quote the values of number columns: a line missing a separator shifts its values, and a
 * password would then be quoted in the report.
 */
public final class UserRowMapper implements RowMapper<UserCommand> {

    private final UserAction fixedAction;
    private final CourseKey courseKey;

    private UserRowMapper(UserAction fixedAction, CourseKey courseKey) {
        this.fixedAction = fixedAction;
        this.courseKey = courseKey;
    }

    /** The mapper of the users file (create, update, delete by the {@code deleted} column); courses by shortname. */
    public static UserRowMapper usersFile() {
        return usersFile(CourseKey.SHORTNAME);
    }

    /** The mapper of the users file, {@code courseN} values identifying courses by {@code courseKey}. */
    public static UserRowMapper usersFile(CourseKey courseKey) {
        return new UserRowMapper(null, courseKey);
    }

    /** The mapper of the separate delete file or suspend file: every line is that action. */
    public static UserRowMapper actionFile(UserAction action) {
        return new UserRowMapper(action, CourseKey.SHORTNAME);
    }

    @Override
    public UserCommand map(InputRow row) {
        Map<String, String> values = row.asMap();
        UserCommand.Builder b = UserCommand.builder();
        UserAction action = fixedAction;
        if (action == null) {
            for (String column : UserColumns.REQUIRED) {
                String value = values.get(column);
                if (value == null || value.isEmpty()) {
                    throw new LineFailure(column, "a value is required");
                }
            }
            Integer deleted = integer(values, "deleted", 0, 1);
            action = deleted != null && deleted == 1 ? UserAction.DELETE : UserAction.CREATE_OR_UPDATE;
        }
        b.action(action);
        String id = values.get("id");
        if (id != null && !id.isEmpty()) {
            try {
                b.id(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new LineFailure("id", "not a user id (a whole number)");
            }
        }
        b.username(lower(text(values, "username")));
        b.oldUsername(lower(nonEmpty(values, "oldusername")));
        b.idnumber(text(values, "idnumber"));
        b.email(text(values, "email"));
        b.firstname(text(values, "firstname"));
        b.lastname(text(values, "lastname"));
        b.auth(nonEmpty(values, "auth"));
        b.password(password(values));
        Integer suspended = integer(values, "suspended", 0, 1);
        b.suspended(suspended == null ? null : suspended == 1);
        b.phone1(text(values, "phone1"));
        b.phone2(text(values, "phone2"));
        b.institution(text(values, "institution"));
        b.department(text(values, "department"));
        b.address(text(values, "address"));
        b.city(text(values, "city"));
        String country = text(values, "country");
        b.country(country == null ? null : country.toUpperCase(Locale.ROOT));
        String lang = text(values, "lang");
        b.lang(lang == null ? null : lang.toLowerCase(Locale.ROOT).replace("_utf8", ""));
        b.timezone(nonEmpty(values, "timezone"));
        b.calendartype(nonEmpty(values, "calendartype"));
        b.theme(text(values, "theme"));
        b.description(text(values, "description"));
        b.mailformat(integer(values, "mailformat", 0, 1));
        b.maildisplay(integer(values, "maildisplay", 0, 2));
        b.maildigest(integer(values, "maildigest", 0, 2));
        b.autosubscribe(integer(values, "autosubscribe", 0, 1));
        b.trackforums(integer(values, "trackforums", 0, 1));
        b.emailstop(integer(values, "emailstop", 0, 1));
        b.firstnamephonetic(text(values, "firstnamephonetic"));
        b.lastnamephonetic(text(values, "lastnamephonetic"));
        b.middlename(text(values, "middlename"));
        b.alternatename(text(values, "alternatename"));
        b.cohort(nonEmpty(values, "cohort"));
        b.cohortIdnumber(nonEmpty(values, "cohortid"));
        TreeSet<Integer> enrolmentIndexes = new TreeSet<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(UserColumns.PROFILE_PREFIX)) {
                b.profileField(e.getKey().substring(UserColumns.PROFILE_PREFIX.length()), e.getValue());
            } else {
                Matcher m = UserColumns.ENROLMENT.matcher(e.getKey());
                if (m.matches() && !e.getValue().isBlank()) {
                    enrolmentIndexes.add(Integer.parseInt(m.group(2)));
                }
            }
        }
        if (action == UserAction.CREATE_OR_UPDATE) {
            for (int n : enrolmentIndexes) {
                b.enrolment(enrolment(values, n));
            }
        }
        return b.build();
    }

    /** The course enrolment of columns N. */
    private CourseEnrolment enrolment(Map<String, String> values, int n) {
        String wwwroot = values.get("wwwroot" + n);
        if (wwwroot != null && !wwwroot.isBlank()) {
            throw new LineFailure("wwwroot" + n, "enrolments on other Moodle sites (MNet, wwwroot" + n
                    + ") are not supported");
        }
        String course = EnrolValues.text("course" + n, values.get("course" + n), 255);
        if (course == null) {
            for (String other : new String[] {"role", "enrol", "group", "start", "end"}) {
                String v = values.get(other + n);
                if (v != null && !v.isBlank()) {
                    throw new LineFailure(other + n, other + n + " is given without course" + n);
                }
            }
            throw new IllegalStateException("no enrolment columns " + n);
        }
        CourseEnrolment e = new CourseEnrolment(n, course, courseKey,
                EnrolValues.text("role" + n, values.get("role" + n), 100), null, false,
                EnrolValues.time("start" + n, values.get("start" + n)),
                EnrolValues.time("end" + n, values.get("end" + n)),
                EnrolValues.text("group" + n, values.get("group" + n), 254));
        String method = EnrolValues.method("enrol" + n, values.get("enrol" + n));
        if (EnrolValues.ROLE_ONLY.equals(method)) {
            return e.asRoleOnly();
        }
        return method == null ? e : e.withMethod(method);
    }

    private static Password password(Map<String, String> values) {
        String hash = values.get("passwordhash");
        String clear = values.get("password");
        if (hash != null && !hash.isEmpty()) {
            if (clear != null && !clear.isEmpty()) {
                throw new LineFailure("passwordhash", "give either password or passwordhash, not both");
            }
            try {
                return Password.hash(hash);
            } catch (IllegalArgumentException e) {
                throw new LineFailure("passwordhash", e.getMessage());
            }
        }
        if (clear == null) {
            return null;
        }
        if (clear.isEmpty()) {
            return Password.generate();
        }
        if (clear.equals(Password.NoLogin.STORED)) {
            return Password.noLogin();
        }
        if (clear.length() > 128) {
            throw new LineFailure("password", "longer than Moodle's 128 characters");
        }
        return Password.plain(clear);
    }

    private static String text(Map<String, String> values, String column) {
        return values.get(column);
    }

    private static String nonEmpty(Map<String, String> values, String column) {
        String v = values.get(column);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String lower(String v) {
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    private static Integer integer(Map<String, String> values, String column, int min, int max) {
        String v = values.get(column);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new LineFailure(column, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LineFailure(column, "not a whole number");
        }
    }
}
