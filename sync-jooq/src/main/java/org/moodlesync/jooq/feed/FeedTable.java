package org.moodlesync.jooq.feed;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import java.util.List;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.database.OwnTables;

/**
 * moodle-sync's own table of full feeds' ownership records, {@code moodlesync_feed_item}: one row per Moodle row a
 * feed listed (an enrolment: {@code user_enrolments.id}). A full feed removes only rows it has a record of, so an
 * enrolment made by hand in Moodle, or by another feed, is never touched. Like {@code moodlesync_lock}, its name
 * does not start with Moodle's prefix (Moodle's schema check would report it), and each row names the prefix of its
 * site, so several sites in one database keep their records apart.
 *
 * <p>Created by {@link #create} ({@code moodle-sync feed-table --create}) or by the administrator with this DDL
 * (PostgreSQL; MariaDB adds {@code ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci}):
 *
 * <pre>
 * CREATE TABLE moodlesync_feed_item (
 *     tableprefix VARCHAR(10)  NOT NULL,   -- the Moodle site: its table prefix, mdl_
 *     feed        VARCHAR(100) NOT NULL,   -- the feed's name (--feed-name)
 *     kind        VARCHAR(30)  NOT NULL,   -- what the row is: enrolment
 *     itemid      BIGINT       NOT NULL,   -- the row's id: user_enrolments.id
 *     timecreated BIGINT       NOT NULL,   -- epoch seconds: when the feed first listed it
 *     CONSTRAINT moodlesync_feed_item_pk PRIMARY KEY (tableprefix, feed, kind, itemid)
 * );
 * </pre>
 *
 * Moodle never reads it. Dropping it forgets every feed's records: the next run of each feed claims again what its
 * file lists and removes nothing.
 */
public final class FeedTable {

    /** The table's name (without Moodle's prefix). */
    public static final String TABLE = "moodlesync_feed_item";

    /** The site's table prefix. */
    public static final Field<String> PREFIX = field(name("tableprefix"), SQLDataType.VARCHAR(10).nullable(false));
    /** The feed's name. */
    public static final Field<String> FEED = field(name("feed"), SQLDataType.VARCHAR(100).nullable(false));
    /** The kind of row. */
    public static final Field<String> KIND = field(name("kind"), SQLDataType.VARCHAR(30).nullable(false));
    /** The row's id. */
    public static final Field<Long> ITEM_ID = field(name("itemid"), SQLDataType.BIGINT.nullable(false));
    /** When the feed first listed it. */
    public static final Field<Long> TIME_CREATED = field(name("timecreated"), SQLDataType.BIGINT.nullable(false));

    private FeedTable() {
    }

    /** {@return the table, as jOOQ names it} */
    public static Table<Record> table() {
        return org.jooq.impl.DSL.table(name(TABLE));
    }

    /**
     * Creates the table unless it exists.
     *
     * @param db the Moodle database
     * @return true when it was created
     */
    public static boolean create(MoodleDatabase db) {
        return OwnTables.create(db, TABLE, List.of(PREFIX, FEED, KIND, ITEM_ID, TIME_CREATED), PREFIX, FEED, KIND,
                ITEM_ID);
    }

    /**
     * Drops the table if it exists: every feed of every site in the database forgets what it owns.
     *
     * @param db the Moodle database
     * @return true when it was dropped
     */
    public static boolean drop(MoodleDatabase db) {
        return OwnTables.drop(db, TABLE);
    }

    /**
     * Whether the table exists.
     *
     * @param db the Moodle database
     * @return true when it exists
     */
    public static boolean exists(MoodleDatabase db) {
        return db.hasTable(TABLE);
    }

    /**
     * One line per feed of this site: its name, kind and how many rows it owns (for status displays).
     *
     * @param db the Moodle database
     * @return the lines, by feed and kind
     */
    public static java.util.List<String> describe(MoodleDatabase db) {
        return db.dsl().select(FEED, KIND, org.jooq.impl.DSL.count()).from(table())
                .where(PREFIX.eq(db.tablePrefix().value())).groupBy(FEED, KIND).orderBy(FEED, KIND)
                .fetch(r -> r.value1() + ": " + r.value3() + " " + r.value2() + (r.value3() == 1 ? "" : "s"));
    }
}
