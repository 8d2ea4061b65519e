package org.moodlesync.core;

import java.time.ZoneId;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.enrol.EnrolFileLayout;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of an enrolment file: the options of tool_sync's enrolment tool as fluent steps.
 *
 * <pre>{@code
 * RunResult run = engine.enrolments()
 *         .from(Path.of("enrols.csv"))
 *         .identifyUsersBy(UserKey.USERNAME)
 *         .identifyCoursesBy(CourseKey.SHORTNAME)
 *         .execute();
 * }</pre>
 */
public final class EnrolSync extends FileSync<EnrolSync, EnrolCommand> {

    private EnrolSyncOptions options = EnrolSyncOptions.defaults();
    private EnrolAction defaultAction = EnrolAction.ADD;
    private boolean roleOnlyWithoutEnrolColumn;
    private boolean dryRun;

    EnrolSync(RunContext context) {
        super(context, SyncKind.ENROLMENTS);
    }

    /**
     * All enrolment options at once.
     *
     * @param options the options, replacing those set so far (default {@link EnrolSyncOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public EnrolSync options(EnrolSyncOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The field of users in {@code uid} (default idnumber).
     *
     * @param key the user field (the CLI's {@code --user-by}, tool_sync's {@code enrols_useridentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public EnrolSync identifyUsersBy(UserKey key) {
        options = options.withUserKey(key);
        return this;
    }

    /**
     * The field of courses in {@code cid} (default shortname).
     *
     * @param key the course field (the CLI's {@code --course-by}, tool_sync's {@code enrols_courseidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public EnrolSync identifyCoursesBy(CourseKey key) {
        options = options.withCourseKey(key);
        return this;
    }

    /**
     * Enrol through a disabled instance when the course has no enabled one of the method.
     *
     * @param on true to use disabled instances (default off; the CLI's {@code --allow-disabled-instances}, tool_sync's
     *           {@code enrols_enableenrolondisabled})
     * @return this step
     */
    public EnrolSync allowDisabledInstances(boolean on) {
        options = options.withAllowDisabledInstances(on);
        return this;
    }

    /**
     * The zone of dates written without one (default: the site's).
     *
     * @param zone the zone; null for the site's ({@code config.timezone}, the JVM's when the site uses the server's)
     * @return this step
     */
    public EnrolSync timeZone(ZoneId zone) {
        options = options.withTimeZone(zone);
        return this;
    }

    /**
     * The command of lines whose {@code cmd} is empty or absent (default add; tool_sync's enrols_defaultcmd).
     *
     * @param action the command; not null
     * @return this step
     * @throws NullPointerException when {@code action} is null
     */
    public EnrolSync defaultAction(EnrolAction action) {
        this.defaultAction = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * A file without an {@code enrol} column assigns roles without enrolling, as tool_sync did (default off: its
     * lines enrol through the manual method).
     *
     * @param on true for tool_sync's behaviour
     * @return this step
     */
    public EnrolSync roleOnlyWithoutEnrolColumn(boolean on) {
        this.roleOnlyWithoutEnrolColumn = on;
        return this;
    }

    @Override
    public EnrolSync dryRun(boolean on) {
        this.dryRun = on;
        return super.dryRun(on);
    }

    /**
     * The options this run will use.
     *
     * @return the enrolment options set so far
     */
    public EnrolSyncOptions options() {
        return options;
    }

    @Override
    protected CommandWriter<EnrolCommand> writer() {
        return moodle().writer(WriterKind.ENROLMENTS, options);
    }

    @Override
    FileLayout<EnrolCommand> layout() {
        return EnrolFileLayout.of(defaultAction, roleOnlyWithoutEnrolColumn, !dryRun);
    }
}
