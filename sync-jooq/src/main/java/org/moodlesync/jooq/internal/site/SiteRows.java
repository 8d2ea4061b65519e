package org.moodlesync.jooq.internal.site;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Field;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Whole rows of a mirrored table, read with the columns the site's table really has, whichever Moodle branch it is
 * ({@link SchemaDrift}: 4.1 has no {@code course.pdfexportfont}, 5.2+ no {@code user.moodlenetprofile}, 5.1 adds
 * {@code course.enableaitools}).
 *
 * <p>jOOQ reads a {@code select *} of a generated table as that table's (4.5) columns, and fails on a site that lacks
 * one. Here the query's result is read by the names the database gives: a column the site lacks stays null in the
 * record, a column only the site has is not read.
 */
public final class SiteRows {

    private SiteRows() {
    }

    /**
     * Runs a {@code select * from table ...} and maps its rows by column name into the table's records.
     *
     * @param dsl   where to run it
     * @param query the query, built with {@code dsl.select(DSL.asterisk()).from(table)...}
     * @param table the table whose records the rows become
     * @return the records, in the query's order
     */
    public static <R extends TableRecord<R>> List<R> fetch(DSLContext dsl, ResultQuery<? extends Record> query,
                                                          Table<R> table) {
        Result<Record> rows = dsl.resultQuery(query.getSQL(), query.getBindValues().toArray()).fetch();
        // the columns are matched to the table's fields by name once per query, not once per row and column as
        // fetchInto(table) does (a third of a users rerun's CPU went there)
        Field<?>[] columns = rows.fields();
        Field<?>[] targets = new Field<?>[columns.length];
        for (int i = 0; i < columns.length; i++) {
            targets[i] = fieldNamed(table, columns[i].getName());
        }
        List<R> records = new ArrayList<>(rows.size());
        for (Record row : rows) {
            R record = dsl.newRecord(table);
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] != null) {
                    set(record, targets[i], row.get(i));
                }
            }
            record.changed(false); // as read: nothing to write back
            records.add(record);
        }
        return records;
    }

    private static Field<?> fieldNamed(Table<?> table, String name) {
        Field<?> field = table.field(name);
        if (field != null) {
            return field;
        }
        for (Field<?> f : table.fields()) {
            if (f.getName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null; // a column only the site has
    }

    private static <T> void set(Record record, Field<T> field, Object value) {
        record.set(field, field.getDataType().convert(value));
    }

    /**
     * {@link #fetch} of a query that finds at most one row.
     *
     * @return the record, or null when there is no row
     * @throws IllegalStateException when there are several
     */
    public static <R extends TableRecord<R>> R fetchOne(DSLContext dsl, ResultQuery<? extends Record> query,
                                                       Table<R> table) {
        List<R> rows = fetch(dsl, query, table);
        if (rows.size() > 1) {
            throw new IllegalStateException(rows.size() + " rows of " + table.getName() + " where one was expected");
        }
        return rows.isEmpty() ? null : rows.get(0);
    }
}
