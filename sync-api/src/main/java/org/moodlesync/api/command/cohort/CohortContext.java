package org.moodlesync.api.command.cohort;

import java.util.Objects;

/**
 * Where a cohort lives: the system context or the context of a course category, the category named by its id,
 * its idnumber or its path of names ({@code Science/Chemistry}).
 */
public sealed interface CohortContext {

    /**
     * The system context (site-wide cohort).
     *
     * @return the system context
     */
    static CohortContext system() {
        return System.INSTANCE;
    }

    /**
     * The category with this id.
     *
     * @param id the category id, 1 or more
     * @return the context
     */
    static CohortContext categoryId(long id) {
        return new CategoryId(id);
    }

    /**
     * The category with this idnumber.
     *
     * @param idnumber the category idnumber, not empty
     * @return the context
     */
    static CohortContext categoryIdnumber(String idnumber) {
        return new CategoryIdnumber(idnumber);
    }

    /**
     * The category at this path of names from the top, separated by {@code /} ({@code Science/Chemistry}).
     *
     * @param path the path, not blank
     * @return the context
     */
    static CohortContext categoryPath(String path) {
        return new CategoryPath(path);
    }

    /** The system context. */
    enum System implements CohortContext {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "system";
        }
    }

    /**
     * A category by id.
     *
     * @param id the category id, 1 or more
     */
    record CategoryId(long id) implements CohortContext {
        /**
         * Checks the id.
         *
         * @param id the category id
         * @throws IllegalArgumentException when it is less than 1
         */
        public CategoryId {
            if (id < 1) {
                throw new IllegalArgumentException("a category id is at least 1");
            }
        }

        @Override
        public String toString() {
            return "category id " + id;
        }
    }

    /**
     * A category by idnumber.
     *
     * @param idnumber the category idnumber, not empty
     */
    record CategoryIdnumber(String idnumber) implements CohortContext {
        /**
         * Checks the idnumber.
         *
         * @param idnumber the category idnumber
         * @throws NullPointerException     when it is null
         * @throws IllegalArgumentException when it is empty
         */
        public CategoryIdnumber {
            Objects.requireNonNull(idnumber, "idnumber");
            if (idnumber.isEmpty()) {
                throw new IllegalArgumentException("an empty category idnumber names no category");
            }
        }

        @Override
        public String toString() {
            return "category idnumber " + idnumber;
        }
    }

    /**
     * A category by its path of names.
     *
     * @param path the path of category names, not blank
     */
    record CategoryPath(String path) implements CohortContext {
        /**
         * Checks the path.
         *
         * @param path the path of category names
         * @throws NullPointerException     when it is null
         * @throws IllegalArgumentException when it is blank
         */
        public CategoryPath {
            Objects.requireNonNull(path, "path");
            if (path.isBlank()) {
                throw new IllegalArgumentException("an empty category path names no category");
            }
        }

        @Override
        public String toString() {
            return "category " + path;
        }
    }
}
