package org.moodlesync.jooq.internal.course;

/** A course line the writer refuses (collision, unknown category, course with content…): the line fails, alone. */
final class LineRejected extends RuntimeException {

    private final String column;

    LineRejected(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    String column() {
        return column;
    }
}
