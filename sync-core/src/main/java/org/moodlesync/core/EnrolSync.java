package org.moodlesync.core;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.enrol.EnrolFileLayout;
import org.moodlesync.core.internal.feed.EnrolFeedRun;
import org.moodlesync.core.internal.feed.EnrolFeedSettings;
import org.moodlesync.core.internal.feed.FullFeed;
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
    private EnrolFeedSettings feed = EnrolFeedSettings.of(FeedScope.coursesInFile());
    private boolean fullFeed;

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

    /**
     * Makes the file the whole truth for a scope: after its lines, the enrolments this feed owns in the scope that
     * the file no longer lists are suspended (or as {@link #onAbsent} says), unless more than
     * {@link #maxRemovals(RemovalLimit)} allows would go: the run is then refused before it writes anything
     * (status {@link org.moodlesync.api.result.RunStatus#REFUSED}). A feed owns what it listed in an earlier run
     * (docs/full-feeds.md); an enrolment made by hand is never removed. The CLI's {@code --full-feed SCOPE}.
     *
     * <pre>{@code
     * engine.enrolments().from(Path.of("enrolments-tonight.csv"))
     *         .asFullFeed(FeedScope.coursesInFile())
     *         .onAbsent(EnrolDropAction.UNENROL)
     *         .maxRemovals(RemovalLimit.atMost(200))
     *         .execute();
     * }</pre>
     *
     * @param scope what the file is the whole truth for; not null
     * @return this step
     * @throws NullPointerException     when {@code scope} is null
     * @throws IllegalArgumentException when the scope is not one of courses ({@link FeedScope#groupsInFile()} is a
     *                                  group member scope, {@link FeedScope#authMethod} a user scope, …)
     */
    public EnrolSync asFullFeed(FeedScope scope) {
        if (!(Objects.requireNonNull(scope, "scope") instanceof FeedScope.CoursesInFile
                || scope instanceof FeedScope.Category || scope instanceof FeedScope.WholeSite)) {
            throw new IllegalArgumentException(scope.describe() + " is not a scope of enrolment feeds (groups-in-file "
                    + "is one of group member feeds, cohorts-in-file of cohort member feeds, auth: and profile: of user "
                    + "feeds): an enrolment feed's scope is courses-in-file, a category or the site");
        }
        feed = new EnrolFeedSettings(feed.name(), Objects.requireNonNull(scope, "scope"), feed.onAbsent(),
                feed.limit(), feed.method(), feed.undoDir());
        fullFeed = true;
        return this;
    }

    /**
     * The feed's name (default {@code default}): each feed owns what it listed, so two feeds
     * of one site (an SIS and an HR export, say) never remove each other's enrolments. The CLI's {@code --feed-name}.
     *
     * @param name 1 to 100 characters; not null
     * @return this step
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public EnrolSync feedName(String name) {
        feed = feed.withName(name);
        return this;
    }

    /**
     * What becomes of an owned enrolment the file no longer lists (default {@link EnrolDropAction#SUSPEND}: nothing
     * is lost, an undo line makes it active again). The CLI's {@code --on-absent}.
     *
     * @param action the action; not null
     * @return this step
     * @throws NullPointerException when {@code action} is null
     */
    public EnrolSync onAbsent(EnrolDropAction action) {
        feed = feed.withOnAbsent(Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * How much one run may remove (default {@link RemovalLimit#DEFAULT}: 10 % of the enrolments the feed owns in
     * the scope). The CLI's {@code --max-removals N} and {@code --max-removal-share P%}.
     *
     * @param limit the limit; not null
     * @return this step
     * @throws NullPointerException when {@code limit} is null
     */
    public EnrolSync maxRemovals(RemovalLimit limit) {
        feed = feed.withLimit(Objects.requireNonNull(limit, "limit"));
        return this;
    }

    /**
     * The enrol plugin whose enrolments the feed manages (default {@code manual}): enrolments of other methods are
     * never removed. The CLI's {@code --feed-method}.
     *
     * @param method the plugin name; not blank
     * @return this step
     */
    public EnrolSync feedMethod(String method) {
        String m = Objects.requireNonNull(method, "method").trim();
        feed = feed.withMethod(m.startsWith("enrol_") ? m.substring("enrol_".length()) : m);
        return this;
    }

    /**
     * Where the undo file goes (default: beside the tryback file, that is beside the input file; none for commands
     * built in code unless given). The CLI's {@code --undo-dir}.
     *
     * @param dir the directory; null for the default
     * @return this step
     */
    public EnrolSync undoTo(Path dir) {
        feed = feed.withUndoDir(dir);
        return this;
    }

    @Override
    boolean isFullFeed() {
        return fullFeed;
    }

    @Override
    FullFeed<EnrolCommand> fullFeed() {
        return fullFeed ? new EnrolFeedRun(feed, options.userKey(), options.courseKey(), moodle().feedOwnership(),
                dryRun) : null;
    }

    @Override
    Path undoDir() {
        return feed.undoDir();
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
