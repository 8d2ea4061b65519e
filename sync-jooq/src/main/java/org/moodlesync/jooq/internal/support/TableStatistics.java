package org.moodlesync.jooq.internal.support;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of the tables a writer fills in step with their growth, as PostgreSQL's
 * manual advises after a bulk load ("Populating a Database": run {@code ANALYZE} afterwards).
 *
 * <p>Why: the writers look rows up with {@code column IN (…)} lists of a chunk's keys. On a table that grew from
 * a few rows to thousands within a minute (a first import into a new site, before autovacuum's next pass), the
 * planner still believes the table holds a handful of rows, and chooses, for the server-side prepared statement
 * that pgjdbc reuses, a plan that reads the whole table and compares every row with every key of the list: each
 * lookup then costs (table size × chunk size), and a run slows down as it goes (measured: 900 lines/s at 10,000
 * users instead of 4,000 at 2,000). With current statistics the same statement probes the index.
 *
 * <p>So: the writer reports the rows it inserted ({@link #inserted}); after a chunk is committed,
 * {@link #refreshGrown()} runs {@code ANALYZE} on each table that at least doubled (and grew by at least
 * {@value #MIN_GROWTH} rows) since its statistics were last taken. PostgreSQL scales the row count it knows with
 * the table's current size, so what matters is that the table was analysed once it was no longer tiny; doubling
 * keeps the analyses few (about 7 for 100,000 new users), each costing a sample of the table (~100 ms at 10,000
 * rows). A database user that does not own the table gets a warning from PostgreSQL, not an error: nothing changes
 * then but the speed. Other databases keep their own statistics (InnoDB recalculates after 10 % of changes) and
 * this class does nothing there.
 */
public final class TableStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(TableStatistics.class);

    /** Fewest new rows that warrant an {@code ANALYZE}. */
    public static final int MIN_GROWTH = 1_000;

    private final DSLContext dsl;
    private final boolean active;
    private final Map<Table<?>, Growth> tables = new HashMap<>();

    private TableStatistics(DSLContext dsl, boolean active) {
        this.dsl = dsl;
        this.active = active;
    }

    /** Statistics kept for the tables written through {@code dsl} (active on PostgreSQL only). */
    public static TableStatistics on(DSLContext dsl) {
        return new TableStatistics(dsl, dsl.dialect().family() == SQLDialect.POSTGRES);
    }

    /** Counts rows a chunk inserted into a table (counted even if the chunk is rolled back later: harmless). */
    public synchronized void inserted(Table<?> table, int rows) {
        if (active && rows > 0) {
            tables.computeIfAbsent(table, t -> new Growth()).sinceAnalyze += rows;
        }
    }

    /**
     * Analyses every table that grew enough since its statistics were taken. Call it outside any transaction (after
     * a chunk's commit): {@code ANALYZE} in a transaction would hold its lock on the table until the end of it.
     */
    public synchronized void refreshGrown() {
        if (!active) {
            return;
        }
        tables.forEach((table, growth) -> {
            if (growth.size < 0) {
                growth.size = storedSize(table);
            }
            if (growth.sinceAnalyze >= Math.max(MIN_GROWTH, growth.size)) {
                try {
                    dsl.execute("analyze {0}", table);
                } catch (DataAccessException e) {
                    LOG.debug("could not analyze {}: {}", table.getName(), e.getMessage());
                }
                growth.size += growth.sinceAnalyze;
                growth.sinceAnalyze = 0;
            }
        });
    }

    /** The table's size as the statistics know it (0 when never analysed or unknown). */
    private long storedSize(Table<?> table) {
        try {
            Object n = dsl.fetchValue("select reltuples from pg_class where oid = to_regclass(?)",
                    dsl.render(table));
            return n instanceof Number size ? Math.max(0, size.longValue()) : 0;
        } catch (DataAccessException e) {
            return 0;
        }
    }

    private static final class Growth {
        long size = -1; // read from the catalogue on the first refresh, outside the chunk's transaction
        long sinceAnalyze;
    }
}
