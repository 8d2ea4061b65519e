package org.moodlesync.jooq.internal.picture;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.jooq.internal.site.ContextLevel;

/**
 * The users one chunk of picture lines names, with their context and the rows of their icon area, loaded with
 * three queries for the whole chunk and kept up to date in memory as lines are applied (a later line for the same
 * user sees what an earlier one did, in a dry run too).
 *
 * <p>Users are the site's own ({@code mnethostid = mnet_localhost_id}) and not deleted. Usernames are matched
 * lower-cased (Moodle stores them so), e-mails case-insensitively, idnumbers exactly, ids as numbers.
 */
final class PictureTargets {

    /** What the field value of a line found. */
    sealed interface Match permits Found, Missing, Ambiguous, Invalid {
    }

    /** Exactly one user. */
    record Found(Target target) implements Match {
    }

    /** No user. */
    record Missing() implements Match {
    }

    /** Several users share the value. */
    record Ambiguous(int count) implements Match {
    }

    /** The value cannot name a user of this field (an id that is not a number). */
    record Invalid(String reason) implements Match {
    }

    /** A user's picture state. */
    static final class Target {
        final long userId;
        final String username;
        Long contextId;
        long picture;
        /** The rows of the icon area (context, user, icon, 0), by id. */
        final Map<Long, AreaFile> area = new LinkedHashMap<>();

        Target(long userId, String username, long picture) {
            this.userId = userId;
            this.username = username;
            this.picture = picture;
        }
    }

    /** One row of an icon area. */
    record AreaFile(long id, String filepath, String filename, String contenthash) {
    }

    private final UserKey field;
    private final Map<String, List<Target>> byValue = new HashMap<>();

    private PictureTargets(UserKey field) {
        this.field = field;
    }

    /** The lookup key of a value: usernames and e-mails lower-cased, others as they are. */
    String keyOf(String value) {
        String v = value.trim();
        return field == UserKey.USERNAME || field == UserKey.EMAIL ? v.toLowerCase(Locale.ROOT) : v;
    }

    static PictureTargets load(DSLContext dsl, long mnetHostId, UserKey field, List<PictureCommand> commands) {
        PictureTargets targets = new PictureTargets(field);
        Set<String> keys = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (PictureCommand c : commands) {
            if (c.user() == null) {
                continue;
            }
            String key = targets.keyOf(c.user());
            if (field == UserKey.ID) {
                Long id = parseId(key);
                if (id != null) {
                    ids.add(id);
                }
            } else if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        Condition which = switch (field) {
            case USERNAME -> MDL_USER.USERNAME.in(keys);
            case EMAIL -> DSL.lower(MDL_USER.EMAIL).in(keys);
            case IDNUMBER -> MDL_USER.IDNUMBER.in(keys);
            case ID -> MDL_USER.ID.in(ids);
        };
        if (keys.isEmpty() && ids.isEmpty()) {
            return targets;
        }
        Map<Long, Target> byUser = new HashMap<>();
        dsl.select(MDL_USER.ID, MDL_USER.USERNAME, MDL_USER.IDNUMBER, MDL_USER.EMAIL, MDL_USER.PICTURE)
                .from(MDL_USER)
                .where(MDL_USER.MNETHOSTID.eq(mnetHostId))
                .and(MDL_USER.DELETED.eq(MDL_USER.DELETED.getDataType().convert(0)))
                .and(which)
                .forEach(r -> {
                    Target t = new Target(r.value1(), r.value2(), r.value5() == null ? 0 : r.value5());
                    byUser.put(t.userId, t);
                    String key = switch (field) {
                        case USERNAME -> r.value2();
                        case IDNUMBER -> r.value3();
                        case EMAIL -> r.value4().toLowerCase(Locale.ROOT);
                        case ID -> Long.toString(r.value1());
                    };
                    targets.byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
                });
        if (byUser.isEmpty()) {
            return targets;
        }
        Map<Long, Target> byContext = new HashMap<>();
        dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.INSTANCEID).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.USER.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                .and(MDL_CONTEXT.INSTANCEID.in(byUser.keySet()))
                .forEach(r -> {
                    Target t = byUser.get(r.value2());
                    t.contextId = r.value1();
                    byContext.put(r.value1(), t);
                });
        if (byContext.isEmpty()) {
            return targets;
        }
        dsl.select(MDL_FILES.ID, MDL_FILES.CONTEXTID, MDL_FILES.FILEPATH, MDL_FILES.FILENAME, MDL_FILES.CONTENTHASH)
                .from(MDL_FILES)
                .where(MDL_FILES.CONTEXTID.in(byContext.keySet()))
                .and(MDL_FILES.COMPONENT.eq(IconRows.COMPONENT))
                .and(MDL_FILES.FILEAREA.eq(IconRows.FILEAREA))
                .and(MDL_FILES.ITEMID.eq(IconRows.ITEMID))
                .orderBy(MDL_FILES.ID)
                .forEach(r -> byContext.get(r.value2()).area.put(r.value1(),
                        new AreaFile(r.value1(), r.value3(), r.value4(), r.value5())));
        return targets;
    }

    /** The user a line's value names. */
    Match match(String value) {
        String key = keyOf(value);
        if (field == UserKey.ID && parseId(key) == null) {
            return new Invalid("'" + value + "' is not a user id (a positive number)");
        }
        List<Target> found = byValue.getOrDefault(field == UserKey.ID ? Long.toString(parseId(key)) : key,
                List.of());
        if (found.isEmpty()) {
            return new Missing();
        }
        if (found.size() > 1) {
            return new Ambiguous(found.size());
        }
        return new Found(found.get(0));
    }

    private static Long parseId(String value) {
        try {
            long id = Long.parseLong(value);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
