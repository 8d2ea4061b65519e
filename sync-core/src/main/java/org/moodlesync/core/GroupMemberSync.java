package org.moodlesync.core;

import java.nio.file.Path;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.feed.FullFeed;
import org.moodlesync.core.internal.feed.GroupMemberFeedRun;
import org.moodlesync.core.internal.feed.FeedSettings;
import org.moodlesync.core.internal.group.GroupFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a group members file.
 *
 * <pre>{@code
 * RunResult run = engine.groupMembers().from(Path.of("groupmembers.csv")).identifyUsersBy(UserKey.USERNAME)
 *         .execute();
 * }</pre>
 */
public final class GroupMemberSync extends FileSync<GroupMemberSync, GroupMemberCommand> {

    private GroupSyncOptions options = GroupSyncOptions.defaults();
    private boolean dryRun;
    private FeedSettings<MemberDropAction> feed = FeedSettings.of(FeedScope.groupsInFile(), MemberDropAction.REMOVE);
    private boolean fullFeed;

    GroupMemberSync(RunContext context) {
        super(context, SyncKind.GROUP_MEMBERS);
    }

    /**
     * All group options at once.
     *
     * @param options the options, replacing those set so far (default {@link GroupSyncOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public GroupMemberSync options(GroupSyncOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The field of courses in {@code courseid} (default shortname).
     *
     * @param key the course field (tool_sync's {@code groups_courseidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public GroupMemberSync identifyCoursesBy(CourseKey key) {
        options = options.withCourseKey(key);
        return this;
    }

    /**
     * The field of users in {@code userid} (default idnumber).
     *
     * @param key the user field (tool_sync's {@code groups_useridentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public GroupMemberSync identifyUsersBy(UserKey key) {
        options = options.withUserKey(key);
        return this;
    }

    /**
     * The field of groups in {@code groupid} (default name).
     *
     * @param key the group field (tool_sync's {@code groups_groupidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public GroupMemberSync identifyGroupsBy(GroupKey key) {
        options = options.withGroupKey(key);
        return this;
    }

    /**
     * Makes the file the whole truth for a scope: after its lines, the manual memberships this feed owns in the
     * scope that the file no longer lists are removed (unless {@link #onAbsent} keeps them), unless more than
     * {@link #maxRemovals(RemovalLimit)} allows would go: the run is then refused before it writes anything (status
     * {@link org.moodlesync.api.result.RunStatus#REFUSED}). A feed owns what it listed in an earlier run
     * (docs/full-feeds.md); a membership added by hand, or by a plugin (enrol_cohort's), is never removed. Scopes:
     * {@link FeedScope#groupsInFile()}, {@link FeedScope#coursesInFile()}, a category, the whole site. The CLI's
     * {@code --full-feed SCOPE}.
     *
     * <pre>{@code
     * engine.groupMembers().from(Path.of("groupmembers-tonight.csv"))
     *         .asFullFeed(FeedScope.groupsInFile())
     *         .maxRemovals(RemovalLimit.atMost(100))
     *         .execute();
     * }</pre>
     *
     * @param scope what the file is the whole truth for; not null
     * @return this step
     * @throws NullPointerException     when {@code scope} is null
     * @throws IllegalArgumentException for a scope of cohorts or users
     */
    public GroupMemberSync asFullFeed(FeedScope scope) {
        if (Objects.requireNonNull(scope, "scope") instanceof FeedScope.CohortsInFile
                || scope instanceof FeedScope.AuthMethod || scope instanceof FeedScope.ProfileField) {
            throw new IllegalArgumentException(scope.describe() + " is not a scope of group member feeds: theirs is "
                    + "groups-in-file, courses-in-file, a category or the site");
        }
        feed = feed.withScope(scope);
        fullFeed = true;
        return this;
    }

    /**
     * The feed's name (default {@code default}): each feed owns what it listed, so two feeds never remove each
     * other's members. The CLI's {@code --feed-name}.
     *
     * @param name 1 to 100 characters; not null
     * @return this step
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public GroupMemberSync feedName(String name) {
        feed = feed.withName(name);
        return this;
    }

    /**
     * What becomes of an owned membership the file no longer lists (default {@link MemberDropAction#REMOVE}; an
     * undo line adds it back). The CLI's {@code --on-absent}.
     *
     * @param action the action; not null
     * @return this step
     */
    public GroupMemberSync onAbsent(MemberDropAction action) {
        feed = feed.withOnAbsent(Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * How much one run may remove (default {@link RemovalLimit#DEFAULT}: 10 % of the memberships the feed owns in
     * the scope). The CLI's {@code --max-removals N} and {@code --max-removal-share P%}.
     *
     * @param limit the limit; not null
     * @return this step
     */
    public GroupMemberSync maxRemovals(RemovalLimit limit) {
        feed = feed.withLimit(Objects.requireNonNull(limit, "limit"));
        return this;
    }

    /**
     * Where the undo file goes (default: beside the tryback file). The CLI's {@code --undo-dir}.
     *
     * @param dir the directory; null for the default
     * @return this step
     */
    public GroupMemberSync undoTo(Path dir) {
        feed = feed.withUndoDir(dir);
        return this;
    }

    @Override
    boolean isFullFeed() {
        return fullFeed;
    }

    @Override
    FullFeed<GroupMemberCommand> fullFeed() {
        return fullFeed ? new GroupMemberFeedRun(feed, options, moodle().feedOwnership(), dryRun) : null;
    }

    @Override
    Path undoDir() {
        return feed.undoDir();
    }

    @Override
    public GroupMemberSync dryRun(boolean on) {
        this.dryRun = on;
        return super.dryRun(on);
    }

    /**
     * The options this run will use.
     *
     * @return the group options set so far
     */
    public GroupSyncOptions options() {
        return options;
    }

    @Override
    protected CommandWriter<GroupMemberCommand> writer() {
        return moodle().writer(WriterKind.GROUP_MEMBERS, options);
    }

    @Override
    FileLayout<GroupMemberCommand> layout() {
        return GroupFileLayouts.membersFile(!dryRun);
    }
}
