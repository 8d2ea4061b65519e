package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.cohort.CohortCommand;
import java.nio.file.Path;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.core.internal.feed.CohortMemberFeedRun;
import org.moodlesync.core.internal.feed.FullFeed;
import org.moodlesync.core.internal.feed.FeedSettings;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.cohort.CohortFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a cohorts file: tool_sync's cohort options as fluent steps.
 *
 * <pre>{@code
 * RunResult run = engine.cohorts()
 *         .from(Path.of("cohorts.csv"))
 *         .identifyBy(CohortKey.IDNUMBER)
 *         .identifyUsersBy(UserKey.USERNAME)
 *         .execute();
 * }</pre>
 */
public final class CohortSync extends FileSync<CohortSync, CohortCommand> {

    private CohortSyncOptions options = CohortSyncOptions.defaults();
    private boolean allowUnknownColumns;
    private FeedSettings<MemberDropAction> feed = FeedSettings.of(FeedScope.cohortsInFile(), MemberDropAction.REMOVE);
    private boolean fullFeed;

    CohortSync(RunContext context) {
        super(context, SyncKind.COHORTS);
    }

    /**
     * All cohort options at once.
     *
     * @param options the options, replacing those set so far (default {@link CohortSyncOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public CohortSync options(CohortSyncOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The field matching lines to cohorts (default {@code idnumber}, column {@code cidnumber}).
     *
     * @param key the cohort field (tool_sync's {@code cohorts_cohortidentifier}); its column ({@code cid}, {@code cidnumber}, {@code cname}) is then required; not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CohortSync identifyBy(CohortKey key) {
        options = options.withIdentifyBy(key);
        return this;
    }

    /**
     * The user field of the {@code userid} column (default {@code idnumber}).
     *
     * @param key the user field (tool_sync's {@code cohorts_useridentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CohortSync identifyUsersBy(UserKey key) {
        options = options.withUserIdentifyBy(key);
        return this;
    }

    /**
     * The former name of {@link #identifyUsersBy(UserKey)}.
     *
     * @param key the user field; not null
     * @return this step
     * @deprecated use {@link #identifyUsersBy(UserKey)}, the name every step uses
     */
    @Deprecated(since = "0.1.0")
    public CohortSync usersIdentifiedBy(UserKey key) {
        return identifyUsersBy(key);
    }

    /**
     * Create missing cohorts on {@code add} (default on).
     *
     * @param on false to fail the lines of missing cohorts (the CLI's {@code --no-create-cohorts}, tool_sync's
     *           {@code cohorts_autocreate})
     * @return this step
     */
    public CohortSync autoCreate(boolean on) {
        options = options.withAutoCreate(on);
        return this;
    }

    /**
     * Accept columns the cohorts file does not know; they are ignored.
     *
     * @param on true to ignore unknown columns, false (the default) to refuse the file (the CLI's {@code --allow-unknown-columns})
     * @return this step
     */
    public CohortSync allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return this;
    }

    /**
     * The options this run will use.
     *
     * @return the cohort options set so far
     */
    public CohortSyncOptions options() {
        return options;
    }

    /**
     * Makes the file the whole truth for the members of its cohorts ({@link FeedScope#cohortsInFile()}) or of every
     * cohort ({@link FeedScope#wholeSite()}): after its lines, the members this feed owns that the file no longer
     * lists leave the cohort (and, through enrol_cohort, the courses it is bound to), unless {@link #onAbsent} keeps
     * them or more than {@link #maxRemovals(RemovalLimit)} allows would go (the run is then refused before it writes
     * anything). A feed owns the members it listed in an earlier run; one added by hand is never removed. A line
     * without {@code userid} names its cohort only. The CLI's {@code --full-feed cohorts-in-file}.
     *
     * @param scope {@link FeedScope#cohortsInFile()} or {@link FeedScope#wholeSite()}; not null
     * @return this step
     * @throws IllegalArgumentException for a scope of courses or groups
     */
    public CohortSync asFullFeed(FeedScope scope) {
        if (!(Objects.requireNonNull(scope, "scope") instanceof FeedScope.CohortsInFile
                || scope instanceof FeedScope.WholeSite)) {
            throw new IllegalArgumentException("a cohort member feed's scope is cohorts-in-file or site, not "
                    + scope.describe());
        }
        feed = feed.withScope(scope);
        fullFeed = true;
        return this;
    }

    /**
     * The feed's name (default {@code default}). The CLI's {@code --feed-name}.
     *
     * @param name 1 to 100 characters; not null
     * @return this step
     */
    public CohortSync feedName(String name) {
        feed = feed.withName(name);
        return this;
    }

    /**
     * What becomes of an owned member the file no longer lists (default {@link MemberDropAction#REMOVE}). The CLI's
     * {@code --on-absent}.
     *
     * @param action the action; not null
     * @return this step
     */
    public CohortSync onAbsent(MemberDropAction action) {
        feed = feed.withOnAbsent(Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * How much one run may remove (default {@link RemovalLimit#DEFAULT}). The CLI's {@code --max-removals} and
     * {@code --max-removal-share}.
     *
     * @param limit the limit; not null
     * @return this step
     */
    public CohortSync maxRemovals(RemovalLimit limit) {
        feed = feed.withLimit(Objects.requireNonNull(limit, "limit"));
        return this;
    }

    /**
     * Where the undo file goes (default: beside the tryback file). The CLI's {@code --undo-dir}.
     *
     * @param dir the directory; null for the default
     * @return this step
     */
    public CohortSync undoTo(Path dir) {
        feed = feed.withUndoDir(dir);
        return this;
    }

    @Override
    boolean isFullFeed() {
        return fullFeed;
    }

    @Override
    FullFeed<CohortCommand> fullFeed() {
        return fullFeed ? new CohortMemberFeedRun(feed, options, moodle().feedOwnership(), isDryRun()) : null;
    }

    @Override
    Path undoDir() {
        return feed.undoDir();
    }

    @Override
    protected CommandWriter<CohortCommand> writer() {
        return moodle().writer(WriterKind.COHORTS, options);
    }

    @Override
    FileLayout<CohortCommand> layout() {
        return CohortFileLayouts.cohortsFile(options, allowUnknownColumns);
    }
}
