package org.moodlesync.api.command.cohort;

import java.util.Objects;

/**
 * Where a cohort lives: the system context or the context of a course category, the category named by its id,
 * its idnumber or its path of names ({@code Science/Chemistry}).
 */
public sealed interface CohortContext {

    /** The system context (site-wide cohort). */
    static CohortContext system() {
        return System.INSTANCE;
    }

    /** The category with this id. */
    static CohortContext categoryId(long id) {
        return new CategoryId(id);
    }

    /** The category with this idnumber. */
    static CohortContext categoryIdnumber(String idnumber) {
        return new CategoryIdnumber(idnumber);
    }

    /** The category at this path of names from the top, separated by {@code /} ({@code Science/Chemistry}). */
    static CohortContext categoryPath(String path) {
        return new CategoryPath(path);
    }

    /** The system context. */
    enum System implements CohortContext {
        INSTANCE;

        @Override
        public String toString() {
            return "system";
        }
    }

    /** A category by id. */
    record CategoryId(long id) implements CohortContext {
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

    /** A category by idnumber. */
    record CategoryIdnumber(String idnumber) implements CohortContext {
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

    /** A category by its path of names. */
    record CategoryPath(String path) implements CohortContext {
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
