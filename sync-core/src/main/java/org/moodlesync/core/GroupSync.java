package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.group.GroupFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a groups and groupings file.
 *
 * <pre>{@code
 * RunResult run = engine.groups().from(Path.of("groups.csv")).identifyCoursesBy(CourseKey.IDNUMBER).execute();
 * }</pre>
 */
public final class GroupSync extends FileSync<GroupSync, GroupCommand> {

    private GroupSyncOptions options = GroupSyncOptions.defaults();
    private boolean dryRun;

    GroupSync(RunContext context) {
        super(context, SyncKind.GROUPS);
    }

    /**
     * All group options at once.
     *
     * @param options the options, replacing those set so far (default {@link GroupSyncOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public GroupSync options(GroupSyncOptions options) {
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
    public GroupSync identifyCoursesBy(CourseKey key) {
        options = options.withCourseKey(key);
        return this;
    }

    /**
     * The field of groups in {@code updateid} (default name).
     *
     * @param key the group field (tool_sync's {@code groups_groupidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public GroupSync identifyGroupsBy(GroupKey key) {
        options = options.withGroupKey(key);
        return this;
    }

    /**
     * The field of groupings in {@code updateid} (default name).
     *
     * @param key the grouping field (tool_sync's {@code groups_groupingidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public GroupSync identifyGroupingsBy(GroupKey key) {
        options = options.withGroupingKey(key);
        return this;
    }

    @Override
    public GroupSync dryRun(boolean on) {
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
    protected CommandWriter<GroupCommand> writer() {
        return moodle().writer(WriterKind.GROUPS, options);
    }

    @Override
    FileLayout<GroupCommand> layout() {
        return GroupFileLayouts.groupsFile(!dryRun);
    }
}
