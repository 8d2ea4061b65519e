package org.moodlesync.jooq.internal.support;

import org.moodlesync.jooq.database.MoodleDatabase;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Rows of one table inserted as a JDBC batch of one prepared statement: the statement is rendered once by jOOQ
 * (table prefix and quoting included), each row's values are bound with {@code setLong}/{@code setString}. The drivers
 * send such a batch in few round trips (pgjdbc rewrites it into multi-row inserts with {@code reWriteBatchedInserts},
 * which {@link MoodleDatabase} turns on; MariaDB Connector/J pipelines or bulk-sends it), and binding costs far less
 * CPU than a jOOQ multi-row insert, which builds a bind-value object for every cell.
 *
 * <p>For rows whose generated ids are not needed. Values are {@link Long}, {@link Integer}, {@link String} or null.
 */
public final class InsertBatch {

    private final Table<?> table;
    private final List<Field<?>> columns;
    private final List<Object[]> rows = new ArrayList<>();

    private InsertBatch(Table<?> table, List<Field<?>> columns) {
        this.table = table;
        this.columns = columns;
    }

    /** A batch of rows for these columns of the table. */
    public static InsertBatch into(Table<?> table, Field<?>... columns) {
        return new InsertBatch(table, List.of(columns));
    }

    /** Adds a row: one value per column, in the columns' order. */
    public InsertBatch row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values);
        return this;
    }

    /** How many rows wait. */
    public int size() {
        return rows.size();
    }

    /**
     * Inserts the rows waiting (in the connection of {@code dsl}: the caller's transaction) and forgets them.
     *
     * @return the rows inserted
     * @throws DataAccessException when the database refuses the batch (its SQL exception as the cause)
     */
    public int execute(DSLContext dsl) {
        if (rows.isEmpty()) {
            return 0;
        }
        String sql = dsl.render(dsl.insertInto(table).columns(columns)
                .values(columns.stream().map(c -> DSL.param(c.getName(), c.getDataType())).toList()));
        int written = dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        bind(statement, i + 1, row[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
                return rows.size();
            } catch (SQLException e) {
                SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null
                        ? e.getNextException() : e;
                throw new DataAccessException("insert into " + table.getName() + " refused: " + cause.getMessage(),
                        cause);
            }
        });
        rows.clear();
        return written;
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Integer i) {
            statement.setLong(index, i);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
        }
    }
}
