package org.moodlesync.jooq.internal.support;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * Ids taken from a table's own sequence before its rows are inserted, on databases whose ids come from a sequence
 * (PostgreSQL, as on a Moodle site: {@code <prefix><table>_id_seq}). A writer that knows the ids of the rows it is
 * about to insert need not read them back, and can write rows that refer to each other (a context's path holds the
 * context's own id) in one batch each. The ids are the sequence's: nothing else can be given them, and an id taken
 * by a chunk that is rolled back is left unused, as with any insert.
 */
public final class IdReservation {

    private IdReservation() {
    }

    /** True when ids can be reserved on this database (PostgreSQL). */
    public static boolean supported(DSLContext dsl) {
        return dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /**
     * Takes {@code count} ids of a table's id sequence, in one query.
     *
     * @throws UnsupportedOperationException when {@link #supported} is false
     */
    public static List<Long> reserve(DSLContext dsl, Table<?> table, int count) {
        if (!supported(dsl)) {
            throw new UnsupportedOperationException("ids cannot be reserved on " + dsl.dialect());
        }
        return dsl.fetch("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)",
                dsl.render(table), count).getValues(0, Long.class);
    }
}
