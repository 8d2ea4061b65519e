package org.moodlesync.core;

import java.nio.file.Path;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.feed.UserDropAction;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.feed.FeedSettings;
import org.moodlesync.core.internal.feed.FullFeed;
import org.moodlesync.core.internal.feed.UserFeedRun;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.user.UserFileLayouts;

/**
 * A run of a users file (or of tool_sync's user delete or suspend file): the options of tool_sync's users tool as
 * fluent steps.
 *
 * <pre>{@code
 * RunResult run = engine.users()
 *         .from(Path.of("userimport.csv"))
 *         .identifyBy(UserKey.USERNAME)
 *         .allowRename(true)
 *         .execute();
 * }</pre>
 */
public final class UserSync extends FileSync<UserSync, UserCommand> {

    private UserSyncOptions options = UserSyncOptions.defaults();
    private boolean allowUnknownColumns;
    private CourseKey courseKey = CourseKey.SHORTNAME;
    private boolean dryRun;
    private FeedSettings<UserDropAction> feed = FeedSettings.of(FeedScope.wholeSite(), UserDropAction.SUSPEND);
    private boolean fullFeed;

    UserSync(RunContext context, SyncKind kind) {
        super(context, kind);
    }

    /**
     * All user options at once.
     *
     * @param options the options, replacing those set so far (default {@link UserSyncOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public UserSync options(UserSyncOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The field matching lines to existing users (default {@code idnumber}, as tool_sync).
     *
     * @param key the field (the CLI's {@code --user-by}, tool_sync's {@code users_primaryidentity}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public UserSync identifyBy(UserKey key) {
        options = options.withIdentifyBy(key);
        return this;
    }

    /**
     * Never change the e-mail of an existing user (default on, as tool_sync).
     *
     * @param on false lets lines change existing users' e-mails (the CLI's {@code --no-protect-emails}; tool_sync's {@code users_protectemails})
     * @return this step
     */
    public UserSync protectEmails(boolean on) {
        options = options.withProtectEmails(on);
        return this;
    }

    /**
     * New users without a password get one generated and mailed by Moodle.
     *
     * @param on true for files without a {@code password} column (default off; the CLI's {@code --create-passwords}, tool_sync's {@code users_createpasswords})
     * @return this step
     */
    public UserSync createPasswords(boolean on) {
        options = options.withCreatePasswords(on);
        return this;
    }

    /**
     * Honour the {@code oldusername} column.
     *
     * @param on true to rename users by that column (default off; the CLI's {@code --allow-rename}, tool_sync's {@code users_allowrename})
     * @return this step
     */
    public UserSync allowRename(boolean on) {
        options = options.withAllowRename(on);
        return this;
    }

    /**
     * Hash passwords with Moodle's bulk "fast hash" ({@code rounds=5000}).
     *
     * @param on true for {@code rounds=5000}, false for the normal {@code rounds=10000} (default off; the CLI's {@code --fast-hash})
     * @return this step
     */
    public UserSync fastHash(boolean on) {
        options = options.withFastHash(on);
        return this;
    }

    /**
     * Accept columns the users file does not know (tool_sync's {@code invalidnamesnocheck}); they are ignored.
     *
     * @param on true to ignore unknown columns, false (the default) to refuse the file (the CLI's {@code --allow-unknown-columns})
     * @return this step
     */
    public UserSync allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return this;
    }

    /**
     * The field of courses in the {@code courseN} columns (tool_sync's {@code courses_primaryidentity}; default
     * shortname).
     *
     * @param key the course field (the CLI's {@code --course-by}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public UserSync identifyCoursesBy(CourseKey key) {
        this.courseKey = Objects.requireNonNull(key, "key");
        return this;
    }

    @Override
    public UserSync dryRun(boolean on) {
        this.dryRun = on;
        return super.dryRun(on);
    }

    /**
     * The options this run will use.
     *
     * @return the user options set so far
     */
    public UserSyncOptions options() {
        return options;
    }

    /**
     * Makes the users file the whole truth for the users of a scope: after its lines, the users this feed owns in
     * the scope that the file no longer lists are suspended (or, by {@link #onAbsent}, deleted or kept), unless more
     * than {@link #maxRemovals(RemovalLimit)} allows would go (the run is then refused before it writes anything). A
     * feed owns the users it listed in an earlier run; users it never listed, site administrators and the guest
     * account are never touched. A line is matched by the run's identifier ({@link #identifyBy}) or, without one,
     * by its username. The CLI's {@code --full-feed auth:ldap}.
     *
     * <pre>{@code
     * engine.users().from(Path.of("hr-tonight.csv"))
     *         .asFullFeed(FeedScope.authMethod("ldap"))
     *         .onAbsent(UserDropAction.SUSPEND)
     *         .maxRemovals(RemovalLimit.atMost(50))
     *         .execute();
     * }</pre>
     *
     * @param scope {@link FeedScope#authMethod}, {@link FeedScope#profileField} or {@link FeedScope#wholeSite()}
     *              (every user the feed owns); not null
     * @return this step
     * @throws IllegalArgumentException for a scope of courses, groups or cohorts, or on a delete or suspend file
     */
    public UserSync asFullFeed(FeedScope scope) {
        if (!(Objects.requireNonNull(scope, "scope") instanceof FeedScope.AuthMethod
                || scope instanceof FeedScope.ProfileField || scope instanceof FeedScope.WholeSite)) {
            throw new IllegalArgumentException(scope.describe() + " is not a scope of user feeds: theirs is "
                    + "auth:METHOD, profile:SHORTNAME=VALUE or site");
        }
        if (kind() != SyncKind.USERS) {
            throw new IllegalArgumentException("a full feed of users is a users file, not a " + kind().cliName()
                    + " file");
        }
        feed = feed.withScope(scope);
        fullFeed = true;
        return this;
    }

    /**
     * The feed's name (default {@code default}): each feed owns the users it listed. The CLI's {@code --feed-name}.
     *
     * @param name 1 to 100 characters; not null
     * @return this step
     */
    public UserSync feedName(String name) {
        feed = feed.withName(name);
        return this;
    }

    /**
     * What becomes of an owned user the file no longer lists (default {@link UserDropAction#SUSPEND}). The CLI's
     * {@code --on-absent}.
     *
     * @param action the action; not null
     * @return this step
     */
    public UserSync onAbsent(UserDropAction action) {
        feed = feed.withOnAbsent(Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * How many users one run may suspend or delete (default {@link RemovalLimit#DEFAULT}). The CLI's
     * {@code --max-removals} and {@code --max-removal-share}.
     *
     * @param limit the limit; not null
     * @return this step
     */
    public UserSync maxRemovals(RemovalLimit limit) {
        feed = feed.withLimit(Objects.requireNonNull(limit, "limit"));
        return this;
    }

    /**
     * Where the undo file goes (default: beside the tryback file). The CLI's {@code --undo-dir}.
     *
     * @param dir the directory; null for the default
     * @return this step
     */
    public UserSync undoTo(Path dir) {
        feed = feed.withUndoDir(dir);
        return this;
    }

    @Override
    boolean isFullFeed() {
        return fullFeed;
    }

    @Override
    FullFeed<UserCommand> fullFeed() {
        return fullFeed ? new UserFeedRun(feed, options.identifyBy(), moodle().feedOwnership(), isDryRun()) : null;
    }

    @Override
    Path undoDir() {
        return feed.undoDir();
    }

    @Override
    protected CommandWriter<UserCommand> writer() {
        return moodle().writer(WriterKind.USERS, options);
    }

    @Override
    FileLayout<UserCommand> layout() {
        return switch (kind()) {
            case USERS -> UserFileLayouts.usersFile(options, allowUnknownColumns, courseKey, !dryRun);
            case USER_DELETES -> UserFileLayouts.actionFile(SyncKind.USER_DELETES, UserAction.DELETE, options,
                    allowUnknownColumns);
            case USER_SUSPENDS -> UserFileLayouts.actionFile(SyncKind.USER_SUSPENDS, UserAction.SUSPEND, options,
                    allowUnknownColumns);
            default -> throw new IllegalStateException("not a users kind: " + kind());
        };
    }

}
