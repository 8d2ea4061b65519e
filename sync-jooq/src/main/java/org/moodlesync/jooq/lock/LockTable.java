package org.moodlesync.jooq.lock;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.database.OwnTables;

/**
 * moodle-sync's own table of run locks, {@code moodlesync_lock}, in the Moodle database so that every process and
 * machine writing to that Moodle shares it. Its name deliberately does not start with Moodle's table prefix: Moodle
 * only sees the tables that do ({@code $DB->get_tables()}), and its schema check
 * ({@code admin/cli/check_database_schema.php}) reports any other as "table is not expected" — which moodle-check
 * showed for {@code mdl_moodlesync_lock}. Several Moodle sites in one database (different prefixes) share the table;
 * each row names the prefix of its site, so their locks stay apart.
 *
 * <p>Created by an installer step ({@link #create}, {@code moodle-sync lock-table --create}) or by the
 * administrator with this DDL (PostgreSQL; MariaDB adds
 * {@code ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci}):
 *
 * <pre>
 * CREATE TABLE moodlesync_lock (
 *     tableprefix VARCHAR(10)  NOT NULL,   -- the Moodle site: its table prefix, mdl_
 *     name        VARCHAR(64)  NOT NULL,   -- moodle-sync:users, moodle-sync:enrolments, …
 *     lock_until  BIGINT       NOT NULL,   -- epoch milliseconds: the lock is free from then on
 *     locked_at   BIGINT       NOT NULL,   -- epoch milliseconds: when it was taken
 *     locked_by   VARCHAR(255) NOT NULL,   -- host (pid N)
 *     CONSTRAINT moodlesync_lock_pk PRIMARY KEY (tableprefix, name)
 * );
 * </pre>
 *
 * ShedLock's JDBC table layout plus the site's prefix, with times as epoch milliseconds (as Moodle stores times: no
 * time-zone conversion on any engine). Moodle never reads it; dropping it only removes the locks. A site whose
 * prefix is itself a beginning of {@code moodlesync_lock} ({@code m}, {@code mo}, …, unusual) would see the table in
 * its schema check.
 */
public final class LockTable {

    /** The table's name (without Moodle's prefix: see the class comment). */
    public static final String TABLE = "moodlesync_lock";

    static final Field<String> PREFIX = field(name("tableprefix"), SQLDataType.VARCHAR(10).nullable(false));
    static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR(64).nullable(false));
    static final Field<Long> LOCK_UNTIL = field(name("lock_until"), SQLDataType.BIGINT.nullable(false));
    static final Field<Long> LOCKED_AT = field(name("locked_at"), SQLDataType.BIGINT.nullable(false));
    static final Field<String> LOCKED_BY = field(name("locked_by"), SQLDataType.VARCHAR(255).nullable(false));

    private LockTable() {
    }

    /** The table's name: {@code moodlesync_lock}, whatever the prefix of the site. */
    public static String tableName(MoodleDatabase db) {
        return TABLE;
    }

    static Table<Record> table(MoodleDatabase db) {
        return org.jooq.impl.DSL.table(name(tableName(db)));
    }

    /**
     * Creates the table unless it exists.
     *
     * @return true when it was created
     */
    public static boolean create(MoodleDatabase db) {
        return OwnTables.create(db, tableName(db), java.util.List.of(PREFIX, NAME, LOCK_UNTIL, LOCKED_AT, LOCKED_BY),
                PREFIX, NAME);
    }

    /** Drops the table if it exists (a run holding a lock then loses it, for every site of the database). */
    public static boolean drop(MoodleDatabase db) {
        return OwnTables.drop(db, tableName(db));
    }

    /** One line per lock record of this site: name, holder, since when, until when (for status displays). */
    public static java.util.List<String> describe(MoodleDatabase db) {
        long now = System.currentTimeMillis();
        return db.dsl().select(NAME, LOCKED_BY, LOCKED_AT, LOCK_UNTIL).from(table(db))
                .where(PREFIX.eq(db.tablePrefix().value())).orderBy(NAME).fetch(r ->
                r.value1() + ": " + (r.value4() > now ? "HELD by " + r.value2() + " since "
                        + java.time.Instant.ofEpochMilli(r.value3()) + ", until " + java.time.Instant.ofEpochMilli(
                        r.value4()) : "free (last taken by " + r.value2() + " at "
                        + java.time.Instant.ofEpochMilli(r.value3()) + ")"));
    }

    /** Whether the table exists. */
    public static boolean exists(MoodleDatabase db) {
        return db.hasTable(tableName(db));
    }
}
