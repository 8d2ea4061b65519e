package org.moodlesync.jooq.internal.cohort;

import java.util.List;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Row1;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A chunk's user ids as a list of rows to join to ({@code VALUES}), rather than an {@code IN} list: H2 does not use an
 * {@code IN} list on the second column of an index ({@code cohortid, userid}), and filtered every member of a big
 * cohort through a 500-value list for each chunk; joined to a list, every engine probes the index.
 */
final class WantedUsers {

    private static final String COLUMN = "userid";

    private final Table<Record1<Long>> table;

    private WantedUsers(List<Long> ids) {
        this.table = DSL.values(ids.stream().map(DSL::row).toArray(Row1[]::new)).as("wanted", COLUMN);
    }

    /** The ids as a table (at least one id). */
    static WantedUsers of(List<Long> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no user ids");
        }
        return new WantedUsers(ids);
    }

    Table<Record1<Long>> table() {
        return table;
    }

    Field<Long> id() {
        return table.field(COLUMN, Long.class);
    }
}
