package org.moodlesync.api.command.course;

/**
 * How the {@code category} value of a course line names its category (tool_sync's
 * {@code courses_coursecategoryidentifier}).
 */
public enum CategoryKey {
    /**
     * tool_sync's {@code idname}, the default: a whole number is a category id, anything else a path of category
     * names from the top, separated by {@code /} ({@code Science/Chemistry}); missing categories of a path are
     * created.
     */
    PATH("path"),
    /** The category's idnumber; the category must exist. */
    IDNUMBER("idnumber"),
    /** The category's id; the category must exist. */
    ID("id");

    private final String option;

    CategoryKey(String option) {
        this.option = option;
    }

    /**
     * The name of this key in options ({@code path}, {@code idnumber}, {@code id}).
     *
     * @return the option name
     */
    public String option() {
        return option;
    }

    /**
     * The key of an option value: {@code path} (or tool_sync's {@code idname}), {@code idnumber} or {@code id}.
     *
     * @param name the option value; surrounding blanks are ignored, case too
     * @return the matching key
     * @throws IllegalArgumentException when the name is none of these
     */
    public static CategoryKey of(String name) {
        String n = name.trim();
        if ("idname".equalsIgnoreCase(n)) {
            return PATH;
        }
        for (CategoryKey key : values()) {
            if (key.option.equalsIgnoreCase(n)) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown category identifier: " + name + " (path, idnumber or id)");
    }
}
