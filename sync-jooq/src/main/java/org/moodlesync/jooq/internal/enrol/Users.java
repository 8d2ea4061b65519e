package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.jooq.internal.support.LineRejected;

/** The live users of the site one chunk of lines names, loaded with one query. */
public final class Users {

    /**
     * A user as the enrolment writers see it.
     *
     * @param id       user id
     * @param username username
     */
    public record UserRef(long id, String username) {
    }

    private final UserKey key;
    private final long guestId;
    private final Map<String, List<UserRef>> byValue = new HashMap<>();

    private Users(UserKey key, long guestId) {
        this.key = key;
        this.guestId = guestId;
    }

    /** Loads the live (not deleted) local users whose {@code key} field has one of these values. */
    public static Users load(DSLContext dsl, EnrolSite site, UserKey key, Collection<String> values) {
        Users users = new Users(key, site.guestId());
        Set<String> distinct = new HashSet<>();
        values.stream().filter(v -> v != null && !v.isEmpty()).forEach(distinct::add);
        if (distinct.isEmpty()) {
            return users;
        }
        Condition where = switch (key) {
            case USERNAME -> MDL_USER.USERNAME.in(distinct);
            case IDNUMBER -> MDL_USER.IDNUMBER.in(distinct);
            case EMAIL -> MDL_USER.EMAIL.in(distinct);
            case ID -> MDL_USER.ID.in(distinct.stream().filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf)
                    .toList());
        };
        dsl.select(MDL_USER.ID, MDL_USER.USERNAME, MDL_USER.IDNUMBER, MDL_USER.EMAIL).from(MDL_USER)
                .where(where)
                .and(MDL_USER.DELETED.eq(MDL_USER.DELETED.getDataType().convert(0)))
                .and(MDL_USER.MNETHOSTID.eq(site.config().localMnetHostId()))
                .forEach(r -> {
                    String k = switch (key) {
                        case USERNAME -> r.value2();
                        case IDNUMBER -> r.value3();
                        case EMAIL -> r.value4();
                        case ID -> Long.toString(r.value1());
                    };
                    users.byValue.computeIfAbsent(k, x -> new ArrayList<>()).add(new UserRef(r.value1(), r.value2()));
                });
        return users;
    }

    /**
     * The user a value names.
     *
     * @param column the file column, for the error
     * @throws LineRejected when no live user or several have it, or when it is the guest account
     */
    public UserRef find(String value, String column) {
        List<UserRef> found = byValue.getOrDefault(value, List.of());
        if (found.isEmpty()) {
            if (key == UserKey.ID && !value.matches("\\d{1,18}")) {
                throw new LineRejected(column, "not a user id: " + value);
            }
            throw new LineRejected(column, "no user with " + key.column() + " " + value);
        }
        if (found.size() > 1) {
            throw new LineRejected(column, found.size() + " users have " + key.column() + " " + value
                    + ": cannot tell which one the line means");
        }
        UserRef u = found.get(0);
        if (u.id() == guestId) {
            throw new LineRejected(column, "the guest account is never enrolled or grouped by a sync");
        }
        return u;
    }
}
