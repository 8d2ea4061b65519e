package org.moodlesync.jooq.install;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.database.TablePrefix;
import org.moodlesync.jooq.version.MoodleBranch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Moodle 4.5 tables moodle-sync works with (47 of Moodle's ~450, column for column) in an empty
 * database, and fills them as Moodle's own installer leaves a fresh site: system context 1, site course 1,
 * category "Category 1" (id 1), users {@code guest} (id 1) and {@code admin} (id 2), the eight standard roles and the
 * {@code config}/{@code config_plugins} settings that writers read. It makes an embedded Moodle for demos and for
 * tests of host applications; it is not a way to install a real Moodle site.
 *
 * <pre>{@code
 * MoodleSchemaInstaller.on(dataSource)      // H2, PostgreSQL or MariaDB, detected
 *         .tablePrefix("mdl_")
 *         .adminPassword("Secret-1")
 *         .install();
 * }</pre>
 *
 * <p>Instances are immutable: each setter returns a new installer. On PostgreSQL the whole install is one
 * transaction; on MariaDB and H2 every {@code CREATE} commits by itself, so a failed install may leave tables behind.
 * MariaDB databases should be created with {@code CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci}, as Moodle's are.
 */
public final class MoodleSchemaInstaller {

    /** Full name of the site course unless {@link #siteName} says otherwise. */
    public static final String DEFAULT_SITE_FULL_NAME = "Moodle";
    /** Short name of the site course unless {@link #siteName} says otherwise. */
    public static final String DEFAULT_SITE_SHORT_NAME = "moodle";
    /** E-mail address of {@code admin} unless {@link #adminEmail} says otherwise. */
    public static final String DEFAULT_ADMIN_EMAIL = "admin@example.com";

    private static final Logger LOG = LoggerFactory.getLogger(MoodleSchemaInstaller.class);

    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final TablePrefix prefix;
    private final FreshSite.Site site;
    private final MoodleBranch branch;

    private MoodleSchemaInstaller(DataSource dataSource, SQLDialect dialect, TablePrefix prefix, FreshSite.Site site,
                                  MoodleBranch branch) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.site = site;
        this.branch = branch;
    }

    /**
     * An installer for a data source, prefix {@code mdl_}, dialect detected from a connection, admin password random
     * (nobody can log in as {@code admin} until {@link #adminPassword} sets one).
     */
    public static MoodleSchemaInstaller on(DataSource dataSource) {
        return new MoodleSchemaInstaller(Objects.requireNonNull(dataSource, "dataSource"), null, TablePrefix.DEFAULT,
                new FreshSite.Site(DEFAULT_SITE_FULL_NAME, DEFAULT_SITE_SHORT_NAME,
                        FreshSiteSettings.randomString(24), DEFAULT_ADMIN_EMAIL), MoodleBranch.MOODLE_4_5);
    }

    /** An installer for a {@link MoodleDatabase}, with its dialect and prefix. */
    public static MoodleSchemaInstaller on(MoodleDatabase database) {
        return on(database.dataSource()).dialect(database.dialect()).tablePrefix(database.tablePrefix().value());
    }

    /** Uses this table prefix instead of {@code mdl_} (validated as {@link TablePrefix} does). */
    public MoodleSchemaInstaller tablePrefix(String tablePrefix) {
        return new MoodleSchemaInstaller(dataSource, dialect, TablePrefix.of(tablePrefix), site, branch);
    }

    /** Uses this dialect instead of detecting it. */
    public MoodleSchemaInstaller dialect(SQLDialect sqlDialect) {
        return new MoodleSchemaInstaller(dataSource, Objects.requireNonNull(sqlDialect, "sqlDialect"), prefix, site, branch);
    }

    /** Names the site (the full and short name of the site course). */
    public MoodleSchemaInstaller siteName(String fullName, String shortName) {
        return new MoodleSchemaInstaller(dataSource, dialect, prefix, new FreshSite.Site(
                Objects.requireNonNull(fullName, "fullName"), Objects.requireNonNull(shortName, "shortName"),
                site.adminPassword(), site.adminEmail()), branch);
    }

    /** Sets the password of {@code admin} (stored as Moodle stores it: SHA-512 crypt, 10000 rounds). */
    public MoodleSchemaInstaller adminPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the admin password must not be empty");
        }
        return new MoodleSchemaInstaller(dataSource, dialect, prefix,
                new FreshSite.Site(site.fullName(), site.shortName(), password, site.adminEmail()), branch);
    }

    /**
     * Installs the schema and fresh-site rows of this Moodle branch instead of 4.5: its tables as its upgrade steps
     * made them (see docs/moodle-versions.md) and its {@code config.version}, {@code release} and {@code branch}.
     *
     * @param moodleBranch the branch, for example {@link MoodleBranch#MOODLE_5_3}
     * @return a new installer
     */
    public MoodleSchemaInstaller moodleVersion(MoodleBranch moodleBranch) {
        return new MoodleSchemaInstaller(dataSource, dialect, prefix, site,
                Objects.requireNonNull(moodleBranch, "moodleBranch"));
    }

    /** {@return the Moodle branch this installer installs (4.5 unless {@link #moodleVersion} said otherwise)} */
    public MoodleBranch moodleBranch() {
        return branch;
    }

    /** Sets the e-mail address of {@code admin}. */
    public MoodleSchemaInstaller adminEmail(String email) {
        return new MoodleSchemaInstaller(dataSource, dialect, prefix, new FreshSite.Site(
                site.fullName(), site.shortName(), site.adminPassword(), Objects.requireNonNull(email, "email")), branch);
    }

    /**
     * Creates the tables and writes the rows of a fresh site.
     *
     * @throws MoodleSchemaException when one of the tables already exists (nothing is changed then), or when the
     *                               database does not number new rows 1, 2, 3… as a fresh Moodle needs
     * @throws DataAccessException   when the database fails
     */
    public void install() {
        MoodleDatabase database = database();
        Set<String> existing = existingTables(database);
        if (!existing.isEmpty()) {
            throw new MoodleSchemaException("cannot install the Moodle schema with prefix '" + prefix + "': "
                    + existing.size() + " of its tables already exist (" + String.join(", ", existing) + ")");
        }
        installInto(database);
    }

    /**
     * Installs unless all tables already exist (then nothing is written, whatever the rows are).
     *
     * @return true when the schema was installed, false when it was there already
     * @throws MoodleSchemaException when only some of the tables exist
     */
    public boolean installIfAbsent() {
        MoodleDatabase database = database();
        Set<String> existing = existingTables(database);
        if (existing.isEmpty()) {
            installInto(database);
            return true;
        }
        List<String> missing = new ArrayList<>(tableNames(prefix.value()));
        missing.removeAll(existing);
        if (missing.isEmpty()) {
            return false;
        }
        throw new MoodleSchemaException("the Moodle schema with prefix '" + prefix + "' is incomplete: "
                + missing.size() + " tables are missing (" + String.join(", ", missing) + ")");
    }

    /** The names of the tables {@link #install()} creates, with a prefix ({@code mdl_user}, …), sorted. */
    public static List<String> tableNames(String tablePrefix) {
        return SchemaScript.tableNames(TablePrefix.of(tablePrefix));
    }

    private MoodleDatabase database() {
        return dialect == null
                ? MoodleDatabase.of(dataSource, prefix.value())
                : MoodleDatabase.of(dataSource, dialect, prefix.value());
    }

    private void installInto(MoodleDatabase database) {
        long start = System.nanoTime();
        List<String> statements = SchemaScript.statements(database.dialect(), prefix, branch);
        DSLContext dsl = database.dsl();
        dsl.transaction(tx -> tx.dsl().connection(connection -> execute(connection, statements)));
        long tables = System.nanoTime();
        long now = System.currentTimeMillis() / 1000;
        dsl.transaction(tx -> checkIds(FreshSite.seed(tx.dsl(), site, branch, now)));
        long end = System.nanoTime();
        LOG.info("Installed the Moodle {} schema ({} tables, prefix '{}') on {} in {} ms: tables {} ms, rows {} ms",
                branch.label(), SchemaScript.tableNames(prefix).size(), prefix, database.dialect(), millis(end - start),
                millis(tables - start), millis(end - tables));
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        }
    }

    private static void checkIds(FreshSite.Ids ids) {
        boolean rolesInOrder = true;
        long expected = 1;
        for (String shortname : FreshSite.ROLES.keySet()) {
            rolesInOrder &= ids.roles().get(shortname) == expected++;
        }
        if (ids.systemContext() != 1 || ids.siteCourse() != 1 || ids.category() != 1 || ids.guest() != 1
                || ids.admin() != 2 || !rolesInOrder) {
            throw new MoodleSchemaException("the database numbered the first rows unlike a fresh Moodle (" + ids
                    + "): new ids must start at 1 and grow by 1 (MariaDB: auto_increment_increment = 1)");
        }
    }

    private Set<String> existingTables(MoodleDatabase database) {
        Set<String> wanted = new TreeSet<>(tableNames(prefix.value()));
        Set<String> found = new TreeSet<>();
        try (Connection connection = database.dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), null, null)) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (wanted.contains(name)) {
                        found.add(name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot list the tables of the database: " + e.getMessage(), e);
        }
        return found;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    @Override
    public String toString() {
        return "MoodleSchemaInstaller[Moodle " + branch.label() + ", prefix " + prefix + ", dialect " + (dialect == null ? "detected" : dialect) + "]";
    }
}
