package org.moodlesync.core;

import java.time.ZoneId;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortBindingOptions;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.command.cohort.RoleKey;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.cohort.CohortFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a cohort to course bindings file.
 *
 * <pre>{@code
 * RunResult run = engine.cohortBindings()
 *         .from(Path.of("cohortscourses.csv"))
 *         .identifyCoursesBy(CourseKey.SHORTNAME)
 *         .execute();
 * }</pre>
 */
public final class CohortBindingSync extends FileSync<CohortBindingSync, CohortBindingCommand> {

    private CohortBindingOptions options = CohortBindingOptions.defaults();
    private boolean allowUnknownColumns;

    CohortBindingSync(RunContext context) {
        super(context, SyncKind.COHORT_BINDINGS);
    }

    /**
     * All binding options at once.
     *
     * @param options the options, replacing those set so far (default {@link CohortBindingOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public CohortBindingSync options(CohortBindingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The course field of the {@code course} column (default {@code idnumber}).
     *
     * @param key the course field (tool_sync's {@code cohorts_courseidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CohortBindingSync identifyCoursesBy(CourseKey key) {
        options = options.withCourseIdentifyBy(key);
        return this;
    }

    /**
     * The cohort field of the {@code cohort} column (default {@code idnumber}).
     *
     * @param key the cohort field (tool_sync's {@code cohorts_cohortidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CohortBindingSync identifyCohortsBy(CohortKey key) {
        options = options.withCohortIdentifyBy(key);
        return this;
    }

    /**
     * The role field of the {@code role} column (default {@code shortname}).
     *
     * @param key the role field (tool_sync's {@code cohorts_roleidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CohortBindingSync identifyRolesBy(RoleKey key) {
        options = options.withRoleIdentifyBy(key);
        return this;
    }

    /**
     * The former name of {@link #identifyCoursesBy(CourseKey)}.
     *
     * @param key the course field; not null
     * @return this step
     * @deprecated use {@link #identifyCoursesBy(CourseKey)}, the name every step uses
     */
    @Deprecated(since = "0.1.0")
    public CohortBindingSync coursesIdentifiedBy(CourseKey key) {
        return identifyCoursesBy(key);
    }

    /**
     * The former name of {@link #identifyCohortsBy(CohortKey)}.
     *
     * @param key the cohort field; not null
     * @return this step
     * @deprecated use {@link #identifyCohortsBy(CohortKey)}
     */
    @Deprecated(since = "0.1.0")
    public CohortBindingSync cohortsIdentifiedBy(CohortKey key) {
        return identifyCohortsBy(key);
    }

    /**
     * The former name of {@link #identifyRolesBy(RoleKey)}.
     *
     * @param key the role field; not null
     * @return this step
     * @deprecated use {@link #identifyRolesBy(RoleKey)}
     */
    @Deprecated(since = "0.1.0")
    public CohortBindingSync rolesIdentifiedBy(RoleKey key) {
        return identifyRolesBy(key);
    }

    /**
     * The zone of {@code enrolstart}/{@code enrolend} written without one (default: the site's, as for
     * enrolments; null restores it).
     *
     * @param zone the zone; null for the site's ({@code config.timezone}, the server's when that is 99)
     * @return this step
     */
    public CohortBindingSync timeZone(ZoneId zone) {
        options = options.withTimeZone(zone);
        return this;
    }

    /**
     * Accept columns the bindings file does not know; they are ignored.
     *
     * @param on true to ignore unknown columns, false (the default) to refuse the file (the CLI's {@code --allow-unknown-columns})
     * @return this step
     */
    public CohortBindingSync allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return this;
    }

    /**
     * The options this run will use.
     *
     * @return the binding options set so far
     */
    public CohortBindingOptions options() {
        return options;
    }

    @Override
    protected CommandWriter<CohortBindingCommand> writer() {
        return moodle().writer(WriterKind.COHORT_BINDINGS, options);
    }

    @Override
    FileLayout<CohortBindingCommand> layout() {
        return CohortFileLayouts.bindingsFile(allowUnknownColumns);
    }
}
