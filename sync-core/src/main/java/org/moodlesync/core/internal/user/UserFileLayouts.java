package org.moodlesync.core.internal.user;

import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.read.HeaderRules;

/** The layouts of tool_sync's users file (§5.1) and of its separate delete and suspend files (§5.2). */
public final class UserFileLayouts {

    private UserFileLayouts() {
    }

    /** The users file: {@code username}, {@code firstname}, {@code lastname} required; courses by shortname. */
    public static FileLayout<UserCommand> usersFile(UserSyncOptions options, boolean allowUnknown) {
        return usersFile(options, allowUnknown, CourseKey.SHORTNAME, false);
    }

    /**
     * The users file, {@code courseN} values identifying courses by {@code courseKey}.
     *
     * @param groupsNotice add the notice that Moodle's group caches need a purge when the file has group columns
     */
    public static FileLayout<UserCommand> usersFile(UserSyncOptions options, boolean allowUnknown,
                                                    CourseKey courseKey, boolean groupsNotice) {
        HeaderRules rules = HeaderRules.create()
                .required(UserColumns.REQUIRED)
                .allowed(UserColumns.FIELDS)
                .allowed(UserColumns.OBSOLETE)
                .allowedPatterns(UserColumns.ENROLMENT.pattern(), UserColumns.PROFILE_PREFIX + ".+")
                .allowUnknown(allowUnknown);
        return new FileLayout<>(SyncKind.USERS, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            for (String column : source.header()) {
                if (UserColumns.OBSOLETE.contains(column)) {
                    notices.add("column " + column + " was ignored: Moodle 4.5 has no such user field");
                } else if ("mnethostid".equals(column)) {
                    notices.add("column mnethostid was ignored: users are always the site's own");
                } else if ("oldusername".equals(column) && !options.allowRename()) {
                    notices.add("column oldusername: renames are off (allowRename), its lines will fail");
                }
            }
            if (groupsNotice && source.header().stream().anyMatch(c -> c.matches("group\\d+"))) {
                notices.add(org.moodlesync.core.internal.enrol.GroupCacheNotice.TEXT);
            }
            return notices;
        }, UserRowMapper.usersFile(courseKey), UserColumns::columnOf);
    }

    /**
     * The delete or suspend file: one user per line, identified by the column of the configured identifier
     * (which must be present), or by username.
     */
    public static FileLayout<UserCommand> actionFile(SyncKind kind, UserAction action, UserSyncOptions options,
                                                     boolean allowUnknown) {
        HeaderRules rules = HeaderRules.create()
                .allowed(UserColumns.DELETE_FILE)
                .allowUnknown(allowUnknown);
        String key = options.identifyBy().column();
        return new FileLayout<>(kind, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            if (!source.header().contains(key) && !source.header().contains("username")) {
                throw new org.moodlesync.api.InputFormatException(source.name(), source.headerLine(), 0,
                        "missing column " + key + " (the users identifier) or username");
            }
            return notices;
        }, UserRowMapper.actionFile(action), UserColumns::columnOf);
    }
}
