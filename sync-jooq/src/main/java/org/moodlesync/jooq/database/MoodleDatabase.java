package org.moodlesync.jooq.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;

/**
 * A Moodle database as moodle-sync sees it: a {@link DataSource}, its {@link SQLDialect} and the
 * {@linkplain TablePrefix table prefix}, with a jOOQ {@link DSLContext} whose generated {@code mdl_*} tables are
 * rendered with that prefix.
 *
 * <p>Supported engines: PostgreSQL ({@link SQLDialect#POSTGRES}), MariaDB ({@link SQLDialect#MARIADB}; MySQL is
 * mapped to {@link SQLDialect#MYSQL} but untested) and H2 ({@link SQLDialect#H2}, the embedded database for demos
 * and tests). Names are rendered quoted and in lower case, so H2 must run with {@code DATABASE_TO_LOWER=TRUE} in
 * its URL for plain, unquoted SQL ({@code select * from mdl_user}) to find the same tables.
 *
 * <p>Typical uses:
 * <pre>{@code
 * // a host application's own pool
 * MoodleDatabase moodle = MoodleDatabase.of(dataSource, "mdl_");
 *
 * // an embedded Moodle for a unit test
 * try (MoodleDatabase moodle = MoodleDatabase.h2InMemory("mytest")) {
 *     MoodleSchemaInstaller.on(moodle).install();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} releases only what this object created (the pool of {@link #fromJdbcUrl} and
 * {@link #h2InMemory}); a data source passed to {@link #of} stays open. Thread-safe.
 */
public final class MoodleDatabase implements AutoCloseable {

    /** The options every H2 URL for a Moodle database should carry (plain H2 mode, lower-case names). */
    public static final String H2_URL_OPTIONS = ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final TablePrefix tablePrefix;
    private final DSLContext dsl;
    private final AutoCloseable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The URL and passwords this database was opened with: for {@link #explain}, never shown. */
    private volatile String url;
    private volatile String[] secrets = new String[0];

    private MoodleDatabase(DataSource dataSource, SQLDialect dialect, TablePrefix tablePrefix, AutoCloseable onClose) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
        this.dsl = DSL.using(dataSource, dialect, settings(tablePrefix));
        this.onClose = onClose;
    }

    /**
     * A Moodle database on a data source the caller owns; the dialect is detected from a connection.
     *
     * @param dataSource  the host application's data source (it stays open on {@link #close()})
     * @param tablePrefix Moodle's table prefix, e.g. {@code mdl_}
     * @return the database
     */
    public static MoodleDatabase of(DataSource dataSource, String tablePrefix) {
        return new MoodleDatabase(dataSource, detectDialect(dataSource), TablePrefix.of(tablePrefix), null);
    }

    /**
     * A Moodle database on a data source the caller owns, with a known dialect.
     *
     * @param dataSource  the host application's data source (it stays open on {@link #close()})
     * @param dialect     the jOOQ dialect of the database
     * @param tablePrefix Moodle's table prefix, e.g. {@code mdl_}
     * @return the database
     */
    public static MoodleDatabase of(DataSource dataSource, SQLDialect dialect, String tablePrefix) {
        return new MoodleDatabase(dataSource, dialect, TablePrefix.of(tablePrefix), null);
    }

    /**
     * A Moodle database reached through a new HikariCP pool, closed by {@link #close()}. The JDBC driver must be on
     * the class path. On PostgreSQL the pool turns pgjdbc's {@code reWriteBatchedInserts} on unless the URL sets it.
     * Timeout {@link #DEFAULT_TIMEOUT}.
     *
     * @param jdbcUrl     the database URL
     * @param user        the database user
     * @param password    the user's password (masked in every message)
     * @param tablePrefix Moodle's table prefix, e.g. {@code mdl_}
     * @return the database
     */
    public static MoodleDatabase fromJdbcUrl(String jdbcUrl, String user, String password, String tablePrefix) {
        return fromJdbcUrl(jdbcUrl, user, password, tablePrefix, DEFAULT_TIMEOUT);
    }

    /** How long a connection may take to open or validate by default, and the bound of a lost database. */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(30);

    /**
     * Like {@link #fromJdbcUrl(String, String, String, String)}, giving up on a database that does not answer:
     * the pool waits at most {@code timeout} for a connection, the driver at most {@code timeout} to connect, and a
     * socket silent as long (no answer to a statement) counts as lost. Options already in the URL win.
     *
     * @param jdbcUrl     the database URL
     * @param user        the database user
     * @param password    the user's password (masked in every message)
     * @param tablePrefix Moodle's table prefix, e.g. {@code mdl_}
     * @param timeout     the longest wait for a connection, to connect, and for an answer
     * @return the database
     * @throws SyncException when the pool cannot be started, in one sentence of the failure's kind
     */
    public static MoodleDatabase fromJdbcUrl(String jdbcUrl, String user, String password, String tablePrefix,
            java.time.Duration timeout) {
        TablePrefix prefix = TablePrefix.of(tablePrefix);
        List<String> secrets = new ArrayList<>(DatabaseProblems.passwordsIn(jdbcUrl));
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        String[] masked = secrets.toArray(String[]::new);
        MoodleDatabase db;
        try {
            HikariDataSource pool = pool(jdbcUrl, user, password, timeout);
            db = onPool(pool, prefix, pool::close);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DatabaseProblems.mask(e.getMessage(), masked), e);
        } catch (RuntimeException e) {
            // the pool's and the driver's words, with a URL's password in them, become one sentence without it
            throw DatabaseProblems.asException(e, jdbcUrl, masked);
        }
        db.url = jdbcUrl;
        db.secrets = masked;
        return db;
    }

    /**
     * A failure met on this database in one sentence, with its kind, the passwords this database was opened with
     * masked (see {@link DatabaseProblems}).
     *
     * @param failure an exception met on this database
     * @return the run failure it stands for
     */
    public RunFailure explain(Throwable failure) {
        return DatabaseProblems.explain(failure, url, secrets);
    }

    /**
     * {@link #explain} as an exception of the failure's kind.
     *
     * @param failure an exception met on this database
     * @return the exception, to throw
     */
    public SyncException asException(Throwable failure) {
        return DatabaseProblems.asException(failure, url, secrets);
    }

    /**
     * An empty in-memory H2 database named {@code name} (prefix {@code mdl_}), for demos and tests; install the
     * tables with {@code MoodleSchemaInstaller}. It lives until {@link #close()}, which drops it. H2 runs in its
     * plain mode: jOOQ renders H2's own SQL, so a compatibility mode would add nothing and only change how H2 reads
     * that SQL.
     *
     * @param name database name, unique within the JVM ({@code [A-Za-z0-9_]})
     * @return the database
     */
    public static MoodleDatabase h2InMemory(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("invalid H2 database name '" + name + "': use [A-Za-z0-9_]");
        }
        String url = "jdbc:h2:mem:" + name + H2_URL_OPTIONS;
        HikariDataSource pool = pool(url, "sa", "", DEFAULT_TIMEOUT);
        return onPool(pool, TablePrefix.DEFAULT, () -> {
            pool.close();
            // the database outlives its last connection (DB_CLOSE_DELAY=-1) until told to shut down
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        });
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password, java.time.Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the database timeout must be positive: " + timeout);
        }
        HikariConfig config = new HikariConfig();
        long ms = Math.max(1000, timeout.toMillis());
        // a silent network (no reset, no answer) is noticed after this long, not after TCP's minutes: no statement
        // moodle-sync sends waits that long for its answer (a larger --db-timeout is for very large course resets)
        long socketMs = ms;
        config.setConnectionTimeout(ms);
        config.setValidationTimeout(Math.max(250, Math.min(ms, 5000)));
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            if (!jdbcUrl.contains("connectTimeout")) {
                config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, ms / 1000)));
            }
            if (!jdbcUrl.contains("socketTimeout")) {
                config.addDataSourceProperty("socketTimeout", String.valueOf(socketMs / 1000));
            }
        } else if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            if (!jdbcUrl.contains("connectTimeout")) {
                config.addDataSourceProperty("connectTimeout", String.valueOf(ms));
            }
            if (!jdbcUrl.contains("socketTimeout")) {
                config.addDataSourceProperty("socketTimeout", String.valueOf(socketMs));
            }
        }
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("moodle-sync");
        if (jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.contains("reWriteBatchedInserts")) {
            // pgjdbc sends a batch of single-row inserts as multi-row inserts: one round trip per 128 rows
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(config);
    }

    private static MoodleDatabase onPool(HikariDataSource pool, TablePrefix prefix, AutoCloseable onClose) {
        try {
            return new MoodleDatabase(pool, detectDialect(pool), prefix, onClose);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The jOOQ settings moodle-sync uses for a prefix: the {@linkplain TablePrefix#renderMapping() table mapping}
     * and quoted names (Moodle has columns such as {@code value}, {@code sequence} or {@code format} that are
     * reserved words on some engine).
     *
     * @param tablePrefix the table prefix
     * @return new settings
     */
    public static Settings settings(TablePrefix tablePrefix) {
        return new Settings()
                .withRenderMapping(tablePrefix.renderMapping())
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED);
    }

    /**
     * The jOOQ dialect of the database behind a data source: {@link SQLDialect#POSTGRES}, {@link SQLDialect#MARIADB},
     * {@link SQLDialect#MYSQL} or {@link SQLDialect#H2}.
     *
     * @param dataSource the database
     * @return its dialect
     * @throws IllegalArgumentException for any other database product
     * @throws DataAccessException      when no connection can be opened
     */
    public static SQLDialect detectDialect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            String lower = product.toLowerCase(Locale.ROOT);
            if (lower.contains("postgresql")) {
                return SQLDialect.POSTGRES;
            }
            if (lower.contains("mariadb")
                    || lower.contains("mysql") && meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) {
                return SQLDialect.MARIADB;
            }
            if (lower.contains("mysql")) {
                return SQLDialect.MYSQL;
            }
            if (lower.equals("h2")) {
                return SQLDialect.H2;
            }
            throw new IllegalArgumentException("unsupported database '" + product
                    + "': moodle-sync works with PostgreSQL, MariaDB, MySQL and H2");
        } catch (SQLException e) {
            throw new DataAccessException("cannot open a connection to detect the database: " + e.getMessage(), e);
        }
    }

    /** {@return the jOOQ context: generated {@code mdl_*} tables are rendered with this database's prefix} */
    public DSLContext dsl() {
        return dsl;
    }

    /** {@return the data source} */
    public DataSource dataSource() {
        return dataSource;
    }

    /** {@return the dialect} */
    public SQLDialect dialect() {
        return dialect;
    }

    /** {@return the table prefix} */
    public TablePrefix tablePrefix() {
        return tablePrefix;
    }

    /**
     * Whether the database has a table of this name (any case), as written: no prefix is added.
     *
     * @param table the table's name, for example {@code moodlesync_lock}
     * @return true when the table exists
     * @throws DataAccessException when the tables cannot be listed
     */
    public boolean hasTable(String table) {
        String wanted = table.toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (java.sql.ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), null,
                    new String[]{"TABLE"})) {
                while (rs.next()) {
                    if (wanted.equals(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DataAccessException("cannot list the tables of the database: " + e.getMessage(), e);
        }
    }

    /** Closes the pool this object created, if any (an in-memory H2 database is dropped). */
    @Override
    public void close() {
        if (onClose != null && closed.compareAndSet(false, true)) {
            try {
                onClose.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DataAccessException("cannot close the Moodle database: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "MoodleDatabase[" + dialect + ", prefix " + tablePrefix + "]";
    }
}
