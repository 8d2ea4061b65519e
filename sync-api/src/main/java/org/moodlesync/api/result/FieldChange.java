package org.moodlesync.api.result;

import java.util.Objects;

/**
 * One field changed by a line: {@code field: old -> new}. Secrets (passwords) never appear: writers record
 * {@link #SECRET} in their place.
 *
 * @param field    the column or field name (for example {@code email} or {@code profile_field_dept})
 * @param oldValue the stored value before, or null when the entity is new
 * @param newValue the value after
 */
public record FieldChange(String field, String oldValue, String newValue) {

    /** Shown instead of a secret value. */
    public static final String SECRET = "********";

    /**
     * A change.
     *
     * @param field    the column or field name (required)
     * @param oldValue the value before, or {@code null}
     * @param newValue the value after
     */
    public FieldChange {
        Objects.requireNonNull(field, "field");
    }

    /**
     * A change of a secret field, with both values masked.
     *
     * @param field    the field name, for example {@code password}
     * @param hadValue whether the field had a value before ({@code oldValue} is then {@link #SECRET}, else null)
     * @return the change
     */
    public static FieldChange secret(String field, boolean hadValue) {
        return new FieldChange(field, hadValue ? SECRET : null, SECRET);
    }

    @Override
    public String toString() {
        return oldValue == null ? field + ": " + newValue : field + ": " + oldValue + " -> " + newValue;
    }
}
