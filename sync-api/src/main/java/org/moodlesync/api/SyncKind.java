package org.moodlesync.api;

/**
 * The kinds of command file moodle-sync processes, with the file name tool_sync expects for each.
 *
 * <p>The order of the constants is tool_sync's "run all" order: categories and courses first, then users,
 * enrolments, groups, cohorts and pictures.
 */
public enum SyncKind {
    COURSE_RESETS("course-resets", "resetcourses.csv"),
    COURSE_CHECKS("course-checks", "courses.csv"),
    COURSE_DELETES("course-deletes", "deletecourses.csv"),
    COURSES("courses", "uploadcourses.csv"),
    COURSE_METAS("course-metas", "metacourses.csv"),
    USERS("users", "userimport.csv"),
    USER_DELETES("user-deletes", "userdelete.csv"),
    USER_SUSPENDS("user-suspends", "usersuspend.csv"),
    ENROLMENTS("enrolments", "enrols.csv"),
    GROUPS("groups", "groups.csv"),
    GROUP_MEMBERS("group-members", "groupmembers.csv"),
    COHORTS("cohorts", "cohorts.csv"),
    COHORT_BINDINGS("cohort-bindings", "cohortscourses.csv"),
    PICTURES("pictures", "userpictures_*.zip");

    private final String cliName;
    private final String defaultFileName;

    SyncKind(String cliName, String defaultFileName) {
        this.cliName = cliName;
        this.defaultFileName = defaultFileName;
    }

    /** The name used on the command line ({@code moodle-sync run users FILE}). */
    public String cliName() {
        return cliName;
    }

    /** tool_sync's default file name for this kind (a glob for pictures). */
    public String defaultFileName() {
        return defaultFileName;
    }

    /** The kind with this command-line name. */
    public static SyncKind fromCliName(String name) {
        for (SyncKind kind : values()) {
            if (kind.cliName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind of file: " + name);
    }
}
