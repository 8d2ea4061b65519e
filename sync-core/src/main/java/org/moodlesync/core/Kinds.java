package org.moodlesync.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.KindDescriptor.Source;

/**
 * The registry of the kinds of file: each kind is declared here once, and everything that picks a kind at run
 * time reads it ({@link SyncEngine#step(SyncKind)}, {@link SyncEngine#supportedKinds()}, the workspace runner,
 * the scheduler, the command line). Adding a kind is one constant here and its line in {@link #ALL} (see
 * docs/adding-a-kind.md).
 */
public final class Kinds {

    /** The users file: create, update, delete (by its {@code deleted} column). */
    public static final KindDescriptor<UserSync> USERS = new KindDescriptor<>(SyncKind.USERS, Source.COMMAND_FILE,
            UserSync.class, c -> new UserSync(c, SyncKind.USERS), "users: create, update, delete");

    /** tool_sync's user delete file: every line deletes a user. */
    public static final KindDescriptor<UserSync> USER_DELETES = new KindDescriptor<>(SyncKind.USER_DELETES,
            Source.COMMAND_FILE, UserSync.class, c -> new UserSync(c, SyncKind.USER_DELETES),
            "every line deletes a user");

    /** tool_sync's user suspend file: every line suspends a user. */
    public static final KindDescriptor<UserSync> USER_SUSPENDS = new KindDescriptor<>(SyncKind.USER_SUSPENDS,
            Source.COMMAND_FILE, UserSync.class, c -> new UserSync(c, SyncKind.USER_SUSPENDS),
            "every line suspends a user");

    /** The course file: create (also from a template) and update courses; categories are created on demand. */
    public static final KindDescriptor<CourseSync> COURSES = new KindDescriptor<>(SyncKind.COURSES,
            Source.COMMAND_FILE, CourseSync.class, CourseSync::new, "courses: create, update, from a template");

    /** The course delete file: every line deletes a course (courses holding content are refused). */
    public static final KindDescriptor<CourseDeleteSync> COURSE_DELETES = new KindDescriptor<>(
            SyncKind.COURSE_DELETES, Source.COMMAND_FILE, CourseDeleteSync.class, CourseDeleteSync::new,
            "every line deletes a course");

    /** The course existence check file: every line says whether a course exists; never writes. */
    public static final KindDescriptor<CourseCheckSync> COURSE_CHECKS = new KindDescriptor<>(SyncKind.COURSE_CHECKS,
            Source.COMMAND_FILE, CourseCheckSync.class, CourseCheckSync::new, "every line checks a course exists");

    /** The course reset file: every line removes user data of a course, option by option. */
    public static final KindDescriptor<CourseResetSync> COURSE_RESETS = new KindDescriptor<>(SyncKind.COURSE_RESETS,
            Source.COMMAND_FILE, CourseResetSync.class, CourseResetSync::new, "every line resets a course");

    /** The meta-course bindings file: every line links (or unlinks) a meta course to a master course. */
    public static final KindDescriptor<CourseMetaSync> COURSE_METAS = new KindDescriptor<>(SyncKind.COURSE_METAS,
            Source.COMMAND_FILE, CourseMetaSync.class, CourseMetaSync::new, "meta-course links");

    /** The enrolment file: enrol, unenrol, change roles, suspend; the enrolled user's groups. */
    public static final KindDescriptor<EnrolSync> ENROLMENTS = new KindDescriptor<>(SyncKind.ENROLMENTS,
            Source.COMMAND_FILE, EnrolSync.class, EnrolSync::new, "enrol, unenrol, change roles");

    /** The groups and groupings file: create, update, delete groups and groupings. */
    public static final KindDescriptor<GroupSync> GROUPS = new KindDescriptor<>(SyncKind.GROUPS,
            Source.COMMAND_FILE, GroupSync.class, GroupSync::new, "groups and groupings");

    /** The group members file: users join, leave or move between groups. */
    public static final KindDescriptor<GroupMemberSync> GROUP_MEMBERS = new KindDescriptor<>(SyncKind.GROUP_MEMBERS,
            Source.COMMAND_FILE, GroupMemberSync.class, GroupMemberSync::new, "group members");

    /** The cohorts file: create, update and delete cohorts, add and remove members. */
    public static final KindDescriptor<CohortSync> COHORTS = new KindDescriptor<>(SyncKind.COHORTS,
            Source.COMMAND_FILE, CohortSync.class, CohortSync::new, "cohorts and their members");

    /** The cohort to course bindings file: cohort sync enrolment instances and their enrolments. */
    public static final KindDescriptor<CohortBindingSync> COHORT_BINDINGS = new KindDescriptor<>(
            SyncKind.COHORT_BINDINGS, Source.COMMAND_FILE, CohortBindingSync.class, CohortBindingSync::new,
            "cohort to course bindings");

    /** User pictures: zip archives of images named after a user field (or a removal list, or images in code). */
    public static final KindDescriptor<PictureSync> PICTURES = new KindDescriptor<>(SyncKind.PICTURES,
            Source.ZIP_ARCHIVES, PictureSync.class, PictureSync::new, "user pictures from zip archives");

    /** Every kind, in the order of the documentation and of the command line's list. */
    private static final List<KindDescriptor<?>> ALL = List.of(USERS, USER_DELETES, USER_SUSPENDS, COURSES,
            COURSE_DELETES, COURSE_CHECKS, COURSE_RESETS, COURSE_METAS, ENROLMENTS, GROUPS, GROUP_MEMBERS, COHORTS,
            COHORT_BINDINGS, PICTURES);

    private static final Map<SyncKind, KindDescriptor<?>> BY_KIND = byKind();

    private Kinds() {
    }

    private static Map<SyncKind, KindDescriptor<?>> byKind() {
        Map<SyncKind, KindDescriptor<?>> map = new EnumMap<>(SyncKind.class);
        for (KindDescriptor<?> d : ALL) {
            if (map.put(d.kind(), d) != null) {
                throw new ExceptionInInitializerError("kind declared twice: " + d.kind());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Every kind, in the order of the documentation and of the command line's list.
     *
     * @return the descriptors; not modifiable
     */
    public static List<KindDescriptor<?>> all() {
        return ALL;
    }

    /**
     * The descriptor of a kind, when this version of moodle-sync has a step for it.
     *
     * @param kind the kind
     * @return its descriptor, or empty when it has no step (or {@code kind} is null)
     */
    public static Optional<KindDescriptor<?>> of(SyncKind kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /**
     * The kinds with a step, in tool_sync's run order ({@link SyncKind}'s order: pictures last).
     *
     * @return the kinds; not modifiable
     */
    public static Set<SyncKind> kinds() {
        return Collections.unmodifiableSet(EnumSet.copyOf(BY_KIND.keySet()));
    }

    /**
     * The kind of this command-line name ({@code users}, {@code course-deletes}, …), when there is one.
     *
     * @param name the command-line name, exactly (case matters)
     * @return the kind's descriptor, or empty when no kind has that name
     */
    public static Optional<KindDescriptor<?>> byCliName(String name) {
        return ALL.stream().filter(d -> d.cliName().equals(name)).findFirst();
    }

    /**
     * The command-line names of every kind, in {@link #all()}'s order, comma separated.
     *
     * @return the names, for example for a usage message
     */
    public static String cliNames() {
        return String.join(", ", ALL.stream().map(KindDescriptor::cliName).toList());
    }
}
