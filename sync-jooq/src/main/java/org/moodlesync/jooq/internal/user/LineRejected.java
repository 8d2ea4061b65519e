package org.moodlesync.jooq.internal.user;

/** A line the writer refuses (collision, protected account, unknown profile field…): the line fails, alone. */
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
