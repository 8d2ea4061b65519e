package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortKey;
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

    @Override
    protected CommandWriter<CohortCommand> writer() {
        return moodle().writer(WriterKind.COHORTS, options);
    }

    @Override
    FileLayout<CohortCommand> layout() {
        return CohortFileLayouts.cohortsFile(options, allowUnknownColumns);
    }
}
