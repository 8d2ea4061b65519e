package org.moodlesync.core.internal.feed;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.EnrolScopeQuery;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.ScopedEnrolment;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.source.RowSource;
import org.moodlesync.api.spi.CommandLine;

/**
 * An enrolment file run as a full feed: its rows are the enrolments through the feed's method in the scope's
 * courses, its key a line's {@code cid} and {@code uid}. Absent enrolments are unenrolled, suspended (with or
 * without their manual roles) or kept; the undo file re-enrols them with their times and roles, or makes them active.
 */
public final class EnrolFeedRun extends ScopedFeedRun<EnrolCommand, ScopedEnrolment> {

    /** The undo file's columns. */
    static final List<String> UNDO_HEADER = List.of("cmd", "rolename", "uid", "cid", "enrol", "starttime",
            "endtime");
    /** Course identifiers per scope query for {@link FeedScope#coursesInFile()}. */
    private static final int COURSES_PER_QUERY = 1000;

    private final EnrolFeedSettings settings;
    private final UserKey userKey;
    private final CourseKey courseKey;

    /**
     * A full-feed run.
     *
     * @param settings  the feed's settings
     * @param userKey   the field of users in the file
     * @param courseKey the field of courses in the file
     * @param ownership the backend's full-feed support
     * @param dryRun    whether nothing is to be written (ownership records included)
     */
    public EnrolFeedRun(EnrolFeedSettings settings, UserKey userKey, CourseKey courseKey, FeedOwnership ownership,
                        boolean dryRun) {
        super(settings.name(), settings.limit(), ownership, dryRun);
        this.settings = settings;
        this.userKey = userKey;
        this.courseKey = courseKey;
    }

    @Override
    public FeedKeys keys(RowSource rows) {
        return FeedKeys.of(rows, List.of("cid", "uid"), 1);
    }

    @Override
    public FeedKeys keys(List<EnrolCommand> commands) {
        return FeedKeys.of(commands, c -> java.util.Arrays.asList(c.course(), c.user()), 1);
    }

    @Override
    protected String ownedKind() {
        return FeedOwnership.ENROLMENT;
    }

    @Override
    protected String rowsName() {
        return "enrolments";
    }

    @Override
    protected String scopeDescription() {
        return settings.scope().describe() + ", " + settings.method() + " enrolments";
    }

    @Override
    protected String keyDescription() {
        return "user or course";
    }

    @Override
    protected void forEachInScope(FeedKeys keys, Consumer<ScopedEnrolment> each) {
        if (settings.scope() instanceof FeedScope.CoursesInFile) {
            List<String> courses = keys.firstScopeValues();
            for (int from = 0; from < courses.size(); from += COURSES_PER_QUERY) {
                ownership.enrolments(query(courses.subList(from, Math.min(courses.size(),
                        from + COURSES_PER_QUERY))), each);
            }
        } else {
            ownership.enrolments(query(List.of()), each);
        }
    }

    private EnrolScopeQuery query(List<String> courses) {
        return new EnrolScopeQuery(settings.name(), settings.scope(), courses, userKey, courseKey,
                settings.method());
    }

    @Override
    protected long id(ScopedEnrolment row) {
        return row.id();
    }

    @Override
    protected boolean owned(ScopedEnrolment row) {
        return row.owned();
    }

    @Override
    protected boolean listed(FeedKeys keys, ScopedEnrolment row) {
        return keys.lists(row.course(), row.user());
    }

    @Override
    protected boolean needsDrop(ScopedEnrolment row) {
        return settings.onAbsent() == EnrolDropAction.UNENROL || row.active();
    }

    @Override
    protected boolean keepsAbsent() {
        return settings.onAbsent() == EnrolDropAction.KEEP;
    }

    @Override
    protected String dropVerb() {
        return settings.onAbsent() == EnrolDropAction.UNENROL ? "unenrol" : "suspend";
    }

    @Override
    protected Outcome dropOutcome() {
        return settings.onAbsent() == EnrolDropAction.UNENROL ? Outcome.REMOVED : Outcome.SUSPENDED;
    }

    @Override
    protected String entity(ScopedEnrolment row) {
        return "enrolment " + row.user() + " in " + row.course();
    }

    @Override
    protected EnrolCommand dropCommand(ScopedEnrolment row) {
        EnrolAction action = settings.onAbsent() == EnrolDropAction.UNENROL ? EnrolAction.DELETE
                : EnrolAction.DISABLE;
        return EnrolCommand.builder().action(action).user(row.user()).course(row.course())
                .method(settings.method()).build();
    }

    /** With {@link EnrolDropAction#SUSPEND_NO_ROLES}, a suspension is followed by the removal of the manual roles. */
    @Override
    protected UnaryOperator<CommandLine<EnrolCommand>> companion() {
        if (settings.onAbsent() != EnrolDropAction.SUSPEND_NO_ROLES) {
            return null;
        }
        return line -> new CommandLine<>(line.ref(), EnrolCommand.builder().action(EnrolAction.DELETE)
                .user(line.command().user()).course(line.command().course()).roleOnly().build());
    }

    /** The roles of what goes with its roles, read before they go: the undo file gives them back. */
    @Override
    protected Map<Long, List<String>> beforeRemoval(List<ScopedEnrolment> removals) {
        boolean rolesGo = settings.onAbsent() == EnrolDropAction.UNENROL
                || settings.onAbsent() == EnrolDropAction.SUSPEND_NO_ROLES;
        return rolesGo ? ownership.roles(removals) : Map.of();
    }

    @Override
    protected List<String> undoHeader() {
        return UNDO_HEADER;
    }

    @Override
    protected String undoKind() {
        return "enrolments";
    }

    @Override
    protected List<UndoFile.Line> undoLines(ScopedEnrolment e, List<String> roles) {
        String start = Long.toString(e.timeStart());
        String end = Long.toString(e.timeEnd());
        if (settings.onAbsent() == EnrolDropAction.SUSPEND
                || settings.onAbsent() == EnrolDropAction.SUSPEND_NO_ROLES && roles.isEmpty()) {
            return List.of(new UndoFile.Line("enable", "", e.user(), e.course(), settings.method(), "", ""));
        }
        if (roles.isEmpty()) {
            return List.of(new UndoFile.Line("add", "", e.user(), e.course(), settings.method(), start, end));
        }
        return roles.stream().map(r -> new UndoFile.Line("add", r, e.user(), e.course(), settings.method(),
                start, end)).toList();
    }
}
