package org.moodlesync.core.internal.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseCheckCommand;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.command.course.CourseRef;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.read.HeaderRules;

/**
 * The layouts of tool_sync's course files: the course file (§4.1), the delete and existence check files (no header,
 * §4.6, §4.7), the reset file (§4.8) and the meta-course bindings file (§4.9).
 */
public final class CourseFileLayouts {

    /** The column name of the identifier of the header-less delete and check files. */
    public static final String IDENTIFIER = "identifier";
    /** The column name of the description of the check file. */
    public static final String DESCRIPTION = "description";

    private CourseFileLayouts() {
    }

    /**
     * The course file: the identifier's column is required; {@code shortname} and {@code fullname} are needed for
     * lines that create a course.
     */
    public static FileLayout<CourseCommand> coursesFile(CourseSyncOptions options, boolean allowUnknown) {
        HeaderRules rules = HeaderRules.create()
                .required(options.identifyBy().column())
                .allowed(CourseColumns.FIELDS)
                .allowed(CourseColumns.IGNORED.keySet())
                .allowedPatterns(CourseColumns.TOPIC.pattern(), CourseColumns.TEACHER.pattern())
                .allowUnknown(allowUnknown);
        return new FileLayout<>(SyncKind.COURSES, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            List<String> header = source.header();
            for (String column : header) {
                String why = CourseColumns.IGNORED.get(column);
                if (why != null) {
                    notices.add("column " + column + " was ignored: " + why);
                }
            }
            for (String needed : List.of("shortname", "fullname")) {
                if (!header.contains(needed)) {
                    notices.add("no " + needed + " column: only existing courses can be updated, lines for new"
                            + " courses will fail");
                }
            }
            if (header.contains("category_idnumber") && !header.contains("category")) {
                notices.add("column category_idnumber without a category column is ignored");
            }
            return notices;
        }, new CourseRowMapper(options.identifyBy()), CourseColumns::columnOf);
    }

    /** The delete file: no header, one course identifier per line. */
    public static FileLayout<CourseRef> deleteFile() {
        return new FileLayout<>(SyncKind.COURSE_DELETES, source -> List.of(), row -> {
            String id = row.value(IDENTIFIER).orElse("");
            if (id.isEmpty()) {
                throw new LineFailure(IDENTIFIER, "a course identifier is required");
            }
            return CourseRef.of(id);
        }, property -> IDENTIFIER);
    }

    /** The existence check file: no header, {@code identifier[;description]} per line. */
    public static FileLayout<CourseCheckCommand> checkFile() {
        return new FileLayout<>(SyncKind.COURSE_CHECKS, source -> List.of(), row -> {
            String id = row.value(IDENTIFIER).orElse("");
            if (id.isEmpty()) {
                throw new LineFailure(IDENTIFIER, "a course identifier is required");
            }
            String description = row.value(DESCRIPTION).filter(d -> !d.isEmpty()).orElse(null);
            return new CourseCheckCommand(id, description);
        }, property -> "description".equals(property) ? DESCRIPTION : IDENTIFIER);
    }

    /**
     * The reset file: the identifier's column is required, every option column is optional (an absent option is
     * not reset: tool_sync reset comments and blog associations when their columns were absent).
     */
    public static FileLayout<CourseResetCommand> resetFile(CourseKey identifyBy, boolean allowUnknown) {
        HeaderRules rules = HeaderRules.create()
                .required(identifyBy.column())
                .allowed(CourseColumns.RESET)
                .allowed(CourseColumns.RESET_MODULE_FLAGS)
                .allowedPatterns(CourseColumns.RESET_MODULE_OPTION.pattern())
                .allowUnknown(allowUnknown);
        return new FileLayout<>(SyncKind.COURSE_RESETS, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            return notices;
        }, row -> reset(row, identifyBy), property -> property.equals("identifier") ? identifyBy.column()
                : property);
    }

    /** The meta-course bindings file: {@code master}, {@code meta} required, {@code cmd} optional. */
    public static FileLayout<CourseMetaCommand> metaFile(boolean allowUnknown) {
        HeaderRules rules = HeaderRules.create()
                .required("master", "meta")
                .allowed("cmd")
                .allowUnknown(allowUnknown);
        return new FileLayout<>(SyncKind.COURSE_METAS, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            return notices;
        }, CourseFileLayouts::meta, property -> property);
    }

    // ------------------------------------------------------------------------------------------------- mappers

    private static CourseMetaCommand meta(InputRow row) {
        String master = row.value("master").orElse("");
        String meta = row.value("meta").orElse("");
        if (master.isEmpty()) {
            throw new LineFailure("master", "a course identifier is required");
        }
        if (meta.isEmpty()) {
            throw new LineFailure("meta", "a course identifier is required");
        }
        String cmd = row.value("cmd").orElse("").trim().toLowerCase(Locale.ROOT);
        CourseMetaCommand.Action action = switch (cmd) {
            case "", "add" -> CourseMetaCommand.Action.ADD;
            case "del", "delete" -> CourseMetaCommand.Action.DELETE;
            default -> throw new LineFailure("cmd", "must be add or del, got " + cmd);
        };
        return new CourseMetaCommand(master, meta, action);
    }

    private static CourseResetCommand reset(InputRow row, CourseKey identifyBy) {
        Map<String, String> values = row.asMap();
        String id = values.getOrDefault(identifyBy.column(), "");
        if (id.isEmpty()) {
            throw new LineFailure(identifyBy.column(), "a value is required: courses are identified by "
                    + identifyBy.column());
        }
        CourseResetCommand.Builder b = CourseResetCommand.builder(id)
                .events(yes(values, "events"))
                .logs(yes(values, "logs"))
                .notes(yes(values, "notes"))
                .comments(yes(values, "comments"))
                .blogAssociations(yes(values, "blog_associations"))
                .completion(yes(values, "completion"));
        b.localRoles(switch (choice(values, "local_roles")) {
            case "" -> CourseResetCommand.LocalRoles.NONE;
            case "all" -> CourseResetCommand.LocalRoles.ALL;
            case "roles" -> CourseResetCommand.LocalRoles.ROLES;
            case "overrides" -> CourseResetCommand.LocalRoles.OVERRIDES;
            default -> throw new LineFailure("local_roles", "must be all, roles, overrides or no, got "
                    + values.get("local_roles"));
        });
        b.grades(switch (choice(values, "grades")) {
            case "" -> CourseResetCommand.Grades.NONE;
            case "all" -> CourseResetCommand.Grades.ALL;
            case "items" -> CourseResetCommand.Grades.ITEMS;
            case "grades" -> CourseResetCommand.Grades.GRADES;
            default -> throw new LineFailure("grades", "must be all, items, grades or no, got "
                    + values.get("grades"));
        });
        String roles = choice(values, "roles");
        if ("all".equals(roles)) {
            b.unenrolAll(true);
        } else if (!roles.isEmpty()) {
            for (String role : values.get("roles").trim().split("\\s+")) {
                b.unenrolRole(role);
            }
        }
        b.groups(scope(values, "groups", "groups"));
        b.groupings(scope(values, "groupings", "groupings"));
        String modules = choice(values, "modules");
        b.modules(modules.isEmpty() ? null : values.get("modules").trim());
        for (Map.Entry<String, String> e : values.entrySet()) {
            String column = e.getKey();
            boolean flagColumn = CourseColumns.RESET_MODULE_FLAGS.contains(column)
                    || (!CourseColumns.RESET.contains(column) && !column.equals(identifyBy.column())
                    && CourseColumns.RESET_MODULE_OPTION.matcher(column).matches());
            if (flagColumn && ("1".equals(e.getValue().trim()) || "yes".equalsIgnoreCase(e.getValue().trim()))) {
                b.moduleOption(column);
            }
        }
        return b.build();
    }

    /** yes/1 → true; no/0/empty/absent → false. */
    private static boolean yes(Map<String, String> values, String column) {
        String v = values.get(column);
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "1", "y", "true" -> true;
            case "no", "0", "n", "false", "" -> false;
            default -> throw new LineFailure(column, "must be yes or no (1 or 0), got " + v);
        };
    }

    /** The lower-cased value, "" for absent, empty, {@code no} or {@code 0}. */
    private static String choice(Map<String, String> values, String column) {
        String v = values.get(column);
        if (v == null) {
            return "";
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("no") || s.equals("0") || s.equals("none") ? "" : s;
    }

    private static CourseResetCommand.Scope scope(Map<String, String> values, String column, String items) {
        String v = choice(values, column);
        return switch (v) {
            case "" -> CourseResetCommand.Scope.NONE;
            case "all" -> CourseResetCommand.Scope.ALL;
            case "members" -> CourseResetCommand.Scope.MEMBERS;
            case "groups", "groupings" -> CourseResetCommand.Scope.ITEMS;
            default -> {
                if (v.equals(items)) {
                    yield CourseResetCommand.Scope.ITEMS;
                }
                throw new LineFailure(column, "must be all, " + items + ", members or no, got " + values.get(column));
            }
        };
    }

    /**
     * A format for tool_sync's header-less files: whatever the caller gives, the file has no header and these
     * columns.
     */
    public static CsvFormat headerless(CsvFormat format, String... columns) {
        return format.headerRequired(false).columns(columns);
    }
}
