package org.moodlesync.api.command.course;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.moodlesync.api.command.CommandConstraints;

/**
 * A line of the course reset file: which user data of one course to remove, option by option, as Moodle's course
 * reset does ({@code reset_course_userdata}). Options whose data live in core tables are done by the writer; those
 * that need Moodle's own code (activity modules, comments, blogs) are reported as not done, never silently skipped.
 *
 * @param identifier       the shortname, idnumber or id of the course, as the file's identifier says
 * @param events           delete the course's calendar events
 * @param logs             tool_sync's legacy {@code logs} option (Moodle 4.5 has no course log reset)
 * @param notes            delete the course's notes
 * @param comments         delete the comments of the course (needs Moodle: reported as not done)
 * @param blogAssociations remove blog associations (needs Moodle: reported as not done)
 * @param completion       delete completion data of the course
 * @param localRoles       unassign roles in the course's activities and blocks, and/or delete permission overrides
 * @param grades           delete grades (items: needs Moodle, reported as not done)
 * @param unenrolAll       unenrol every enrolled user (tool_sync's {@code roles=all})
 * @param unenrolRoles     unenrol the users having these roles (shortnames); a user with other roles too only
 *                         loses this one
 * @param groups           delete groups and/or their members
 * @param groupings        delete groupings and/or their groups
 * @param modules          tool_sync's {@code modules} value ({@code all}, names, or {@code -name} exclusions) or null
 * @param moduleOptions    activity reset flags set to 1 ({@code forum_all}, {@code quiz_attempts}…)
 */
public record CourseResetCommand(@NotBlank @Size(max = 255) String identifier, boolean events, boolean logs,
                                 boolean notes, boolean comments, boolean blogAssociations, boolean completion,
                                 @NotNull LocalRoles localRoles, @NotNull Grades grades, boolean unenrolAll,
                                 List<@NotBlank @Size(max = 100) String> unenrolRoles, @NotNull Scope groups,
                                 @NotNull Scope groupings, String modules, Set<String> moduleOptions) {

    /** What of the roles below the course (activities, blocks) to reset. */
    public enum LocalRoles {
        /** Nothing is reset. */
        NONE,
        /** Role assignments in activities and blocks, and permission overrides. */
        ALL,
        /** Role assignments in activities and blocks. */
        ROLES,
        /** Permission overrides in the course and below. */
        OVERRIDES
    }

    /** What of the gradebook to reset. */
    public enum Grades {
        /** Nothing is reset. */
        NONE,
        /** Grade items and grades (needs Moodle's module code). */
        ALL,
        /** Grade items (needs Moodle's module code). */
        ITEMS,
        /** Grades only. */
        GRADES
    }

    /** What of the groups, or of the groupings, to reset. */
    public enum Scope {
        /** Nothing is reset. */
        NONE,
        /** The groups (groupings) and their members. */
        ALL,
        /** The groups (groupings) themselves, which removes their members (groups) too. */
        ITEMS,
        /** Only the members (the groups of groupings), the groups (groupings) stay. */
        MEMBERS
    }

    /**
     * Checks that an identifier is given and normalises the rest: null options become {@code NONE}, null lists and sets
     * empty (and unmodifiable).
     *
     * @param identifier       the shortname, idnumber or id of the course, as the file's identifier says
     * @param events           delete the course's calendar events
     * @param logs             tool_sync's legacy {@code logs} option (Moodle 4.5 has no course log reset)
     * @param notes            delete the course's notes
     * @param comments         delete the comments of the course (needs Moodle: reported as not done)
     * @param blogAssociations remove blog associations (needs Moodle: reported as not done)
     * @param completion       delete completion data of the course
     * @param localRoles       unassign roles in the course's activities and blocks, and/or delete permission overrides
     * @param grades           delete grades (items: needs Moodle, reported as not done)
     * @param unenrolAll       unenrol every enrolled user (tool_sync's {@code roles=all})
     * @param unenrolRoles     unenrol the users having these roles (shortnames); a user with other roles too only loses
     *                         this one
     * @param groups           delete groups and/or their members
     * @param groupings        delete groupings and/or their groups
     * @param modules          tool_sync's {@code modules} value ({@code all}, names, or {@code -name} exclusions) or
     *                         null
     * @param moduleOptions    activity reset flags set to 1 ({@code forum_all}, {@code quiz_attempts}…)
     * @throws NullPointerException when {@code identifier} is null
     */
    public CourseResetCommand {
        Objects.requireNonNull(identifier, "identifier");
        localRoles = localRoles == null ? LocalRoles.NONE : localRoles;
        grades = grades == null ? Grades.NONE : grades;
        groups = groups == null ? Scope.NONE : groups;
        groupings = groupings == null ? Scope.NONE : groupings;
        unenrolRoles = unenrolRoles == null ? List.of() : List.copyOf(unenrolRoles);
        moduleOptions = moduleOptions == null ? Set.of() : Set.copyOf(moduleOptions);
    }

    /**
     * A builder for the reset of one course.
     *
     * @param identifier the shortname, idnumber or id of the course, as the file's identifier says
     * @return a builder with every option off
     */
    public static Builder builder(String identifier) {
        return new Builder(identifier);
    }

    /** Builds a {@link CourseResetCommand}; every option off unless set. */
    public static final class Builder {
        private final String identifier;
        private boolean events;
        private boolean logs;
        private boolean notes;
        private boolean comments;
        private boolean blogAssociations;
        private boolean completion;
        private LocalRoles localRoles = LocalRoles.NONE;
        private Grades grades = Grades.NONE;
        private boolean unenrolAll;
        private final List<String> unenrolRoles = new ArrayList<>();
        private Scope groups = Scope.NONE;
        private Scope groupings = Scope.NONE;
        private String modules;
        private final Set<String> moduleOptions = new LinkedHashSet<>();

        private Builder(String identifier) {
            this.identifier = identifier;
        }

        /**
         * Deletes the course's calendar events ({@code events} column).
         *
         * @param v true to delete them
         * @return this builder
         */
        public Builder events(boolean v) { this.events = v; return this; }

        /**
         * Sets tool_sync's legacy {@code logs} option; Moodle 4.5 has no course log reset, so it only yields a message.
         *
         * @param v the option
         * @return this builder
         */
        public Builder logs(boolean v) { this.logs = v; return this; }

        /**
         * Deletes the course's notes ({@code notes} column).
         *
         * @param v true to delete them
         * @return this builder
         */
        public Builder notes(boolean v) { this.notes = v; return this; }

        /**
         * Deletes the course's comments ({@code comments} column); needs Moodle's comment API, so it is reported as not
         * done.
         *
         * @param v true to ask for it
         * @return this builder
         */
        public Builder comments(boolean v) { this.comments = v; return this; }

        /**
         * Removes blog associations ({@code blog_associations} column); needs Moodle's blog API, so it is reported as
         * not done.
         *
         * @param v true to ask for it
         * @return this builder
         */
        public Builder blogAssociations(boolean v) { this.blogAssociations = v; return this; }

        /**
         * Deletes activity completions and views, course completions and criteria completions ({@code completion}
         * column).
         *
         * @param v true to delete them
         * @return this builder
         */
        public Builder completion(boolean v) { this.completion = v; return this; }

        /**
         * Sets what of the roles below the course to reset ({@code local_roles} column).
         *
         * @param v the scope; {@link LocalRoles#NONE} for nothing
         * @return this builder
         */
        public Builder localRoles(LocalRoles v) { this.localRoles = v; return this; }

        /**
         * Sets what of the gradebook to reset ({@code grades} column).
         *
         * @param v the scope; {@link Grades#NONE} for nothing
         * @return this builder
         */
        public Builder grades(Grades v) { this.grades = v; return this; }

        /**
         * Unenrols every enrolled user (tool_sync's {@code roles=all}).
         *
         * @param v true to unenrol everyone
         * @return this builder
         */
        public Builder unenrolAll(boolean v) { this.unenrolAll = v; return this; }

        /**
         * Adds a role whose users are unenrolled ({@code roles} column); a user with other roles too only loses this
         * one.
         *
         * @param shortname the role's short name, for example {@code student}
         * @return this builder
         */
        public Builder unenrolRole(String shortname) { unenrolRoles.add(shortname); return this; }

        /**
         * Sets what of the groups to reset ({@code groups} column).
         *
         * @param v the scope; {@link Scope#NONE} for nothing
         * @return this builder
         */
        public Builder groups(Scope v) { this.groups = v; return this; }

        /**
         * Sets what of the groupings to reset ({@code groupings} column).
         *
         * @param v the scope; {@link Scope#NONE} for nothing
         * @return this builder
         */
        public Builder groupings(Scope v) { this.groupings = v; return this; }

        /**
         * Sets tool_sync's {@code modules} value; activity user data needs each module's code, so it is reported as not
         * done.
         *
         * @param v {@code all}, module names, or {@code -name} exclusions; null for none
         * @return this builder
         */
        public Builder modules(String v) { this.modules = v; return this; }

        /**
         * Adds an activity reset flag set to 1 (a {@code <module>_<option>} column such as {@code forum_all}); reported
         * as not done.
         *
         * @param v the flag's column name
         * @return this builder
         */
        public Builder moduleOption(String v) { moduleOptions.add(v); return this; }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public CourseResetCommand build() {
            CourseResetCommand command = new CourseResetCommand(identifier, events, logs, notes, comments,
                    blogAssociations, completion, localRoles, grades, unenrolAll, unenrolRoles, groups, groupings,
                    modules, moduleOptions);
            return CommandConstraints.check(command);
        }
    }
}
