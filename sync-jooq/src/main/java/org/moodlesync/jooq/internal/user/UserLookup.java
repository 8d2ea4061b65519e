package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.jooq.Record1;
import org.jooq.Row1;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.internal.site.SiteRows;

/**
 * The site's users that one chunk of lines may concern, loaded with one query and then kept up to date in memory
 * as the chunk's lines are applied (so a later line sees what an earlier one created, in a dry run too).
 *
 * <p>Deleted users are found by the trace Moodle's soft delete leaves: their e-mail is the MD5 of their old
 * username.
 */
final class UserLookup {

    private final Map<Long, MdlUserRecord> byId = new HashMap<>();
    private final Map<String, MdlUserRecord> byUsername = new HashMap<>();
    private final Map<String, List<MdlUserRecord>> byIdnumber = new HashMap<>();
    private final Map<String, List<MdlUserRecord>> byEmail = new HashMap<>();
    private final Map<String, List<MdlUserRecord>> deletedByUsernameHash = new HashMap<>();

    private final Map<Long, Map<Long, String>> profiles = new HashMap<>();

    private UserLookup() {
    }

    /** Loads the stored profile field values of every user found (one query). */
    void loadProfiles(DSLContext dsl) {
        List<Long> ids = byId.keySet().stream().filter(id -> id > 0).toList();
        ProfileFields.storedValues(dsl, ids).forEach((user, values) -> profiles.put(user, new HashMap<>(values)));
    }

    /** The stored profile values of a user by field id (empty when none or not loaded). */
    Map<Long, String> profileValues(long userId) {
        return profiles.getOrDefault(userId, Map.of());
    }

    /** Records profile values a line wrote. */
    void profileWritten(long userId, List<UserWrites.ProfileWrite> writes) {
        Map<Long, String> values = profiles.computeIfAbsent(userId, k -> new HashMap<>());
        writes.forEach(w -> values.put(w.fieldId(), w.data()));
    }

    /** Loads every local user that a command of the chunk names by id, username, old username, idnumber or e-mail. */
    static UserLookup load(DSLContext dsl, SiteSchema schema, long mnetHostId, List<UserCommand> commands) {
        Set<String> usernames = new HashSet<>();
        Set<String> idnumbers = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (UserCommand c : commands) {
            addIfPresent(usernames, c.username());
            addIfPresent(usernames, c.oldUsername());
            addIfPresent(idnumbers, c.idnumber());
            addIfPresent(emails, c.email());
            if (c.id() != null) {
                ids.add(c.id());
            }
            if (c.username() != null && !c.username().isEmpty()) {
                emails.add(usernameHash(c.username()));
            }
        }
        // one query per key column, so that each uses its index (an OR across columns makes some engines scan)
        UserLookup lookup = new UserLookup();
        if (!usernames.isEmpty()) {
            // usernames are unique per (mnethostid, username): joined to a list of the keys, so that every engine
            // probes that two-column index (H2 does not use an IN list on an index's second column: it scanned
            // the site's users for each chunk)
            Table<Record1<String>> wanted = DSL.values(usernames.stream().map(DSL::row).toArray(Row1[]::new))
                    .as("wanted", "username");
            dsl.select(schema.fields(MDL_USER)).from(MDL_USER)
                    .join(wanted).on(MDL_USER.USERNAME.eq(wanted.field("username", String.class)))
                    .where(MDL_USER.MNETHOSTID.eq(mnetHostId))
                    .fetchInto(MDL_USER)
                    .forEach(lookup::put);
        }
        List<Condition> keys = new ArrayList<>();
        if (!idnumbers.isEmpty()) {
            keys.add(MDL_USER.IDNUMBER.in(idnumbers));
        }
        if (!emails.isEmpty()) {
            keys.add(MDL_USER.EMAIL.in(emails));
        }
        if (!ids.isEmpty()) {
            keys.add(MDL_USER.ID.in(ids));
        }
        for (Condition key : keys) {
            SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER)
                    .where(MDL_USER.MNETHOSTID.eq(mnetHostId))
                    .and(key), MDL_USER)
                    .forEach(u -> {
                        if (!lookup.byId.containsKey(u.getId())) {
                            lookup.put(u);
                        }
                    });
        }
        return lookup;
    }

    /** The MD5 of a username: what Moodle's delete_user leaves in the e-mail column. */
    static String usernameHash(String username) {
        return DigestUtils.md5Hex(username.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds or replaces a user (after a line created or changed it). */
    void put(MdlUserRecord user) {
        MdlUserRecord old = byId.get(user.getId());
        if (old != null) {
            remove(old);
        }
        MdlUserRecord copy = user.copy();
        copy.setId(user.getId());
        byId.put(copy.getId(), copy);
        if (isDeleted(copy)) {
            deletedByUsernameHash.computeIfAbsent(copy.getEmail(), k -> new ArrayList<>()).add(copy);
            return;
        }
        byUsername.put(copy.getUsername(), copy);
        if (copy.getIdnumber() != null && !copy.getIdnumber().isEmpty()) {
            byIdnumber.computeIfAbsent(copy.getIdnumber(), k -> new ArrayList<>()).add(copy);
        }
        if (copy.getEmail() != null && !copy.getEmail().isEmpty()) {
            byEmail.computeIfAbsent(copy.getEmail(), k -> new ArrayList<>()).add(copy);
        }
    }

    /** A user written in a batch gets its real id in place of its placeholder. */
    void reassign(long placeholder, long realId) {
        MdlUserRecord user = byId.get(placeholder);
        if (user == null) {
            return;
        }
        MdlUserRecord copy = user.copy();
        copy.setId(realId);
        remove(user);
        byId.remove(placeholder);
        put(copy);
        Map<Long, String> values = profiles.remove(placeholder);
        if (values != null) {
            profiles.put(realId, values);
        }
    }

    private void remove(MdlUserRecord user) {
        byUsername.remove(user.getUsername(), user);
        List<MdlUserRecord> list = byIdnumber.get(user.getIdnumber());
        if (list != null) {
            list.remove(user);
        }
        list = byEmail.get(user.getEmail());
        if (list != null) {
            list.remove(user);
        }
        list = deletedByUsernameHash.get(user.getEmail());
        if (list != null) {
            list.remove(user);
        }
    }

    static boolean isDeleted(MdlUserRecord user) {
        return user.getDeleted() != null && user.getDeleted().intValue() == 1;
    }

    MdlUserRecord byId(long id) {
        return byId.get(id);
    }

    MdlUserRecord byUsername(String username) {
        return byUsername.get(username);
    }

    List<MdlUserRecord> byIdnumber(String idnumber) {
        return byIdnumber.getOrDefault(idnumber, List.of());
    }

    List<MdlUserRecord> byEmail(String email) {
        return byEmail.getOrDefault(email, List.of());
    }

    /** Users deleted by Moodle whose old username was this one (newest first). */
    List<MdlUserRecord> deletedWithUsername(String username) {
        List<MdlUserRecord> list = new ArrayList<>(deletedByUsernameHash.getOrDefault(usernameHash(username),
                List.of()));
        list.sort((a, b) -> Long.compare(b.getId(), a.getId()));
        return list;
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isEmpty()) {
            set.add(value);
        }
    }
}
