package org.moodlesync.examples.bench;

import java.util.Locale;
import org.moodlesync.jooq.database.MoodleDatabase;

/** The planner's statistics of the enrolment benchmarks' tables. */
final class EnrolmentsBenchmarkStatistics {

    private EnrolmentsBenchmarkStatistics() {
    }

    /**
     * Refreshes the planner's statistics, as a server's autovacuum (PostgreSQL) or InnoDB's automatic statistics
     * would after a bulk load: without them, a server with autovacuum off plans every lookup for empty tables.
     */
    static void refresh(BenchDatabase target, MoodleDatabase db) {
        long start = System.nanoTime();
        if ("postgresql".equals(target.engine)) {
            db.dsl().execute("ANALYZE");
        } else if ("mariadb".equals(target.engine)) {
            for (String table : new String[] {"user", "course", "context", "enrol", "user_enrolments",
                    "role_assignments", "groups", "groups_members", "cache_flags"}) {
                db.dsl().execute("ANALYZE TABLE mdl_" + table);
            }
        } else {
            db.dsl().execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "  (statistics refreshed: %d ms)%n", (System.nanoTime() - start) / 1_000_000);
    }
}
