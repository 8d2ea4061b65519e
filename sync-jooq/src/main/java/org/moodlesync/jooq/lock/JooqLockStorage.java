package org.moodlesync.jooq.lock;

import static org.moodlesync.jooq.lock.LockTable.LOCKED_AT;
import static org.moodlesync.jooq.lock.LockTable.LOCKED_BY;
import static org.moodlesync.jooq.lock.LockTable.LOCK_UNTIL;
import static org.moodlesync.jooq.lock.LockTable.NAME;
import static org.moodlesync.jooq.lock.LockTable.PREFIX;

import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.support.AbstractStorageAccessor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.moodlesync.api.SyncException;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * ShedLock's storage of lock records in {@code moodlesync_lock} (rows of this site's prefix), over jOOQ with bound
 * values: insert the
 * record (the lock is ours when that works), otherwise take it over only where {@code lock_until} has passed. Each
 * statement commits by itself.
 */
final class JooqLockStorage extends AbstractStorageAccessor {

    private final MoodleDatabase db;
    private final DSLContext dsl;
    private final Table<Record> table;
    private final String me;
    private final String site;

    JooqLockStorage(MoodleDatabase db, String me) {
        this.db = db;
        this.site = db.tablePrefix().value();
        this.dsl = db.dsl();
        this.table = LockTable.table(db);
        this.me = me;
    }

    @Override
    public boolean insertRecord(LockConfiguration c) {
        try {
            return dsl.insertInto(table, PREFIX, NAME, LOCK_UNTIL, LOCKED_AT, LOCKED_BY)
                    .values(site, c.getName(), millis(c.getLockAtMostUntil()), millis(ClockProvider.now()), me)
                    .execute() == 1;
        } catch (IntegrityConstraintViolationException e) {
            return false;
        } catch (DataAccessException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw tableProblem(e);
        }
    }

    @Override
    public boolean updateRecord(LockConfiguration c) {
        long now = millis(ClockProvider.now());
        try {
            return dsl.update(table)
                    .set(LOCK_UNTIL, millis(c.getLockAtMostUntil()))
                    .set(LOCKED_AT, millis(ClockProvider.now()))
                    .set(LOCKED_BY, me)
                    .where(PREFIX.eq(site).and(NAME.eq(c.getName())).and(LOCK_UNTIL.le(now)))
                    .execute() == 1;
        } catch (DataAccessException e) {
            throw tableProblem(e);
        }
    }

    @Override
    public void unlock(LockConfiguration c) {
        dsl.update(table)
                .set(LOCK_UNTIL, millis(c.getUnlockTime()))
                .where(PREFIX.eq(site).and(NAME.eq(c.getName())).and(LOCKED_BY.eq(me)))
                .execute();
    }

    @Override
    public boolean extend(LockConfiguration c) {
        long now = millis(ClockProvider.now());
        return dsl.update(table)
                .set(LOCK_UNTIL, millis(c.getLockAtMostUntil()))
                .where(PREFIX.eq(site).and(NAME.eq(c.getName())).and(LOCKED_BY.eq(me)).and(LOCK_UNTIL.gt(now)))
                .execute() == 1;
    }

    /** Who holds a lock and since when, if its record is held. */
    Optional<String> holder(String name) {
        Record3<String, Long, Long> r = dsl.select(LOCKED_BY, LOCKED_AT, LOCK_UNTIL).from(table)
                .where(PREFIX.eq(site).and(NAME.eq(name))).fetchOne();
        if (r == null || r.value3() <= millis(ClockProvider.now())) {
            return Optional.empty();
        }
        return Optional.of("held by " + r.value1() + " since " + Instant.ofEpochMilli(r.value2())
                + ", expires at " + Instant.ofEpochMilli(r.value3()) + " unless renewed");
    }

    private static boolean isDuplicate(DataAccessException e) {
        String state = e.sqlState();
        return state != null && state.startsWith("23");
    }

    private SyncException tableProblem(DataAccessException e) {
        if (!LockTable.exists(db)) {
            return new SyncException("the lock table " + LockTable.tableName(db) + " does not exist: create it with"
                    + " 'moodle-sync lock-table --create' (or LockTable.create), or run without database locks", e);
        }
        return new SyncException("cannot take a run lock in " + LockTable.tableName(db) + ": " + e.getMessage(), e);
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
