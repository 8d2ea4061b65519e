package org.moodlesync.jooq.internal.site;

import org.jooq.Field;

/** Moodle's context levels. */
public enum ContextLevel {
    SYSTEM(10),
    USER(30),
    COURSECAT(40),
    COURSE(50),
    MODULE(70),
    BLOCK(80);

    private final int level;

    ContextLevel(int level) {
        this.level = level;
    }

    /** The number stored in {@code context.contextlevel}. */
    public int level() {
        return level;
    }

    /** The level as a value of the column's own type. */
    public <T> T valueIn(Field<T> field) {
        return field.getDataType().convert(level);
    }
}
