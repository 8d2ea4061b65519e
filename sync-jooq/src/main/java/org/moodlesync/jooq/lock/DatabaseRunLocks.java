package org.moodlesync.jooq.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import net.javacrumbs.shedlock.support.StorageBasedLockProvider;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.api.OptionalDependency;

/**
 * Run locks kept in the Moodle database ({@link LockTable}), shared by every process and machine that writes to
 * that Moodle, with ShedLock: a lock is taken for {@link #DEFAULT_LEASE} and renewed every half lease while its run
 * lives (ShedLock's {@code KeepAliveLockProvider}), so a run that crashed, was killed or lost its machine frees its
 * lock at most one lease later. Machines sharing the locks need synchronised clocks (NTP), as ShedLock's JDBC
 * providers do.
 *
 * <pre>{@code
 * LockTable.create(database);                                  // once, an installer step
 * try (DatabaseRunLocks locks = DatabaseRunLocks.on(database)) {
 *     SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(database)).locks(locks).build();
 *     ...
 * }
 * }</pre>
 */
public final class DatabaseRunLocks implements RunLocks, AutoCloseable {

    /** How long a lock lasts unless renewed: the longest a crashed run keeps its kind locked. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final JooqLockStorage storage;
    private final LockProvider provider;
    private final ScheduledExecutorService keepAlive;
    private final Duration lease;
    private final String me;

    private DatabaseRunLocks(MoodleDatabase db, Duration lease, String me) {
        if (lease.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new IllegalArgumentException("a lock lease must be at least 30 seconds");
        }
        this.lease = lease;
        this.me = me;
        this.storage = new JooqLockStorage(db, me);
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "moodle-sync-lock-keepalive");
            t.setDaemon(true);
            return t;
        });
        this.provider = new KeepAliveLockProvider(new Provider(storage), keepAlive);
    }

    /** Locks in this database's {@code moodlesync_lock}, lease {@link #DEFAULT_LEASE}. */
    public static DatabaseRunLocks on(MoodleDatabase db) {
        requireShedLock();
        return new DatabaseRunLocks(db, DEFAULT_LEASE, holderName());
    }

    /** Locks with another lease (at least 30 seconds). */
    public static DatabaseRunLocks on(MoodleDatabase db, Duration lease) {
        requireShedLock();
        return new DatabaseRunLocks(db, lease, holderName());
    }

    /** As {@link #on(MoodleDatabase, Duration)}, naming the holder (tests play two machines in one JVM). */
    static DatabaseRunLocks on(MoodleDatabase db, Duration lease, String holder) {
        return new DatabaseRunLocks(db, lease, holder);
    }

    @Override
    public RunLock acquire(String name) {
        if (name.length() > 64) {
            throw new IllegalArgumentException("lock names have at most 64 characters: " + name);
        }
        Optional<SimpleLock> lock = provider.lock(new LockConfiguration(ClockProvider.now(), name, lease,
                Duration.ZERO));
        if (lock.isEmpty()) {
            throw new RunLockedException(name, storage.holder(name).orElse(null));
        }
        SimpleLock held = lock.get();
        return RunLock.held(name, held::unlock);
    }

    /** Who holds a lock, if anyone does. */
    public Optional<String> holder(String name) {
        return storage.holder(name);
    }

    /** The name this process writes in {@code locked_by}: {@code host (pid N)}. */
    public String me() {
        return me;
    }

    /** Stops renewing leases (locks still held expire one lease later). */
    @Override
    public void close() {
        keepAlive.shutdownNow();
    }

    /** ShedLock is an optional dependency of sync-jooq: say so before its classes are first needed. */
    private static void requireShedLock() {
        OptionalDependency.require("net.javacrumbs.shedlock.core.LockProvider", "net.javacrumbs.shedlock:shedlock-core",
                "database run locks (DatabaseRunLocks, JooqMoodle.runLocks())");
    }

    private static String holderName() {
        String name = RunLock.thisHost() + " (pid " + ProcessHandle.current().pid() + ")";
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    @Override
    public String toString() {
        return "database run locks (" + me + ", lease " + lease + ")";
    }

    /** ShedLock's storage-based provider over our storage (its constructor is protected). */
    private static final class Provider extends StorageBasedLockProvider {
        Provider(JooqLockStorage storage) {
            super(storage);
        }
    }
}
