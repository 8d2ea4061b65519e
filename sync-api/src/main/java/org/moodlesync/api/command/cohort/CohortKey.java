package org.moodlesync.api.command.cohort;

/**
 * The field that identifies a cohort in a file (tool_sync's {@code cohorts_cohortidentifier}). In a cohorts file
 * the key column is {@code c} + the field: {@code cid}, {@code cidnumber} or {@code cname}.
 */
public enum CohortKey {
    /** By the cohort id ({@code cohort.id}; column {@code cid}). */
    ID("id"),
    /** By the cohort idnumber ({@code cohort.idnumber}; column {@code cidnumber}); tool_sync's default. */
    IDNUMBER("idnumber"),
    /** By the cohort name ({@code cohort.name}; column {@code cname}). */
    NAME("name");

    private final String field;

    CohortKey(String field) {
        this.field = field;
    }

    /**
     * The cohort table field ({@code id}, {@code idnumber}, {@code name}).
     *
     * @return the field name
     */
    public String field() {
        return field;
    }

    /**
     * The column of the cohorts file holding this key ({@code cid}, {@code cidnumber}, {@code cname}).
     *
     * @return the column name
     */
    public String column() {
        return "c" + field;
    }

    /**
     * The key named by a field name, case-insensitively.
     *
     * @param name {@code id}, {@code idnumber} or {@code name}; surrounding blanks are ignored
     * @return the matching key
     * @throws IllegalArgumentException when the name is none of these
     */
    public static CohortKey of(String name) {
        for (CohortKey key : values()) {
            if (key.field.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown cohort identifier: " + name + " (id, idnumber or name)");
    }
}
