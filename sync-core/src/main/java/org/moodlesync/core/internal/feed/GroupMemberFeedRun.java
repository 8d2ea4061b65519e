package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.GroupMemberScopeQuery;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.ScopedGroupMember;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.source.RowSource;

/**
 * A group members file run as a full feed: its rows are the manual memberships (no component) of the scope's
 * groups, its key a line's {@code courseid} (unless groups are named by id), {@code groupid} and {@code userid}.
 * Absent members leave their group, or are kept; the undo file adds them back.
 */
public final class GroupMemberFeedRun extends ScopedFeedRun<GroupMemberCommand, ScopedGroupMember> {

    /** The undo file's columns. */
    static final List<String> UNDO_HEADER = List.of("cmd", "courseid", "groupid", "userid");
    /** Scope values per scope query. */
    private static final int PER_QUERY = 1000;

    private final FeedSettings<MemberDropAction> settings;
    private final GroupSyncOptions options;
    private final boolean withCourse;
    private final int scopeColumns;

    /**
     * A full-feed run.
     *
     * @param settings  the feed's settings
     * @param options   the run's identifiers of courses, groups and users
     * @param ownership the backend's full-feed support
     * @param dryRun    whether nothing is to be written (ownership records included)
     */
    public GroupMemberFeedRun(FeedSettings<MemberDropAction> settings, GroupSyncOptions options, FeedOwnership ownership,
                              boolean dryRun) {
        super(settings.name(), settings.limit(), ownership, dryRun);
        this.settings = settings;
        this.options = options;
        boolean byId = options.groupKey() == GroupKey.ID;
        FeedScope scope = settings.scope();
        // a group named by name or idnumber is a group of its course: the course is part of the key
        this.withCourse = !byId || scope instanceof FeedScope.CoursesInFile;
        this.scopeColumns = scope instanceof FeedScope.CoursesInFile ? 1
                : scope instanceof FeedScope.GroupsInFile ? (byId ? 1 : 2) : 0;
    }

    private List<String> columns() {
        return withCourse ? List.of("courseid", "groupid", "userid") : List.of("groupid", "userid");
    }

    @Override
    public FeedKeys keys(RowSource rows) {
        return FeedKeys.of(rows, columns(), scopeColumns);
    }

    @Override
    public FeedKeys keys(List<GroupMemberCommand> commands) {
        return FeedKeys.of(commands, c -> withCourse ? Arrays.asList(c.course(), c.group(), c.user())
                : Arrays.asList(c.group(), c.user()), scopeColumns);
    }

    @Override
    protected String ownedKind() {
        return FeedOwnership.GROUP_MEMBER;
    }

    @Override
    protected String rowsName() {
        return "group members";
    }

    @Override
    protected String scopeDescription() {
        return settings.scope().describe() + ", manual group members";
    }

    @Override
    protected String keyDescription() {
        return withCourse ? "course, group or user" : "group or user";
    }

    @Override
    protected void forEachInScope(FeedKeys keys, Consumer<ScopedGroupMember> each) {
        FeedScope scope = settings.scope();
        if (scope instanceof FeedScope.CoursesInFile) {
            List<String> courses = keys.firstScopeValues();
            for (int from = 0; from < courses.size(); from += PER_QUERY) {
                ownership.groupMembers(query(courses.subList(from, Math.min(courses.size(), from + PER_QUERY)),
                        List.of()), each);
            }
        } else if (scope instanceof FeedScope.GroupsInFile && !withCourse) {
            List<String> groups = keys.firstScopeValues();
            for (int from = 0; from < groups.size(); from += PER_QUERY) {
                ownership.groupMembers(query(List.of(), groups.subList(from, Math.min(groups.size(),
                        from + PER_QUERY))), each);
            }
        } else if (scope instanceof FeedScope.GroupsInFile) {
            List<List<String>> pairs = keys.scopes();
            for (int from = 0; from < pairs.size(); from += PER_QUERY) {
                List<List<String>> chunk = pairs.subList(from, Math.min(pairs.size(), from + PER_QUERY));
                Set<String> named = new HashSet<>();
                chunk.forEach(p -> named.add(pair(p.get(0), p.get(1))));
                // the query reads the groups of these names in these courses; only the pairs named are the scope
                ownership.groupMembers(query(chunk.stream().map(p -> p.get(0)).distinct().toList(),
                        chunk.stream().map(p -> p.get(1)).distinct().toList()), m -> {
                            if (m.course() != null && m.group() != null
                                    && named.contains(pair(m.course(), m.group()))) {
                                each.accept(m);
                            }
                        });
            }
        } else {
            ownership.groupMembers(query(List.of(), List.of()), each);
        }
    }

    private static String pair(String course, String group) {
        return course.trim().toLowerCase(Locale.ROOT) + '\u0000' + group.trim().toLowerCase(Locale.ROOT);
    }

    private GroupMemberScopeQuery query(List<String> courses, List<String> groups) {
        return new GroupMemberScopeQuery(settings.name(), settings.scope(), new ArrayList<>(courses),
                new ArrayList<>(groups), options.userKey(), options.courseKey(), options.groupKey());
    }

    @Override
    protected long id(ScopedGroupMember row) {
        return row.id();
    }

    @Override
    protected boolean owned(ScopedGroupMember row) {
        return row.owned();
    }

    @Override
    protected boolean listed(FeedKeys keys, ScopedGroupMember row) {
        return withCourse ? keys.lists(row.course(), row.group(), row.user()) : keys.lists(row.group(), row.user());
    }

    @Override
    protected boolean keepsAbsent() {
        return settings.onAbsent() == MemberDropAction.KEEP;
    }

    @Override
    protected String dropVerb() {
        return "remove";
    }

    @Override
    protected Outcome dropOutcome() {
        return Outcome.REMOVED;
    }

    @Override
    protected String entity(ScopedGroupMember row) {
        return "member " + row.user() + " of " + row.group() + (row.course() == null ? "" : " in " + row.course());
    }

    @Override
    protected GroupMemberCommand dropCommand(ScopedGroupMember row) {
        return GroupMemberCommand.delete(withCourse ? row.course() : null, row.group(), row.user());
    }

    @Override
    protected List<String> undoHeader() {
        return UNDO_HEADER;
    }

    @Override
    protected String undoKind() {
        return "group members";
    }

    @Override
    protected List<UndoFile.Line> undoLines(ScopedGroupMember row, List<String> before) {
        return List.of(new UndoFile.Line("add", withCourse ? row.course() : "", row.group(), row.user()));
    }
}
