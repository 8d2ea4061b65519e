package org.moodlesync.api.feed;

import java.util.Objects;

/**
 * What a full feed's file is the whole truth for: the rows a run may remove (enrolments, group memberships) are
 * those in this scope only. Parsed from the CLI's {@code --full-feed} value by {@link #parse(String)}.
 * {@link #groupsInFile()} is a scope of group member feeds only, {@link #cohortsInFile()} of cohort member feeds
 * (which also take {@link #wholeSite()}: every cohort); the others serve enrolments and group members.
 */
public sealed interface FeedScope
        permits FeedScope.CoursesInFile, FeedScope.GroupsInFile, FeedScope.CohortsInFile, FeedScope.Category,
        FeedScope.WholeSite {

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
     * Reads a scope as the CLI writes it: {@code courses-in-file}, {@code category:IDNUMBER}, {@code category-id:N}
     * or {@code site}.
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
        if (t.startsWith("category-id:")) {
            try {
                return categoryId(Long.parseLong(t.substring("category-id:".length()).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a category id: " + t);
            }
        }
        throw new IllegalArgumentException("unknown full-feed scope \"" + t
                + "\" (courses-in-file, groups-in-file, cohorts-in-file, category:IDNUMBER, category-id:N or site)");
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
}
