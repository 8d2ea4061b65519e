package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
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
