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
import org.moodlesync.jooq.internal.support.WriterTarget;
import org.moodlesync.api.site.MoodleConfigPhp;
import org.moodlesync.api.site.MoodleSiteFolder;
import org.moodlesync.api.site.PasswordPeppers;
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
    private final PasswordPeppers peppers;
    private DatabaseRunLocks runLocks;
    private volatile MoodleVersion checkedVersion;

    private JooqMoodle(DataSource dataSource, String prefix, MoodleDatabase owned) {
        this(dataSource, prefix, owned, false, PasswordPeppers.none());
    }

    private JooqMoodle(DataSource dataSource, String prefix, MoodleDatabase owned, boolean allowUnknownVersion,
                       PasswordPeppers peppers) {
        this.dataSource = dataSource;
        this.prefix = prefix;
        this.owned = owned;
        this.allowUnknownVersion = allowUnknownVersion;
        this.peppers = Objects.requireNonNull(peppers, "peppers");
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
     * user, password, table prefix, password peppers; never executed); {@link #close()} closes the pool.
     *
     * @param configPhp the site's {@code config.php}, the folder holding it, or the {@code public/} folder of a
     *                  Moodle 5.1+ site (see {@link org.moodlesync.api.site.MoodleSiteFolder#locate})
     * @return the backend
     * @throws SyncException ({@code CONFIGURATION}) when no {@code config.php} is there, or it sets peppers
     *                       moodle-sync cannot read or Moodle would refuse (see {@link PasswordPeppers#from})
     */
    public static JooqMoodle fromMoodleConfig(java.nio.file.Path configPhp) {
        MoodleConfigPhp php = MoodleSiteFolder.locate(configPhp).read();
        PasswordPeppers peppers = PasswordPeppers.from(php);
        MoodleConfigFile config = new MoodleConfigFile(php.values());
        return connect(config.jdbcUrl(), config.dbuser(), config.dbpass()).tablePrefix(config.prefix())
                .passwordPeppers(peppers);
    }

    /**
     * This backend with another table prefix (Moodle's {@code $CFG->prefix}).
     *
     * @param tablePrefix the prefix, e.g. {@code mdl_}
     * @return a new backend on the same data source (and pool)
     */
    public JooqMoodle tablePrefix(String tablePrefix) {
        return new JooqMoodle(dataSource, tablePrefix, owned, allowUnknownVersion, peppers);
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
        return new JooqMoodle(dataSource, prefix, owned, true, peppers);
    }

    /**
     * This backend, hashing passwords with the site's peppers ({@code $CFG->passwordpeppers} in its config.php) as
     * Moodle does: the newest pepper is appended to each clear-text password before it is hashed, and a stored hash
     * made without it (or with an older pepper) is hashed again. Without peppers, hashes are made without one, which
     * Moodle accepts and re-hashes with its pepper at the user's next login. {@link #fromMoodleConfig} reads them
     * from config.php itself.
     *
     * @param peppers the site's peppers (required; {@link PasswordPeppers#none()} for none)
     * @return a new backend on the same data source (and pool)
     */
    public JooqMoodle passwordPeppers(PasswordPeppers peppers) {
        return new JooqMoodle(dataSource, prefix, owned, allowUnknownVersion, peppers);
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
    private static final WriterRegistry<WriterTarget> WRITERS = WriterRegistry.<WriterTarget>builder()
            .add(WriterKind.USERS, (t, o) -> new JooqUserWriter(t.dsl(), o, t.peppers()))
            .add(WriterKind.PICTURES, (t, o) -> new JooqPictureWriter(t.dsl(), o))
            .add(WriterKind.ENROLMENTS, (t, o) -> new JooqEnrolWriter(t.dsl(), o))
            .add(WriterKind.GROUPS, (t, o) -> new JooqGroupWriter(t.dsl(), o))
            .add(WriterKind.GROUP_MEMBERS, (t, o) -> new JooqGroupMemberWriter(t.dsl(), o))
            .add(WriterKind.COURSES, (t, o) -> new JooqCourseWriter(t.dsl(), o))
            .add(WriterKind.COURSE_DELETES, (t, o) -> new JooqCourseDeleteWriter(t.dsl(), o))
            .add(WriterKind.COURSE_CHECKS, (t, o) -> new JooqCourseCheckWriter(t.dsl(), o))
            .add(WriterKind.COURSE_RESETS, (t, o) -> new JooqCourseResetWriter(t.dsl(), o))
            .add(WriterKind.COURSE_METAS, (t, o) -> new JooqCourseMetaWriter(t.dsl(), o))
            .add(WriterKind.COHORTS, (t, o) -> new JooqCohortWriter(t.dsl(), o))
            .add(WriterKind.COHORT_BINDINGS, (t, o) -> new JooqCohortBindingWriter(t.dsl(), o))
            .build();

    @Override
    public <C, O> CommandWriter<C> writer(WriterKind<C, O> kind, O options) {
        MoodleVersion version;
        CommandWriter<C> writer;
        try {
            version = checkedVersion();
            writer = ExplainedFailures.of(WRITERS.writer(kind, new WriterTarget(database.dsl(), peppers), options),
                    database);
        } catch (SyncException | UnsupportedOperationException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw database.asException(e); // one sentence of its kind: login refused, no such table, …
        }
        return version.writable() ? writer : SiteVersion.withNotice(writer, version.overrideNotice());
    }

    /** {@return the site's version, checked once per backend: refused unless known or allowed} */
    /**
     * Full feeds on this site: the enrolments of a scope and the feeds' ownership records, kept in
     * {@link org.moodlesync.jooq.feed.FeedTable} (create it once with {@code FeedTable.create}).
     *
     * @throws UnsupportedMoodleVersionException when the site's version is not one moodle-sync writes
     */
    @Override
    public org.moodlesync.api.feed.FeedOwnership feedOwnership() {
        try {
            checkedVersion();
        } catch (SyncException | UnsupportedOperationException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw database.asException(e);
        }
        return new org.moodlesync.jooq.internal.feed.JooqFeedOwnership(database, java.time.Clock.systemUTC());
    }

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
