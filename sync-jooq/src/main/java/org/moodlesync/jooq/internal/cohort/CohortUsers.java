package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.jooq.internal.support.KeyValues;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * The live local users (not deleted, of this site's mnet host) that one chunk of cohort lines names, loaded with
 * one query; values are matched exactly.
 */
final class CohortUsers {

    /**
     * A user, as reports name it.
     *
     * @param id       user.id
     * @param username username
     */
    record UserRef(long id, String username) {
    }

    private final UserKey key;
    private final Map<String, List<UserRef>> byValue = new HashMap<>();

    private CohortUsers(UserKey key) {
        this.key = key;
    }

    static CohortUsers load(DSLContext dsl, long mnetHostId, UserKey key, Collection<String> values) {
        CohortUsers users = new CohortUsers(key);
        List<String> some = values.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        if (some.isEmpty()) {
            return users;
        }
        Field<?> field = switch (key) {
            case ID -> MDL_USER.ID;
            case USERNAME -> MDL_USER.USERNAME;
            case IDNUMBER -> MDL_USER.IDNUMBER;
            case EMAIL -> MDL_USER.EMAIL;
        };
        List<Object> bound = KeyValues.bound(some, key == UserKey.ID);
        if (bound.isEmpty()) {
            return users;
        }
        @SuppressWarnings("unchecked")
        Field<Object> f = (Field<Object>) field;
        dsl.select(MDL_USER.ID, MDL_USER.USERNAME, field).from(MDL_USER)
                .where(MDL_USER.MNETHOSTID.eq(mnetHostId))
                .and(MDL_USER.DELETED.eq(MDL_USER.DELETED.getDataType().convert(0)))
                .and(f.in(bound))
                .orderBy(MDL_USER.ID)
                .fetch()
                .forEach(r -> users.byValue.computeIfAbsent(String.valueOf(r.get(field)), k -> new ArrayList<>())
                        .add(new UserRef(r.get(MDL_USER.ID), r.get(MDL_USER.USERNAME))));
        return users;
    }

    /** The ids of every user found. */
    List<Long> ids() {
        return byValue.values().stream().flatMap(List::stream).map(UserRef::id).distinct().toList();
    }

    /**
     * The one user a value means.
     *
     * @throws LineRejected when no user, or several, have it
     */
    UserRef require(String value, String column) {
        List<UserRef> found = byValue.getOrDefault(Objects.requireNonNull(value, "value"), List.of());
        if (found.isEmpty()) {
            throw new LineRejected(column, "no user with " + key.column() + " " + value);
        }
        if (found.size() > 1) {
            throw new LineRejected(column, found.size() + " users have " + key.column() + " " + value
                    + ": cannot tell which one the line means");
        }
        return found.get(0);
    }
}
