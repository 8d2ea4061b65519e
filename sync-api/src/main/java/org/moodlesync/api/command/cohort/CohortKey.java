package org.moodlesync.api.command.cohort;

/**
 * The field that identifies a cohort in a file (tool_sync's {@code cohorts_cohortidentifier}). In a cohorts file
 * the key column is {@code c} + the field: {@code cid}, {@code cidnumber} or {@code cname}.
 */
public enum CohortKey {
    ID("id"),
    IDNUMBER("idnumber"),
    NAME("name");

    private final String field;

    CohortKey(String field) {
        this.field = field;
    }

    /** The cohort table field ({@code id}, {@code idnumber}, {@code name}). */
    public String field() {
        return field;
    }

    /** The column of the cohorts file holding this key ({@code cid}, {@code cidnumber}, {@code cname}). */
    public String column() {
        return "c" + field;
    }

    /** The key named by a field name, case-insensitively. */
    public static CohortKey of(String name) {
        for (CohortKey key : values()) {
            if (key.field.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown cohort identifier: " + name + " (id, idnumber or name)");
    }
}
