package org.moodlesync.jooq.database;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.name;

import java.util.List;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * moodle-sync's own tables in the Moodle database (the run locks, the full feeds' ownership records): created and
 * dropped by explicit installer steps, under names without Moodle's prefix, InnoDB and utf8mb4 on MariaDB.
 */
public final class OwnTables {

    private OwnTables() {
    }

    /**
     * Creates a table unless it exists.
     *
     * @param db         the Moodle database
     * @param table      its name, as written
     * @param columns    its columns
     * @param primaryKey the columns of its primary key ({@code <table>_pk})
     * @return true when it was created
     */
    public static boolean create(MoodleDatabase db, String table, List<Field<?>> columns, Field<?>... primaryKey) {
        if (db.hasTable(table)) {
            return false;
        }
        var create = db.dsl().createTable(DSL.table(name(table))).columns(columns)
                .constraints(constraint(name(table + "_pk")).primaryKey(primaryKey));
        if (db.dialect().family() == SQLDialect.MARIADB || db.dialect().family() == SQLDialect.MYSQL) {
            create.storage("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci").execute();
        } else {
            create.execute();
        }
        return true;
    }

    /**
     * Drops a table if it exists.
     *
     * @param db    the Moodle database
     * @param table its name, as written
     * @return true when it was dropped
     */
    public static boolean drop(MoodleDatabase db, String table) {
        if (!db.hasTable(table)) {
            return false;
        }
        db.dsl().dropTable(DSL.table(name(table))).execute();
        return true;
    }
}
