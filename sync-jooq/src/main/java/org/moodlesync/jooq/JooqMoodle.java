package org.moodlesync.jooq;

import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.api.spi.WriterRegistry;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.internal.cohort.JooqCohortBindingWriter;
import org.moodlesync.jooq.internal.cohort.JooqCohortWriter;
import org.moodlesync.jooq.internal.course.JooqCourseCheckWriter;
import org.moodlesync.jooq.internal.course.JooqCourseDeleteWriter;
import org.moodlesync.jooq.internal.course.JooqCourseMetaWriter;
import org.moodlesync.jooq.internal.course.JooqCourseResetWriter;
import org.moodlesync.jooq.internal.course.JooqCourseWriter;
import org.moodlesync.jooq.internal.enrol.JooqEnrolWriter;
import org.moodlesync.jooq.internal.group.JooqGroupMemberWriter;
import org.moodlesync.jooq.internal.group.JooqGroupWriter;
import org.moodlesync.jooq.internal.picture.JooqPictureWriter;
import org.moodlesync.jooq.internal.site.SiteVersion;
import org.moodlesync.jooq.internal.support.MoodleConfigFile;
import org.moodlesync.api.OptionalDependency;
import org.moodlesync.jooq.internal.user.JooqUserWriter;
import org.moodlesync.jooq.lock.DatabaseRunLocks;
import org.moodlesync.jooq.version.MoodleBranch;
import org.moodlesync.jooq.version.MoodleVersion;
import org.moodlesync.jooq.version.UnsupportedMoodleVersionException;

/**
 * moodle-sync's Moodle backend: writers for Moodle's own tables over jOOQ, on any {@link DataSource}.
 *
 * <pre>{@code
 * try (JooqMoodle moodle = JooqMoodle.on(dataSource).tablePrefix("mdl_")) {
 *     SyncEngine engine = SyncEngine.builder().moodle(moodle).build();
 *     ...
 * }
 * }</pre>
 *
 * Writers read what they need from the target's {@code config} table, so this works on a real Moodle database.
 * {@link #close()} closes only a pool this object created ({@link #connect}).
 */
public final class JooqMoodle implements MoodleBackend, AutoCloseable {

    private final DataSource dataSource;
    private final String prefix;
    private final MoodleDatabase database;
    private final MoodleDatabase owned;
    private final boolean allowUnknownVersion;
    private DatabaseRunLocks runLocks;
    private volatile MoodleVersion checkedVersion;

    private JooqMoodle(DataSource dataSource, String prefix, MoodleDatabase owned) {
        this(dataSource, prefix, owned, false);
    }

    private JooqMoodle(DataSource dataSource, String prefix, MoodleDatabase owned, boolean allowUnknownVersion) {
        this.dataSource = dataSource;
        this.prefix = prefix;
        this.owned = owned;
        this.allowUnknownVersion = allowUnknownVersion;
        this.database = owned != null && owned.tablePrefix().value().equals(prefix) ? owned
                : MoodleDatabase.of(dataSource, prefix);
    }

    /**
     * A backend on the host application's data source (which stays open), table prefix {@code mdl_}.
     *
     * @param dataSource the Moodle database (required); the dialect is detected from a connection
     * @return the backend
     */
    public static JooqMoodle on(DataSource dataSource) {
        return new JooqMoodle(Objects.requireNonNull(dataSource, "dataSource"), "mdl_", null);
    }

    /**
     * A backend on a database already described by a {@link MoodleDatabase} (which the caller closes).
     *
     * @param database the database, with its table prefix
     * @return the backend
     */
    public static JooqMoodle on(MoodleDatabase database) {
        return new JooqMoodle(database.dataSource(), database.tablePrefix().value(), null);
    }

    /**
     * A backend on a new connection pool to a JDBC URL, table prefix {@code mdl_}, timeout
     * {@link MoodleDatabase#DEFAULT_TIMEOUT}; {@link #close()} closes the pool. The JDBC driver must be on the
     * class path.
     *
     * @param jdbcUrl  the database URL
     * @param user     the database user
     * @param password the user's password (masked in every message)
     * @return the backend
     */
    public static JooqMoodle connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, MoodleDatabase.DEFAULT_TIMEOUT);
    }

    /**
     * Like {@link #connect(String, String, String)}, giving up after {@code timeout} when the database does not
     * answer (connecting or handing out a connection; see {@link MoodleDatabase#fromJdbcUrl(String, String, String,
     * String, java.time.Duration)}).
     *
     * @param jdbcUrl  the database URL
     * @param user     the database user
     * @param password the user's password (masked in every message)
     * @param timeout  the longest wait for a connection, and for an answer before the database counts as lost
     * @return the backend
     */
    public static JooqMoodle connect(String jdbcUrl, String user, String password, java.time.Duration timeout) {
        MoodleDatabase db = MoodleDatabase.fromJdbcUrl(jdbcUrl, user, password, "mdl_", timeout);
        return new JooqMoodle(db.dataSource(), "mdl_", db);
    }

    /**
     * A backend on the database of a Moodle site, read from its {@code config.php} (database type, host, port, name,
     * user, password, table prefix; never executed); {@link #close()} closes the pool.
     *
     * @param configPhp the site's {@code config.php}, the folder holding it, or the {@code public/} folder of a
     *                  Moodle 5.1+ site (see {@link org.moodlesync.api.site.MoodleSiteFolder#locate})
     * @return the backend
     * @throws org.moodlesync.api.SyncException ({@code CONFIGURATION}) when no {@code config.php} is there
     */
    public static JooqMoodle fromMoodleConfig(java.nio.file.Path configPhp) {
        MoodleConfigFile config = MoodleConfigFile.read(configPhp);
        return connect(config.jdbcUrl(), config.dbuser(), config.dbpass()).tablePrefix(config.prefix());
    }

    /**
     * This backend with another table prefix (Moodle's {@code $CFG->prefix}).
     *
     * @param tablePrefix the prefix, e.g. {@code mdl_}
     * @return a new backend on the same data source (and pool)
     */
    public JooqMoodle tablePrefix(String tablePrefix) {
        return new JooqMoodle(dataSource, tablePrefix, owned, allowUnknownVersion);
    }

    /**
     * This backend, writing also into a site whose Moodle version moodle-sync does not know (see
     * {@link MoodleBranch}). Without it, the first writer asked for refuses such a site with an
     * {@link UnsupportedMoodleVersionException} before anything is written; with it, every run's result carries a
     * notice that says the version was unknown.
     *
     * @return a new backend on the same data source (and pool)
     */
    public JooqMoodle allowUnknownMoodleVersion() {
        return new JooqMoodle(dataSource, prefix, owned, true);
    }

    /**
     * {@return the Moodle version of the site, read from its {@code config} table ({@code version}, {@code release})}
     */
    public MoodleVersion siteVersion() {
        return SiteVersion.read(database.dsl());
    }

    /**
     * The writers of this backend, one per {@link WriterKind}: a new kind of writer is one line here (see
     * docs/adding-a-kind.md).
     */
    private static final WriterRegistry<DSLContext> WRITERS = WriterRegistry.<DSLContext>builder()
            .add(WriterKind.USERS, JooqUserWriter::new)
            .add(WriterKind.PICTURES, JooqPictureWriter::new)
            .add(WriterKind.ENROLMENTS, JooqEnrolWriter::new)
            .add(WriterKind.GROUPS, JooqGroupWriter::new)
            .add(WriterKind.GROUP_MEMBERS, JooqGroupMemberWriter::new)
            .add(WriterKind.COURSES, JooqCourseWriter::new)
            .add(WriterKind.COURSE_DELETES, JooqCourseDeleteWriter::new)
            .add(WriterKind.COURSE_CHECKS, JooqCourseCheckWriter::new)
            .add(WriterKind.COURSE_RESETS, JooqCourseResetWriter::new)
            .add(WriterKind.COURSE_METAS, JooqCourseMetaWriter::new)
            .add(WriterKind.COHORTS, JooqCohortWriter::new)
            .add(WriterKind.COHORT_BINDINGS, JooqCohortBindingWriter::new)
            .build();

    @Override
    public <C, O> CommandWriter<C> writer(WriterKind<C, O> kind, O options) {
        MoodleVersion version;
        CommandWriter<C> writer;
        try {
            version = checkedVersion();
            writer = ExplainedFailures.of(WRITERS.writer(kind, database.dsl(), options), database);
        } catch (SyncException | UnsupportedOperationException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw database.asException(e); // one sentence of its kind: login refused, no such table, …
        }
        return version.writable() ? writer : SiteVersion.withNotice(writer, version.overrideNotice());
    }

    /** {@return the site's version, checked once per backend: refused unless known or allowed} */
    private MoodleVersion checkedVersion() {
        MoodleVersion version = checkedVersion;
        if (version == null) {
            version = siteVersion();
            if (!version.writable() && !allowUnknownVersion) {
                throw new UnsupportedMoodleVersionException(version);
            }
            checkedVersion = version;
        }
        return version;
    }

    /** {@return the kinds of writer this backend has} */
    public static java.util.Set<WriterKind<?, ?>> writerKinds() {
        return WRITERS.kinds();
    }

    /** {@return the jOOQ context of the Moodle database (prefix mapped)} */
    public DSLContext dsl() {
        return database.dsl();
    }


    /** {@return the database this backend writes to} */
    public MoodleDatabase database() {
        return database;
    }

    /**
     * Run locks in this Moodle's database ({@code moodlesync_lock}, see
     * {@link org.moodlesync.jooq.lock.LockTable}), shared by every process and machine writing to it: pass them to
     * {@code SyncEngine.builder().locks(…)}. Closed with this backend. Needs ShedLock
     * ({@code net.javacrumbs.shedlock:shedlock-core}, an optional dependency) and the lock table.
     *
     * @return the locks, the same object on every call
     * @throws IllegalStateException when ShedLock is not on the class path
     */
    public synchronized DatabaseRunLocks runLocks() {
        if (runLocks == null) {
            // before DatabaseRunLocks is loaded: ShedLock is optional
            OptionalDependency.require("net.javacrumbs.shedlock.core.LockProvider",
                    "net.javacrumbs.shedlock:shedlock-core", "database run locks (JooqMoodle.runLocks())");
            runLocks = DatabaseRunLocks.on(database);
        }
        return runLocks;
    }












    @Override
    public String describe() {
        return database.toString();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (runLocks != null) {
                runLocks.close();
            }
        }
        if (owned != null) {
            owned.close();
        }
    }
}
