package org.moodlesync.core.internal.enrol;

import java.util.Locale;
import org.moodlesync.api.command.enrol.EnrolTime;
import org.moodlesync.core.internal.pipeline.LineFailure;

/** Readers of enrolment values shared by the enrolment file and the users file's course columns. */
public final class EnrolValues {

    /** The {@code enrol} value that asks for a role assignment without enrolment. */
    public static final String ROLE_ONLY = "none";

    private EnrolValues() {
    }

    /** A start or end time, or null when empty. */
    public static EnrolTime time(String column, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EnrolTime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new LineFailure(column, e.getMessage());
        }
    }

    /** An enrol plugin name (lower-cased), {@value #ROLE_ONLY} for role-only, or null when empty. */
    public static String method(String column, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("enrol_")) {
            v = v.substring("enrol_".length());
        }
        if (!v.matches("[a-z0-9_]{1,20}")) {
            throw new LineFailure(column, "not an enrol method: " + value
                    + " (an enrol plugin name such as manual or self, or none for a role without enrolment)");
        }
        return v;
    }

    /** A trimmed value, null when empty, refused when longer than {@code max}. */
    public static String text(String column, String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > max) {
            throw new LineFailure(column, "longer than " + max + " characters");
        }
        return v;
    }
}
