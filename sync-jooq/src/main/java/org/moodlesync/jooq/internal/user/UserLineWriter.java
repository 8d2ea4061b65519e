package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_SESSIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.cohort.UserCohorts;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteSchema;

/**
 * Applies one user line: finds the user the line means, decides what changes, and (unless dry run) writes the
 * rows Moodle would write. Rejections throw {@link LineRejected}; the caller rolls the line back.
 */
final class UserLineWriter {

    /** Auth plugins that keep the password in Moodle's user table. */
    private static final Set<String> INTERNAL_AUTH = Set.of("manual", "email", "nologin", "webservice");
    /** What Moodle's upload tool stores for accounts whose password lives elsewhere. */
    static final String NOT_CACHED = "not cached";
    /** What Moodle's upload tool stores until cron generates a password. */
    static final String TO_BE_GENERATED = "to be generated";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.@-]+");

    private final SiteConfig site;
    private final UserSyncOptions options;
    private final ProfileFields profileFields;
    private final UserDeleter deleter;
    private final UserCohorts cohorts;

    private final SiteSchema schema;

    UserLineWriter(SiteConfig site, UserSyncOptions options, ProfileFields profileFields, UserCohorts cohorts) {
        this.site = site;
        this.schema = SiteSchema.of(site);
        this.options = options;
        this.profileFields = profileFields;
        this.deleter = new UserDeleter(site);
        this.cohorts = cohorts;
    }

    /** The writer of the {@code cohort} column. */
    UserCohorts cohorts() {
        return cohorts;
    }

    /**
     * The {@code cohort} column of a line (with {@code cohortid}): the user joins that cohort. It runs once the
     * user's own writes are done (a new user has its id) and before the chunk remembers the user, so that a
     * refusal rolls back the whole line.
     */
    @FunctionalInterface
    private interface CohortStep {
        CohortStep NONE = (userId, username, changes, messages) -> { };

        void join(long userId, String username, List<FieldChange> changes, List<String> messages);
    }

    /**
     * What one line did ({@link LineApplied}), and the user it wrote.
     *
     * @param line   the line's outcome, entity, changes and notes
     * @param userId the user written: its id, or a negative placeholder while it awaits a batched insert (and in a
     *               dry run); 0 when none
     */
    record Applied(LineApplied line, long userId) {
        Applied(Outcome outcome, String entity, List<FieldChange> changes, List<String> messages, long userId) {
            this(new LineApplied(outcome, entity, changes, messages), userId);
        }

        Applied(Outcome outcome, String entity, List<FieldChange> changes, List<String> messages) {
            this(outcome, entity, changes, messages, 0);
        }
    }

    /** The stored user a command means, or null (found by its key, falling back to the username). */
    MdlUserRecord match(UserCommand c, UserLookup lookup) {
        UserKey key = options.identifyBy();
        String value = c.key(key);
        if (value == null || value.isEmpty()) {
            key = UserKey.USERNAME;
            value = c.username();
        }
        if (value == null || value.isEmpty()) {
            throw new LineRejected(options.identifyBy().column(), "no value to identify the user ("
                    + options.identifyBy().column() + " or username)");
        }
        return switch (key) {
            case ID -> lookup.byId(Long.parseLong(value));
            case USERNAME -> lookup.byUsername(value);
            case IDNUMBER -> single(lookup.byIdnumber(value), "idnumber", value);
            case EMAIL -> single(lookup.byEmail(value), "email", value);
        };
    }

    private static MdlUserRecord single(List<MdlUserRecord> found, String column, String value) {
        if (found.size() > 1) {
            throw new LineRejected(column, found.size() + " users have " + column + " " + value
                    + ": cannot tell which one the line means");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Applies a line.
     *
     * @param dsl    the transaction, for the writes that happen at once (rename, delete, suspend)
     * @param writes where the writes of creates and updates go
     * @param chunk  what the chunk's lines share
     */
    Applied apply(DSLContext dsl, UserWrites writes, UserCommand c, int index, UserChunk chunk, boolean dryRun) {
        if (c.action() == UserAction.CREATE_OR_UPDATE && c.auth() != null) {
            schema.requireAuthPlugin(c.auth());
        }
        return switch (c.action()) {
            case CREATE_OR_UPDATE -> createOrUpdate(dsl, dryRun ? UserWrites.NONE : writes, c, index, chunk,
                    cohortStep(dsl, c, index, chunk, dryRun), dryRun);
            case DELETE -> delete(dsl, c, chunk.lookup(), chunk.now(), dryRun);
            case SUSPEND -> suspend(dsl, c, chunk.lookup(), chunk.now(), dryRun);
        };
    }

    // ---------------------------------------------------------------------------------------------- create/update

    private CohortStep cohortStep(DSLContext dsl, UserCommand c, int index, UserChunk chunk, boolean dryRun) {
        if (c.cohort() == null) {
            return CohortStep.NONE;
        }
        return (userId, username, changes, messages) -> {
            UserCohorts.Result joined = cohorts.join(dsl, chunk.cohorts(), userId, username, c.cohort(),
                    c.cohortIdnumber(), index, chunk.now(), dryRun);
            changes.addAll(joined.changes());
            messages.addAll(joined.messages());
        };
    }

    private Applied createOrUpdate(DSLContext dsl, UserWrites writes, UserCommand c, int index, UserChunk chunk,
                                   CohortStep cohort, boolean dryRun) {
        UserLookup lookup = chunk.lookup();
        List<String> messages = new ArrayList<>();
        MdlUserRecord user = match(c, lookup);
        List<FieldChange> changes = new ArrayList<>();
        if (c.oldUsername() != null) {
            String before = user == null ? c.oldUsername() : user.getUsername();
            user = rename(dsl, c, user, lookup, messages, chunk.now(), dryRun);
            if (user != null && !before.equals(user.getUsername())) {
                changes.add(new FieldChange("username", before, user.getUsername()));
            }
        }
        if (user == null) {
            user = adoptByUsername(c, lookup, messages);
        }
        if (user == null && c.username() != null) {
            List<MdlUserRecord> deleted = lookup.deletedWithUsername(c.username());
            if (!deleted.isEmpty()) {
                user = deleted.get(0);
            }
        }
        if (user == null) {
            return create(writes, c, index, chunk, cohort, dryRun);
        }
        return update(writes, c, user, index, chunk, cohort, messages, changes, dryRun);
    }

    /** A user found by username whose identifying field is empty is the same person: adopt it. */
    private MdlUserRecord adoptByUsername(UserCommand c, UserLookup lookup, List<String> messages) {
        if (options.identifyBy() == UserKey.USERNAME || c.username() == null) {
            return null;
        }
        MdlUserRecord other = lookup.byUsername(c.username());
        if (other == null) {
            return null;
        }
        String otherKey = keyOf(other, options.identifyBy());
        if (otherKey == null || otherKey.isEmpty()) {
            messages.add("matched by username; its " + options.identifyBy().column() + " was empty");
            return other;
        }
        throw new LineRejected("username", "username collision: " + c.username() + " belongs to another user ("
                + options.identifyBy().column() + " " + otherKey + ")");
    }

    private static String keyOf(MdlUserRecord u, UserKey key) {
        return switch (key) {
            case ID -> String.valueOf(u.getId());
            case USERNAME -> u.getUsername();
            case IDNUMBER -> u.getIdnumber();
            case EMAIL -> u.getEmail();
        };
    }

    private MdlUserRecord rename(DSLContext dsl, UserCommand c, MdlUserRecord matched, UserLookup lookup,
                                 List<String> messages, long now, boolean dryRun) {
        if (!options.allowRename()) {
            throw new LineRejected("oldusername", "renames are not allowed (enable allowRename / --allow-rename)");
        }
        if (c.oldUsername().equals(c.username())) {
            return matched;
        }
        MdlUserRecord source = lookup.byUsername(c.oldUsername());
        if (source == null) {
            if (matched != null && Objects.equals(matched.getUsername(), c.username())) {
                return matched; // already renamed by an earlier run
            }
            throw new LineRejected("oldusername", "no user " + c.oldUsername() + " to rename");
        }
        if (matched != null && !matched.getId().equals(source.getId())) {
            throw new LineRejected("oldusername", "user " + c.oldUsername() + " is not the user the line's "
                    + options.identifyBy().column() + " names");
        }
        if (lookup.byUsername(c.username()) != null) {
            throw new LineRejected("username", "cannot rename " + c.oldUsername() + ": username " + c.username()
                    + " is taken");
        }
        protect(source, "renamed");
        validUsername(c.username());
        if (!dryRun) {
            dsl.update(MDL_USER).set(MDL_USER.USERNAME, c.username()).set(MDL_USER.TIMEMODIFIED, now)
                    .where(MDL_USER.ID.eq(source.getId())).execute();
        }
        MdlUserRecord renamed = source.copy();
        renamed.setId(source.getId());
        renamed.setUsername(c.username());
        lookup.put(renamed);
        messages.add("user renamed: " + c.oldUsername() + " -> " + c.username());
        return renamed;
    }

    private Applied create(UserWrites writes, UserCommand c, int index, UserChunk chunk, CohortStep cohort,
                           boolean dryRun) {
        UserLookup lookup = chunk.lookup();
        PreparedPasswords passwords = chunk.passwords();
        long now = chunk.now();
        if (c.username() == null || c.username().isEmpty()) {
            throw new LineRejected("username", "a new user needs a username");
        }
        validUsername(c.username());
        checkEmailFree(c.email(), null, lookup);
        String auth = c.auth() == null ? "manual" : c.auth();
        MdlUserRecord u = newRow(c, auth, now);
        boolean internal = INTERNAL_AUTH.contains(auth);
        boolean generate = internal && (c.password() instanceof Password.Generate
                || (c.password() == null && options.createPasswords()));
        String password = newPassword(c, internal, generate, index, passwords, dryRun);
        u.setPassword(password);

        List<FieldChange> changes = createdChanges(c, u, password);
        Map<String, String> profile = normaliseProfile(c);
        List<String> messages = new ArrayList<>();
        Map<String, String> preferences = newPreferences(c, auth, generate, messages, now);
        List<UserWrites.ProfileWrite> profileWrites = new ArrayList<>();
        changes.addAll(profileFields.diff(profile, Map.of(), profileWrites));
        u.setId(-(index + 1L)); // a placeholder until the row is written, so later lines see this user
        writes.create(new UserWrites.NewUser(u, preferences, profileWrites, now));
        cohort.join(u.getId(), u.getUsername(), changes, messages);
        lookup.put(u);
        lookup.profileWritten(u.getId(), profileWrites);
        return new Applied(Outcome.CREATED, entity(u), changes, messages, u.getId());
    }

    /** The row of a new user (password aside): the line's values over the defaults Moodle's upload tool uses. */
    private MdlUserRecord newRow(UserCommand c, String auth, long now) {
        MdlUserRecord u = new MdlUserRecord();
        u.setAuth(auth);
        set(u, MDL_USER.CONFIRMED, 1);
        set(u, MDL_USER.POLICYAGREED, 0);
        set(u, MDL_USER.DELETED, 0);
        set(u, MDL_USER.SUSPENDED, Boolean.TRUE.equals(c.suspended()) ? 1 : 0);
        u.setMnethostid(site.localMnetHostId());
        u.setUsername(c.username());
        u.setIdnumber(orEmpty(c.idnumber()));
        u.setFirstname(orEmpty(c.firstname()));
        u.setLastname(orEmpty(c.lastname()));
        u.setEmail(orEmpty(c.email()));
        set(u, MDL_USER.EMAILSTOP, 0);
        u.setPhone1("");
        u.setPhone2("");
        u.setInstitution("");
        u.setDepartment("");
        u.setAddress("");
        setSiteDefaults(u);
        u.setTheme("");
        u.setTimezone("99");
        u.setLastip("");
        u.setSecret("");
        u.setPicture(0L);
        set(u, MDL_USER.DESCRIPTIONFORMAT, 1);
        for (UserFields.Mapping m : UserFields.PLAIN) {
            Object v = m.value().apply(c);
            if (v != null) {
                set(u, m.column(), v);
            }
        }
        u.setTimecreated(now);
        u.setTimemodified(now);
        u.setFirstaccess(0L);
        u.setLastaccess(0L);
        u.setLastlogin(0L);
        u.setCurrentlogin(0L);
        u.setTrustbitmask(0L);
        return u;
    }

    /** The site's defaults for a new user: city, country, language, calendar and the mail and forum preferences. */
    private void setSiteDefaults(MdlUserRecord u) {
        u.setCity(site.get("defaultcity", ""));
        // Moodle's setting holds "0" for "no default country" (PHP's empty() treats it as unset)
        String country = site.get("country", "");
        u.setCountry("0".equals(country) ? "" : country);
        u.setLang(site.get("lang", "en"));
        u.setCalendartype(site.get("calendartype", "gregorian"));
        set(u, MDL_USER.MAILFORMAT, site.defaultPreference("mailformat", 1));
        set(u, MDL_USER.MAILDISPLAY, site.defaultPreference("maildisplay", 2));
        set(u, MDL_USER.MAILDIGEST, site.defaultPreference("maildigest", 0));
        set(u, MDL_USER.AUTOSUBSCRIBE, site.defaultPreference("autosubscribe", 1));
        set(u, MDL_USER.TRACKFORUMS, site.defaultPreference("trackforums", 0));
    }

    /**
     * The password column of a new user: the line's hash or the hash of its password, the no-login marker, or what
     * Moodle stores for passwords kept elsewhere or still to be generated.
     */
    private static String newPassword(UserCommand c, boolean internal, boolean generate, int index,
                                      PreparedPasswords passwords, boolean dryRun) {
        if (c.password() instanceof Password.Hash hash) {
            return hash.value();
        }
        if (!internal) {
            return NOT_CACHED;
        }
        if (c.password() instanceof Password.Plain plain) {
            return dryRun ? "(new hash)" : passwords.hash(index, plain);
        }
        if (c.password() instanceof Password.NoLogin) {
            return Password.NoLogin.STORED;
        }
        return generate ? TO_BE_GENERATED : "";
    }

    /**
     * What a created line says it stored: its identity, every value the line gave, and the site defaults a reader
     * would look for (city, country, language); the password masked, and the suspension.
     */
    private static List<FieldChange> createdChanges(UserCommand c, MdlUserRecord u, String password) {
        List<FieldChange> changes = new ArrayList<>();
        changes.add(new FieldChange("username", null, u.getUsername()));
        Set<String> listed = new java.util.LinkedHashSet<>(List.of("idnumber", "firstname", "lastname", "email",
                "auth"));
        for (UserFields.Mapping m : UserFields.PLAIN) {
            if (m.value().apply(c) != null) {
                listed.add(m.column().getName());
            }
        }
        listed.addAll(List.of("city", "country", "lang"));
        for (String f : listed) {
            Field<?> field = MDL_USER.field(f);
            Object v = field == null || "suspended".equals(f) ? null : u.get(field);
            if (v != null && !v.toString().isEmpty()) {
                changes.add(new FieldChange(f, null, v.toString()));
            }
        }
        if (TO_BE_GENERATED.equals(password)) {
            changes.add(new FieldChange("password", null, "(generated by Moodle's cron)"));
        } else if (!password.isEmpty() && !NOT_CACHED.equals(password)
                && !(c.password() instanceof Password.NoLogin)) {
            changes.add(FieldChange.secret("password", false)); // masked: only where the line gave one
        }
        if (Boolean.TRUE.equals(c.suspended())) {
            changes.add(new FieldChange("suspended", null, "1"));
        }
        return changes;
    }

    /** The preferences of a new user: a password for cron to generate, or when a manual account's was set. */
    private static Map<String, String> newPreferences(UserCommand c, String auth, boolean generate,
                                                      List<String> messages, long now) {
        Map<String, String> preferences = new LinkedHashMap<>();
        if (generate) {
            preferences.put(Preferences.CREATE_PASSWORD, "1");
            preferences.put(Preferences.FORCE_PASSWORD_CHANGE, "1");
            messages.add("Moodle's cron will generate and mail a password");
        } else if ("manual".equals(auth) && (c.password() instanceof Password.Plain
                || c.password() instanceof Password.Hash)) {
            preferences.put(Preferences.PASSWORD_UPDATE_TIME, Long.toString(now));
        }
        return preferences;
    }

    private Applied update(UserWrites writes, UserCommand c, MdlUserRecord stored, int index, UserChunk chunk,
                           CohortStep cohort, List<String> messages, List<FieldChange> changes, boolean dryRun) {
        UserLookup lookup = chunk.lookup();
        PreparedPasswords passwords = chunk.passwords();
        long now = chunk.now();
        protect(stored, "changed");
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        boolean revive = UserLookup.isDeleted(stored);
        if (revive) {
            validUsername(c.username());
            if (lookup.byUsername(c.username()) != null) {
                throw new LineRejected("username", "cannot revive deleted user " + stored.getId() + ": username "
                        + c.username() + " is taken");
            }
            change(set, changes, "deleted", MDL_USER.DELETED, stored.getDeleted(), 0);
            change(set, changes, "username", MDL_USER.USERNAME, stored.getUsername(), c.username());
            change(set, changes, "email", MDL_USER.EMAIL, stored.getEmail(), orEmpty(c.email()));
            messages.add("user was revived (id " + stored.getId() + "); what the deletion removed (enrolments,"
                    + " roles, groups, cohorts, preferences, profile data, picture) is not restored");
        } else if (c.username() != null && !c.username().equals(stored.getUsername())) {
            throw new LineRejected("username", "username collision: the user with " + options.identifyBy().column()
                    + " " + keyOf(stored, options.identifyBy()) + " is " + stored.getUsername()
                    + "; renames need the oldusername column");
        }
        for (UserFields.Mapping m : UserFields.PLAIN) {
            Object v = m.value().apply(c);
            if (v != null) {
                change(set, changes, m.name(), m.column(), stored.get(m.column()), v);
            }
        }
        if (!revive && c.email() != null && !c.email().equals(stored.getEmail())) {
            if (options.protectEmails() && !stored.getEmail().isEmpty()) {
                messages.add("email kept: e-mails of existing users are protected");
            } else {
                checkEmailFree(c.email(), stored.getId(), lookup);
                change(set, changes, "email", MDL_USER.EMAIL, stored.getEmail(), c.email());
            }
        }
        boolean suspending = false;
        if (c.suspended() != null) {
            int wanted = c.suspended() ? 1 : 0;
            if (stored.getSuspended().intValue() != wanted) {
                if (wanted == 1) {
                    protectFromSuspension(stored);
                    suspending = true;
                }
                change(set, changes, "suspended", MDL_USER.SUSPENDED, stored.getSuspended(), wanted);
            }
        }
        boolean passwordSet = applyPassword(c, stored, index, passwords, set, changes, dryRun);
        Map<String, String> profile = normaliseProfile(c);
        List<UserWrites.ProfileWrite> profileWrites = new ArrayList<>();
        changes.addAll(profileFields.diff(profile, lookup.profileValues(stored.getId()), profileWrites));
        Map<String, String> preferences = new LinkedHashMap<>();
        if (!set.isEmpty()) {
            set.put(MDL_USER.TIMEMODIFIED, now);
            if (passwordSet && "manual".equals(stored.getAuth())) {
                preferences.put(Preferences.PASSWORD_UPDATE_TIME, Long.toString(now));
            }
        }
        if (!set.isEmpty() || !profileWrites.isEmpty()) {
            writes.update(new UserWrites.UserUpdate(stored.getId(), set, suspending, preferences, profileWrites,
                    now));
            lookup.profileWritten(stored.getId(), profileWrites);
        }
        cohort.join(stored.getId(), set.containsKey(MDL_USER.USERNAME) ? String.valueOf(set.get(MDL_USER.USERNAME))
                : stored.getUsername(), changes, messages);
        MdlUserRecord updated = stored.copy();
        updated.setId(stored.getId());
        set.forEach((f, v) -> updated.set(castField(f), v));
        lookup.put(updated);
        Outcome outcome = changes.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
        return new Applied(outcome, entity(updated), changes, messages, updated.getId());
    }

    private boolean applyPassword(UserCommand c, MdlUserRecord stored, int index, PreparedPasswords passwords,
                                  Map<Field<?>, Object> set, List<FieldChange> changes, boolean dryRun) {
        String current = stored.getPassword();
        String next = null;
        if (c.password() instanceof Password.Plain plain) {
            if (!passwords.matchesStored(index, plain, current)) {
                next = dryRun ? "(new hash)" : passwords.hash(index, plain);
            }
        } else if (c.password() instanceof Password.Hash hash) {
            next = hash.value().equals(current) ? null : hash.value();
        } else if (c.password() instanceof Password.NoLogin) {
            next = Password.NoLogin.STORED.equals(current) ? null : Password.NoLogin.STORED;
        }
        if (next == null) {
            return false;
        }
        set.put(MDL_USER.PASSWORD, next);
        changes.add(FieldChange.secret("password", current != null && !current.isEmpty()));
        return true;
    }

    // ---------------------------------------------------------------------------------------------- delete/suspend

    private Applied delete(DSLContext dsl, UserCommand c, UserLookup lookup, long now, boolean dryRun) {
        MdlUserRecord user = match(c, lookup);
        if (user == null) {
            if (c.username() != null && !lookup.deletedWithUsername(c.username()).isEmpty()) {
                return new Applied(Outcome.UNCHANGED, "user " + c.username(), List.of(),
                        List.of("already deleted"));
            }
            return new Applied(Outcome.SKIPPED, "user " + describeKey(c), List.of(), List.of("no such user"));
        }
        if (UserLookup.isDeleted(user)) {
            return new Applied(Outcome.UNCHANGED, entity(user), List.of(), List.of("already deleted"));
        }
        protect(user, "deleted");
        MdlUserRecord after = deleter.delete(dsl, user, now, dryRun);
        lookup.put(after);
        List<FieldChange> changes = List.of(
                new FieldChange("deleted", "0", "1"),
                new FieldChange("username", user.getUsername(), after.getUsername()));
        return new Applied(Outcome.DELETED, entity(user), changes, List.of());
    }

    private Applied suspend(DSLContext dsl, UserCommand c, UserLookup lookup, long now, boolean dryRun) {
        MdlUserRecord user = match(c, lookup);
        if (user == null || UserLookup.isDeleted(user)) {
            return new Applied(Outcome.SKIPPED, "user " + describeKey(c), List.of(), List.of("no such user"));
        }
        protectFromSuspension(user);
        if (user.getSuspended().intValue() == 1) {
            return new Applied(Outcome.UNCHANGED, entity(user), List.of(), List.of("already suspended"));
        }
        if (!dryRun) {
            dsl.update(MDL_USER).set(MDL_USER.SUSPENDED, MDL_USER.SUSPENDED.getDataType().convert(1))
                    .set(MDL_USER.TIMEMODIFIED, now).where(MDL_USER.ID.eq(user.getId())).execute();
            dsl.deleteFrom(MDL_SESSIONS).where(MDL_SESSIONS.USERID.eq(user.getId())).execute();
        }
        MdlUserRecord after = user.copy();
        after.setId(user.getId());
        set(after, MDL_USER.SUSPENDED, 1);
        lookup.put(after);
        return new Applied(Outcome.UPDATED, entity(user), List.of(new FieldChange("suspended", "0", "1")),
                List.of("sessions ended"));
    }

    // ---------------------------------------------------------------------------------------------- rules

    /** Site administrators and the guest account are never changed by a sync. */
    private void protect(MdlUserRecord user, String verb) {
        if (site.siteAdmins().contains(user.getId())) {
            throw new LineRejected(null, "user " + user.getUsername() + " is a site administrator and cannot be "
                    + verb + " by a sync");
        }
        if (user.getId() == site.guestId()) {
            throw new LineRejected(null, "the guest account cannot be " + verb + " by a sync");
        }
    }

    private void protectFromSuspension(MdlUserRecord user) {
        protect(user, "suspended");
    }

    private void validUsername(String username) {
        if (username == null || username.isEmpty()) {
            throw new LineRejected("username", "a username is required");
        }
        if (!username.equals(username.trim())) {
            throw new LineRejected("username", "a username cannot start or end with a space");
        }
        if (!site.extendedUsernameChars() && !USERNAME.matcher(username).matches()) {
            throw new LineRejected("username", "only lower-case letters, digits and _ - . @ are allowed in a"
                    + " username (the site does not allow extended characters): " + username);
        }
    }

    private void checkEmailFree(String email, Long self, UserLookup lookup) {
        if (email == null || email.isEmpty() || site.allowAccountsSameEmail()) {
            return;
        }
        for (MdlUserRecord other : lookup.byEmail(email)) {
            if (!other.getId().equals(self)) {
                throw new LineRejected("email", "email collision: " + email + " is already the e-mail of user "
                        + other.getUsername() + " (the site does not allow accounts with the same e-mail)");
            }
        }
    }

    private Map<String, String> normaliseProfile(UserCommand c) {
        Map<String, String> normalised = new LinkedHashMap<>();
        c.profileFields().forEach((k, v) -> normalised.put(k, profileFields.normalise(k, v)));
        return normalised;
    }

    private static void change(Map<Field<?>, Object> set, List<FieldChange> changes, String name, Field<?> column,
                               Object old, Object wanted) {
        Object value = column.getDataType().convert(wanted);
        Object before = old == null ? null : column.getDataType().convert(old);
        if (Objects.equals(before, value)) {
            return;
        }
        set.put(column, value);
        changes.add(new FieldChange(name, before == null ? null : before.toString(), String.valueOf(value)));
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> castField(Field<?> f) {
        return (Field<Object>) f;
    }

    private static void set(MdlUserRecord u, Field<?> field, Object value) {
        u.set(castField(field), field.getDataType().convert(value));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String entity(MdlUserRecord u) {
        return "user " + u.getUsername();
    }

    private String describeKey(UserCommand c) {
        String v = c.key(options.identifyBy());
        return v != null && !v.isEmpty() ? options.identifyBy().column() + "=" + v : c.username();
    }
}
