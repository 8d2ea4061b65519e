package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.ScopedUser;
import org.moodlesync.api.feed.UserDropAction;
import org.moodlesync.api.feed.UserScopeQuery;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;

/**
 * A users file run as a full feed of users: its rows are the users of the scope (an auth method, a profile field's
 * value, or every user the feed owns), its key a line's identifier ({@code idnumber} by default) or, on a line
 * without one, its username, as the users writer matches it. Absent users are suspended (the undo file makes them
 * active again), deleted (which cannot be undone) or kept. Deleted users, site administrators and the guest account
 * are never in a scope.
 */
public final class UserFeedRun extends ScopedFeedRun<UserCommand, ScopedUser> {

    /** Marks a key that is a username, on a line without the identifier (never a value a line holds). */
    private static final String BY_USERNAME = "\u00a7username\u00a7";

    private final FeedSettings<UserDropAction> settings;
    private final UserKey key;
    private final boolean dryRun;

    /**
     * A full-feed run.
     *
     * @param settings  the feed's settings
     * @param key       the run's identifier of users (its {@code identifyBy})
     * @param ownership the backend's full-feed support
     * @param dryRun    whether nothing is to be written (ownership records included)
     */
    public UserFeedRun(FeedSettings<UserDropAction> settings, UserKey key, FeedOwnership ownership, boolean dryRun) {
        super(settings.name(), settings.limit(), ownership, dryRun);
        this.settings = settings;
        this.key = key;
        this.dryRun = dryRun;
    }

    @Override
    public FeedKeys keys(RowSource rows) {
        return FeedKeys.of(rows, row -> List.of(key(row)), 0, false);
    }

    private String key(InputRow row) {
        String value = row.value(key.column()).orElse("").trim();
        if (!value.isEmpty() || key == UserKey.USERNAME) {
            return value;
        }
        String username = row.value("username").orElse("").trim();
        return username.isEmpty() ? "" : BY_USERNAME + username;
    }

    @Override
    public FeedKeys keys(List<UserCommand> commands) {
        return FeedKeys.of(commands, c -> {
            String value = c.key(key);
            if ((value == null || value.isBlank()) && key != UserKey.USERNAME && c.username() != null) {
                value = BY_USERNAME + c.username().trim();
            }
            List<String> values = new ArrayList<>(1);
            values.add(value);
            return values;
        }, 0);
    }

    @Override
    protected String ownedKind() {
        return FeedOwnership.USER;
    }

    @Override
    protected String rowsName() {
        return "users";
    }

    @Override
    protected String scopeDescription() {
        return settings.scope().describe() + ", users";
    }

    @Override
    protected String keyDescription() {
        return "user (" + key.column() + " or username)";
    }

    @Override
    protected void forEachInScope(FeedKeys keys, Consumer<ScopedUser> each) {
        ownership.users(new UserScopeQuery(settings.name(), settings.scope(), key), each);
    }

    @Override
    protected long id(ScopedUser row) {
        return row.id();
    }

    @Override
    protected boolean owned(ScopedUser row) {
        return row.owned();
    }

    @Override
    protected boolean listed(FeedKeys keys, ScopedUser row) {
        if (row.key() != null && !row.key().isBlank() && keys.lists(row.key())) {
            return true;
        }
        return key != UserKey.USERNAME && keys.lists(BY_USERNAME + row.username());
    }

    @Override
    protected boolean needsDrop(ScopedUser row) {
        return settings.onAbsent() != UserDropAction.SUSPEND || !row.suspended();
    }

    @Override
    protected boolean keepsAbsent() {
        return settings.onAbsent() == UserDropAction.KEEP;
    }

    @Override
    protected String dropVerb() {
        return settings.onAbsent() == UserDropAction.DELETE ? "delete" : "suspend";
    }

    @Override
    protected Outcome dropOutcome() {
        return settings.onAbsent() == UserDropAction.DELETE ? Outcome.REMOVED : Outcome.SUSPENDED;
    }

    @Override
    protected String entity(ScopedUser row) {
        return "user " + row.username();
    }

    /** By username: unique on the site, whatever the run's identifier. */
    @Override
    protected UserCommand dropCommand(ScopedUser row) {
        return UserCommand.builder()
                .action(settings.onAbsent() == UserDropAction.DELETE ? UserAction.DELETE : UserAction.SUSPEND)
                .username(row.username())
                .build();
    }

    @Override
    protected List<String> removalNotices(int removals) {
        if (settings.onAbsent() != UserDropAction.DELETE) {
            return List.of();
        }
        return List.of("deleted users cannot be put back (Moodle's delete scrambles their username and e-mail)"
                + (dryRun ? ": the " + removals + " this run would delete could not be undone"
                : ": the undo file lists none of the " + removals + " deleted"));
    }

    @Override
    protected List<String> undoHeader() {
        List<String> header = new ArrayList<>(List.of("username", "firstname", "lastname"));
        if (key != UserKey.USERNAME) {
            header.add(key.column());
        }
        header.add("suspended");
        return header;
    }

    @Override
    protected String undoKind() {
        return "users";
    }

    @Override
    protected List<UndoFile.Line> undoLines(ScopedUser row, List<String> before) {
        if (settings.onAbsent() == UserDropAction.DELETE) {
            return List.of();
        }
        List<String> values = new ArrayList<>(List.of(row.username(), nonNull(row.firstname()),
                nonNull(row.lastname())));
        if (key != UserKey.USERNAME) {
            values.add(nonNull(row.key()));
        }
        values.add("0");
        return List.of(new UndoFile.Line(values.toArray(String[]::new)));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
