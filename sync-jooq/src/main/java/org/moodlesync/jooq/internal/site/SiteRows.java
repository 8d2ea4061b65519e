package org.moodlesync.jooq.internal.site;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
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
        return dsl.resultQuery(query.getSQL(), query.getBindValues().toArray()).fetchInto(table);
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
