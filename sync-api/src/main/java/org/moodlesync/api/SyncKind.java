package org.moodlesync.api;

/**
 * The kinds of command file moodle-sync processes, with the file name tool_sync expects for each.
 *
 * <p>The order of the constants is tool_sync's "run all" order: categories and courses first, then users,
 * enrolments, groups, cohorts and pictures.
 */
public enum SyncKind {
    /** Course resets ({@code resetcourses.csv}). */
    COURSE_RESETS("course-resets", "resetcourses.csv"),
    /** Course existence checks ({@code courses.csv}): writes nothing. */
    COURSE_CHECKS("course-checks", "courses.csv"),
    /** Course deletions ({@code deletecourses.csv}). */
    COURSE_DELETES("course-deletes", "deletecourses.csv"),
    /** Courses and their categories, created or updated ({@code uploadcourses.csv}). */
    COURSES("courses", "uploadcourses.csv"),
    /** Meta-course links ({@code metacourses.csv}). */
    COURSE_METAS("course-metas", "metacourses.csv"),
    /** Users, created or updated, with their enrolments ({@code userimport.csv}). */
    USERS("users", "userimport.csv"),
    /** User deletions ({@code userdelete.csv}). */
    USER_DELETES("user-deletes", "userdelete.csv"),
    /** User suspensions ({@code usersuspend.csv}). */
    USER_SUSPENDS("user-suspends", "usersuspend.csv"),
    /** Enrolments and role assignments ({@code enrols.csv}). */
    ENROLMENTS("enrolments", "enrols.csv"),
    /** Groups and groupings ({@code groups.csv}). */
    GROUPS("groups", "groups.csv"),
    /** Group members ({@code groupmembers.csv}). */
    GROUP_MEMBERS("group-members", "groupmembers.csv"),
    /** Cohorts and their members ({@code cohorts.csv}). */
    COHORTS("cohorts", "cohorts.csv"),
    /** Cohorts bound to courses ({@code cohortscourses.csv}). */
    COHORT_BINDINGS("cohort-bindings", "cohortscourses.csv"),
    /** User pictures from zip archives ({@code userpictures_*.zip}). */
    PICTURES("pictures", "userpictures_*.zip");

    private final String cliName;
    private final String defaultFileName;

    SyncKind(String cliName, String defaultFileName) {
        this.cliName = cliName;
        this.defaultFileName = defaultFileName;
    }

    /** {@return the name used on the command line ({@code moodle-sync run users FILE})} */
    public String cliName() {
        return cliName;
    }

    /** {@return tool_sync's default file name for this kind (a glob for pictures)} */
    public String defaultFileName() {
        return defaultFileName;
    }

    /**
     * The kind with this command-line name.
     *
     * @param name a {@link #cliName()}, such as {@code users}
     * @return the kind
     * @throws IllegalArgumentException when no kind has this name
     */
    public static SyncKind fromCliName(String name) {
        for (SyncKind kind : values()) {
            if (kind.cliName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind of file: " + name);
    }
}
