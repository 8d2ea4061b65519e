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

    /** All binding options at once. */
    public CohortBindingSync options(CohortBindingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The course field of the {@code course} column (default {@code idnumber}). */
    public CohortBindingSync identifyCoursesBy(CourseKey key) {
        options = options.withCourseIdentifyBy(key);
        return this;
    }

    /** The cohort field of the {@code cohort} column (default {@code idnumber}). */
    public CohortBindingSync identifyCohortsBy(CohortKey key) {
        options = options.withCohortIdentifyBy(key);
        return this;
    }

    /** The role field of the {@code role} column (default {@code shortname}). */
    public CohortBindingSync identifyRolesBy(RoleKey key) {
        options = options.withRoleIdentifyBy(key);
        return this;
    }

    /** @deprecated use {@link #identifyCoursesBy(CourseKey)}, the name every step uses */
    @Deprecated(since = "0.1.0")
    public CohortBindingSync coursesIdentifiedBy(CourseKey key) {
        return identifyCoursesBy(key);
    }

    /** @deprecated use {@link #identifyCohortsBy(CohortKey)} */
    @Deprecated(since = "0.1.0")
    public CohortBindingSync cohortsIdentifiedBy(CohortKey key) {
        return identifyCohortsBy(key);
    }

    /** @deprecated use {@link #identifyRolesBy(RoleKey)} */
    @Deprecated(since = "0.1.0")
    public CohortBindingSync rolesIdentifiedBy(RoleKey key) {
        return identifyRolesBy(key);
    }

    /**
     * The zone of {@code enrolstart}/{@code enrolend} written without one (default: the site's, as for
     * enrolments; null restores it).
     */
    public CohortBindingSync timeZone(ZoneId zone) {
        options = options.withTimeZone(zone);
        return this;
    }

    /** Accept columns the bindings file does not know; they are ignored. */
    public CohortBindingSync allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return this;
    }

    /** The options this run will use. */
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
