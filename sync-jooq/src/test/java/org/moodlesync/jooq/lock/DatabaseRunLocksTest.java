package org.moodlesync.jooq.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.workspace.Workspace;
import org.moodlesync.core.workspace.WorkspaceRun;
import org.moodlesync.core.workspace.WorkspaceRunner;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.Tables;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/** Run locks in the Moodle database, as two machines sharing it see them, on H2, PostgreSQL and MariaDB. */
class DatabaseRunLocksTest {

    static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static DSLContext dsl(TestDatabase db) {
        return db.dsl();
    }

    private static long lockUntil(TestDatabase db, String lock) {
        return dsl(db).select(field(name("lock_until"), Long.class)).from(table(name("moodlesync_lock")))
                .where(field(name("name"), String.class).eq(lock))
                .and(field(name("tableprefix"), String.class).eq("mdl_")).fetchOne().value1();
    }

    @OnEachDatabase
    void theTableIsCreatedByTheInstallerStepUnderMoodleSyncsOwnName(TestDatabase db) {
        assertThat(LockTable.exists(db.moodle())).isFalse();
        assertThat(LockTable.create(db.moodle())).isTrue();
        assertThat(LockTable.create(db.moodle())).as("a second create changes nothing").isFalse();
        assertThat(LockTable.exists(db.moodle())).isTrue();
        assertThat(LockTable.tableName(db.moodle())).as("not one of Moodle's names: no prefix")
                .isEqualTo("moodlesync_lock");
        assertThat(LockTable.drop(db.moodle())).isTrue();
        assertThat(LockTable.exists(db.moodle())).isFalse();
    }

    @OnEachDatabase
    void aSecondMachineIsRefusedWhileTheFirstHoldsTheLock(TestDatabase db) {
        LockTable.create(db.moodle());
        try (DatabaseRunLocks alpha = DatabaseRunLocks.on(db.moodle(), LEASE, "alpha (pid 1)");
             DatabaseRunLocks beta = DatabaseRunLocks.on(db.moodle(), LEASE, "beta (pid 2)")) {
            RunLock held = alpha.acquire(SyncKind.USERS);

            assertThatThrownBy(() -> beta.acquire(SyncKind.USERS))
                    .isInstanceOf(RunLockedException.class)
                    .hasMessageContaining("moodle-sync:users")
                    .hasMessageContaining("held by alpha (pid 1)");
            assertThatThrownBy(() -> alpha.acquire(SyncKind.USERS)).as("not reentrant either")
                    .isInstanceOf(RunLockedException.class);
            beta.acquire(SyncKind.ENROLMENTS).close(); // another kind is free

            held.close();
            held.close();
            try (RunLock mine = beta.acquire(SyncKind.USERS)) {
                assertThat(mine.name()).isEqualTo(RunLocks.nameOf(SyncKind.USERS));
                assertThat(beta.holder("moodle-sync:users")).hasValueSatisfying(h -> assertThat(h)
                        .startsWith("held by beta (pid 2) since"));
            }
            assertThat(LockTable.describe(db.moodle())).satisfiesExactly(
                    l -> assertThat(l).startsWith("moodle-sync:enrolments: free (last taken by beta (pid 2)"),
                    l -> assertThat(l).startsWith("moodle-sync:users: free (last taken by beta (pid 2)"));
        }
    }

    @OnEachDatabase
    void aCrashedHoldersLockExpiresAndANewRunTakesIt(TestDatabase db) {
        LockTable.create(db.moodle());
        long now = System.currentTimeMillis();
        // a machine that died holding the lock: its lease ran out a second ago
        dsl(db).insertInto(table(name("moodlesync_lock")), field(name("tableprefix")), field(name("name")),
                        field(name("lock_until")), field(name("locked_at")), field(name("locked_by")))
                .values("mdl_", "moodle-sync:users", now - 1000, now - 3_600_000, "dead (pid 9)").execute();
        // and one whose lease still runs
        dsl(db).insertInto(table(name("moodlesync_lock")), field(name("tableprefix")), field(name("name")),
                        field(name("lock_until")), field(name("locked_at")), field(name("locked_by")))
                .values("mdl_", "moodle-sync:enrolments", now + 60_000, now - 1000, "busy (pid 8)").execute();
        // another site of the same database (prefix ms_) holding its own users lock does not concern this one
        dsl(db).insertInto(table(name("moodlesync_lock")), field(name("tableprefix")), field(name("name")),
                        field(name("lock_until")), field(name("locked_at")), field(name("locked_by")))
                .values("ms_", "moodle-sync:users", now + 60_000, now - 1000, "other site (pid 7)").execute();
        try (DatabaseRunLocks locks = DatabaseRunLocks.on(db.moodle(), LEASE, "me (pid 3)")) {
            try (RunLock lock = locks.acquire(SyncKind.USERS)) {
                assertThat(lockUntil(db, "moodle-sync:users")).isGreaterThan(now + 20_000);
            }
            assertThat(lockUntil(db, "moodle-sync:users")).as("released").isLessThanOrEqualTo(
                    System.currentTimeMillis());
            assertThatThrownBy(() -> locks.acquire(SyncKind.ENROLMENTS)).isInstanceOf(RunLockedException.class)
                    .hasMessageContaining("busy (pid 8)");
        }
    }

    @OnEachDatabase
    void machinesRacingForTheLockNeverBothGetIt(TestDatabase db) throws Exception {
        LockTable.create(db.moodle());
        int machines = 4;
        List<DatabaseRunLocks> all = new ArrayList<>();
        for (int i = 0; i < machines; i++) {
            all.add(DatabaseRunLocks.on(db.moodle(), LEASE, "m" + i + " (pid " + i + ")"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(machines);
        try {
            for (int round = 0; round < 5; round++) {
                CyclicBarrier start = new CyclicBarrier(machines);
                List<Future<RunLock>> tries = new ArrayList<>();
                for (DatabaseRunLocks locks : all) {
                    tries.add(pool.submit((Callable<RunLock>) () -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return locks.acquire("moodle-sync:race");
                        } catch (RunLockedException e) {
                            return null;
                        }
                    }));
                }
                List<RunLock> won = new ArrayList<>();
                for (Future<RunLock> f : tries) {
                    RunLock l = f.get(30, TimeUnit.SECONDS);
                    if (l != null) {
                        won.add(l);
                    }
                }
                assertThat(won).as("round " + round).hasSize(1);
                won.forEach(RunLock::close);
            }
        } finally {
            pool.shutdownNow();
            all.forEach(DatabaseRunLocks::close);
        }
    }

    @OnEachDatabase
    void aWorkspaceRunOnAnotherMachineIsRefusedWhileOneRuns(TestDatabase db) throws Exception {
        LockTable.create(db.moodle());
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("userimport.csv"), "username;firstname;lastname;email\n"
                + "jdoe;Jane;Doe;jane@example.org\n", StandardCharsets.UTF_8);
        JooqMoodle moodle = JooqMoodle.on(db.moodle());
        try (DatabaseRunLocks alpha = DatabaseRunLocks.on(db.moodle(), LEASE, "alpha (pid 1)");
             DatabaseRunLocks beta = DatabaseRunLocks.on(db.moodle(), LEASE, "beta (pid 2)")) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            SyncEngine first = SyncEngine.builder().moodle(moodle).locks(alpha)
                    .listener(new org.moodlesync.api.spi.SyncListener() {
                        @Override
                        public void runStarted(SyncKind kind, String source, boolean dryRun) {
                            inside.countDown();
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }).build();
            SyncEngine second = SyncEngine.builder().moodle(moodle).locks(beta).build();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<List<WorkspaceRun>> running = pool.submit(() ->
                        WorkspaceRunner.builder(first, Workspace.at(ws)).build().run(SyncKind.USERS));
                assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();

                Files.writeString(ws.resolve("userimport.csv"), "username;firstname;lastname;email\n"
                        + "amy;Amy;Lee;amy@example.org\n", StandardCharsets.UTF_8);
                List<WorkspaceRun> refused = WorkspaceRunner.builder(second, Workspace.at(ws)).build()
                        .run(SyncKind.USERS);
                assertThat(refused).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(WorkspaceRun.Status.LOCKED);
                    assertThat(r.notices().get(0)).contains("held by alpha (pid 1)");
                });

                release.countDown();
                assertThat(running.get(30, TimeUnit.SECONDS).get(0).result().counts().created()).isEqualTo(1);
                assertThat(WorkspaceRunner.builder(second, Workspace.at(ws)).build().run(SyncKind.USERS).get(0)
                        .result().counts().created()).isEqualTo(1);
                assertThat(dsl(db).fetchCount(Tables.MDL_USER, Tables.MDL_USER.USERNAME.in("jdoe", "amy")))
                        .isEqualTo(2);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @OnEachDatabase
    void withoutTheTableTheMessageSaysHowToCreateIt(TestDatabase db) {
        try (DatabaseRunLocks locks = DatabaseRunLocks.on(db.moodle(), LEASE, "me (pid 3)")) {
            assertThatThrownBy(() -> locks.acquire(SyncKind.USERS))
                    .hasMessageContaining("moodlesync_lock does not exist")
                    .hasMessageContaining("lock-table --create");
        }
    }
}
