package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
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
