package org.moodlesync.api.feed;

import java.util.Objects;

/**
 * What a full feed's file is the whole truth for: the rows a run may remove (enrolments, group memberships) are
 * those in this scope only. Parsed from the CLI's {@code --full-feed} value by {@link #parse(String)}.
 * {@link #groupsInFile()} is a scope of group member feeds only, {@link #cohortsInFile()} of cohort member feeds
 * (which also take {@link #wholeSite()}: every cohort), {@link #authMethod} and {@link #profileField} of user feeds
 * (which also take {@link #wholeSite()}: every user the feed owns); the others serve enrolments and group members.
 */
public sealed interface FeedScope
        permits FeedScope.CoursesInFile, FeedScope.GroupsInFile, FeedScope.CohortsInFile, FeedScope.Category,
        FeedScope.WholeSite, FeedScope.AuthMethod, FeedScope.ProfileField {

    /**
     * The courses the file names: a course the file does not name keeps every enrolment (the CLI's
     * {@code courses-in-file}).
     *
     * @return the scope
     */
    static FeedScope coursesInFile() {
        return CoursesInFile.INSTANCE;
    }

    /**
     * The groups the file names (group member feeds): a group the file does not name keeps every member (the CLI's
     * {@code groups-in-file}).
     *
     * @return the scope
     */
    static FeedScope groupsInFile() {
        return GroupsInFile.INSTANCE;
    }

    /**
     * The cohorts the file names (cohort member feeds): a cohort the file does not name keeps every member (the
     * CLI's {@code cohorts-in-file}).
     *
     * @return the scope
     */
    static FeedScope cohortsInFile() {
        return CohortsInFile.INSTANCE;
    }

    /**
     * The courses of a category and of its subcategories, at any depth (the CLI's {@code category:IDNUMBER}).
     *
     * @param idnumber the category's {@code idnumber}; not blank
     * @return the scope
     * @throws IllegalArgumentException when {@code idnumber} is blank
     */
    static FeedScope category(String idnumber) {
        return new Category(idnumber, 0);
    }

    /**
     * The courses of a category and of its subcategories, the category given by its id (the CLI's
     * {@code category-id:N}).
     *
     * @param id the category's id; positive
     * @return the scope
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    static FeedScope categoryId(long id) {
        return new Category(null, id);
    }

    /**
     * Every course of the site but the front page (the CLI's {@code site}): the file lists every enrolment of the
     * feed.
     *
     * @return the scope
     */
    static FeedScope wholeSite() {
        return WholeSite.INSTANCE;
    }

    /**
     * The users of an authentication method (user feeds): a user of another method is never suspended or deleted
     * (the CLI's {@code auth:METHOD}, {@code auth:ldap}).
     *
     * @param auth the method's name, as {@code user.auth} holds it; not blank
     * @return the scope
     * @throws IllegalArgumentException when {@code auth} is blank
     */
    static FeedScope authMethod(String auth) {
        return new AuthMethod(auth);
    }

    /**
     * The users whose custom profile field has this value (user feeds; the CLI's {@code profile:SHORTNAME=VALUE},
     * {@code profile:source=hr}).
     *
     * @param shortname the profile field's shortname; not blank
     * @param value     the value, as {@code user_info_data.data} holds it; not blank
     * @return the scope
     * @throws IllegalArgumentException when a value is blank
     */
    static FeedScope profileField(String shortname, String value) {
        return new ProfileField(shortname, value);
    }

    /**
     * Reads a scope as the CLI writes it: {@code courses-in-file}, {@code groups-in-file}, {@code cohorts-in-file},
     * {@code category:IDNUMBER}, {@code category-id:N}, {@code auth:METHOD}, {@code profile:SHORTNAME=VALUE} or
     * {@code site}.
     *
     * @param text the scope; not null
     * @return the scope
     * @throws IllegalArgumentException when the text is none of these
     */
    static FeedScope parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (t.equals("courses-in-file")) {
            return coursesInFile();
        }
        if (t.equals("groups-in-file")) {
            return groupsInFile();
        }
        if (t.equals("cohorts-in-file")) {
            return cohortsInFile();
        }
        if (t.equals("site")) {
            return wholeSite();
        }
        if (t.startsWith("category:")) {
            return category(t.substring("category:".length()));
        }
        if (t.startsWith("auth:")) {
            return authMethod(t.substring("auth:".length()));
        }
        if (t.startsWith("profile:")) {
            String field = t.substring("profile:".length());
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("a profile scope is profile:SHORTNAME=VALUE, not " + t);
            }
            return profileField(field.substring(0, eq), field.substring(eq + 1));
        }
        if (t.startsWith("category-id:")) {
            try {
                return categoryId(Long.parseLong(t.substring("category-id:".length()).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a category id: " + t);
            }
        }
        throw new IllegalArgumentException("unknown full-feed scope \"" + t
                + "\" (courses-in-file, groups-in-file, cohorts-in-file, category:IDNUMBER, category-id:N, auth:METHOD, "
                + "profile:SHORTNAME=VALUE or site)");
    }

    /** {@return the scope as {@link #parse} reads it} */
    String describe();

    /** The courses the file names. */
    enum CoursesInFile implements FeedScope {
        /** The only instance. */
        INSTANCE;

        @Override
        public String describe() {
            return "courses-in-file";
        }
    }

    /** The groups the file names. */
    enum GroupsInFile implements FeedScope {
        /** The only instance. */
        INSTANCE;

        @Override
        public String describe() {
            return "groups-in-file";
        }
    }

    /** The cohorts the file names. */
    enum CohortsInFile implements FeedScope {
        /** The only instance. */
        INSTANCE;

        @Override
        public String describe() {
            return "cohorts-in-file";
        }
    }

    /** Every course of the site but the front page. */
    enum WholeSite implements FeedScope {
        /** The only instance. */
        INSTANCE;

        @Override
        public String describe() {
            return "site";
        }
    }

    /**
     * The courses of a category and its subcategories.
     *
     * @param idnumber the category's idnumber, or null when given by id
     * @param id       the category's id, or 0 when given by idnumber
     */
    record Category(String idnumber, long id) implements FeedScope {

        /**
         * A category scope; exactly one of the two is given.
         *
         * @param idnumber the category's idnumber, or null
         * @param id       the category's id, or 0
         * @throws IllegalArgumentException when neither or both are given, or the idnumber is blank
         */
        public Category {
            if (idnumber != null) {
                idnumber = idnumber.trim();
                if (idnumber.isEmpty() || id != 0) {
                    throw new IllegalArgumentException("a category scope needs a category idnumber or an id");
                }
            } else if (id <= 0) {
                throw new IllegalArgumentException("a category id is positive: " + id);
            }
        }

        @Override
        public String describe() {
            return idnumber != null ? "category:" + idnumber : "category-id:" + id;
        }
    }

    /**
     * The users of an authentication method.
     *
     * @param auth the method, as {@code user.auth} holds it
     */
    record AuthMethod(String auth) implements FeedScope {

        /**
         * A scope of one method; the name is trimmed.
         *
         * @param auth the method; not blank
         * @throws IllegalArgumentException when it is blank
         */
        public AuthMethod {
            auth = Objects.requireNonNull(auth, "auth").trim();
            if (auth.isEmpty()) {
                throw new IllegalArgumentException("an auth scope names a method: auth:ldap");
            }
        }

        @Override
        public String describe() {
            return "auth:" + auth;
        }
    }

    /**
     * The users whose custom profile field holds a value.
     *
     * @param shortname the field's shortname
     * @param value     the value
     */
    record ProfileField(String shortname, String value) implements FeedScope {

        /**
         * A scope of one field value; both are trimmed.
         *
         * @param shortname the field's shortname; not blank
         * @param value     the value; not blank
         * @throws IllegalArgumentException when one is blank
         */
        public ProfileField {
            shortname = Objects.requireNonNull(shortname, "shortname").trim();
            value = Objects.requireNonNull(value, "value").trim();
            if (shortname.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("a profile scope names a field and a value: profile:source=hr");
            }
        }

        @Override
        public String describe() {
            return "profile:" + shortname + "=" + value;
        }
    }
}
