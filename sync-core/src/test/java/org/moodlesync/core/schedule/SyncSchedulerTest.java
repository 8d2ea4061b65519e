package org.moodlesync.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.workspace.Workspace;
import org.moodlesync.core.workspace.WorkspaceRun;
import org.moodlesync.core.workspace.WorkspaceRunner;

/** Scheduled runs with a test clock: cron and fixed-delay schedules, order, no catch-up, stop. */
class SyncSchedulerTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    private static Instant paris(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), PARIS).toInstant();
    }

    private void drop(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void cronExpressionsAreFiveFieldUnixCronInTheSchedulersZone() {
        Schedule users = Schedule.cron("0 */6 * * *");
        assertThat(users.first(paris("2024-03-05T13:10:00"), PARIS)).isEqualTo(paris("2024-03-05T18:00:00"));
        assertThat(users.next(paris("2024-03-05T18:00:00"), paris("2024-03-05T18:00:05"), PARIS))
                .isEqualTo(paris("2024-03-06T00:00:00"));
        assertThat(Schedule.cron("@daily").first(paris("2024-03-05T13:10:00"), PARIS))
                .isEqualTo(paris("2024-03-06T00:00:00"));
        assertThat(Schedule.cron("30 2 * * 1-5").first(paris("2024-03-08T03:00:00"), PARIS))
                .as("Friday 03:00 -> Monday 02:30").isEqualTo(paris("2024-03-11T02:30:00"));
        // the night the clocks go forward in Paris (31 March 2024): 02:30 does not exist that day
        assertThat(Schedule.cron("30 1 * * *").first(paris("2024-03-31T00:00:00"), PARIS))
                .isEqualTo(paris("2024-03-31T01:30:00"));
        assertThatThrownBy(() -> Schedule.cron("every day")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five fields");
        assertThatThrownBy(() -> Schedule.cron("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delaysAreReadAsDurationsAndAnythingElseAsCron() {
        assertThat(Schedule.parse("30m")).isEqualTo(Schedule.every(Duration.ofMinutes(30)));
        assertThat(Schedule.parse("PT2H")).isEqualTo(Schedule.every(Duration.ofHours(2)));
        assertThat(Schedule.parse("15 3 * * *")).isInstanceOf(Schedule.CronSchedule.class);
        Schedule every = Schedule.every(Duration.ofMinutes(30), Duration.ofMinutes(1));
        Instant t = Instant.parse("2024-03-05T10:00:00Z");
        assertThat(every.first(t, PARIS)).isEqualTo(t.plusSeconds(60));
        assertThat(every.next(t, t.plusSeconds(600), PARIS)).as("counted from the end of the run")
                .isEqualTo(t.plusSeconds(600 + 1800));
    }

    @Test
    void dueRunsRunInOrderAndMissedTimesAreNotCaughtUp() throws IOException {
        MutableClock clock = new MutableClock(paris("2024-03-05T05:50:00"), PARIS);
        List<SyncKind> started = Collections.synchronizedList(new ArrayList<>());
        SyncListener listener = new SyncListener() {
            @Override
            public void runStarted(SyncKind kind, String source, boolean dryRun) {
                started.add(kind);
            }
        };
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).clock(clock)
                .listener(listener).build();
        WorkspaceRunner runner = WorkspaceRunner.builder(engine, Workspace.at(dir)).build();
        List<List<WorkspaceRun>> heard = new ArrayList<>();
        SyncScheduler scheduler = SyncScheduler.builder(runner).clock(clock)
                .schedule(SyncKind.USER_SUSPENDS, Schedule.cron("0 */6 * * *"))
                .schedule(SyncKind.USERS, Schedule.cron("0 */6 * * *"))
                .onRuns(heard::add)
                .build();
        assertThat(scheduler.nextDue()).contains(paris("2024-03-05T06:00:00"));

        assertThat(scheduler.runDue()).as("nothing due at 05:50").isEmpty();

        drop("userimport.csv", "username;firstname;lastname", "jdoe;Jane;Doe");
        drop("usersuspend.csv", "username", "bob");
        clock.set(paris("2024-03-05T06:00:00"));
        List<WorkspaceRun> runs = scheduler.runDue();
        assertThat(runs).extracting(WorkspaceRun::kind).containsExactly(SyncKind.USERS, SyncKind.USER_SUSPENDS);
        assertThat(started).as("tool_sync's order, whatever the order given").containsExactly(SyncKind.USERS,
                SyncKind.USER_SUSPENDS);
        assertThat(heard).hasSize(1);
        assertThat(scheduler.nextDue()).contains(paris("2024-03-05T12:00:00"));

        // the machine slept through 12:00 and 18:00: one run at wake-up, then the next regular time
        clock.set(paris("2024-03-05T19:30:00"));
        drop("userimport.csv", "username;firstname;lastname", "amy;Amy;Lee");
        assertThat(scheduler.runDue()).extracting(WorkspaceRun::status)
                .containsExactly(WorkspaceRun.Status.RAN, WorkspaceRun.Status.NO_FILE);
        assertThat(scheduler.nextDue()).contains(paris("2024-03-06T00:00:00"));
        assertThat(scheduler.describe()).containsExactly(
                "user-suspends: cron '0 */6 * * *', next 2024-03-06T00:00+01:00",
                "users: cron '0 */6 * * *', next 2024-03-06T00:00+01:00");
    }

    @Test
    void aRunAllScheduleRunsEveryKindAndAFailingRunDoesNotStopTheSchedule() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2024-03-05T10:00:00Z"), PARIS);
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).clock(clock)
                .listener(new SyncListener() {
                    @Override
                    public void notice(SyncKind kind, String message) {
                        notices.add(message);
                    }
                }).build();
        WorkspaceRunner runner = WorkspaceRunner.builder(engine, Workspace.at(dir)).build();
        SyncScheduler scheduler = SyncScheduler.builder(runner).clock(clock)
                .scheduleAll(Schedule.every(Duration.ofMinutes(10))).build();
        drop("userimport.csv", "username;firstname;lastname", "jdoe;Jane;Doe");
        drop(".moodlesync", "a file where the state folder should be: every run of a file fails");

        clock.advance(Duration.ofMinutes(10));
        assertThat(scheduler.runDue()).isEmpty();
        assertThat(notices).singleElement().asString().startsWith("scheduled run of all failed");
        assertThat(dir.resolve("userimport.csv")).as("the file still waits").exists();
        assertThat(scheduler.nextDue()).contains(Instant.parse("2024-03-05T10:20:00Z"));

        Files.delete(dir.resolve(".moodlesync"));
        clock.advance(Duration.ofMinutes(10));
        List<WorkspaceRun> runs = scheduler.runDue();
        assertThat(runs).hasSize(SyncKind.values().length);
        assertThat(runs.get(SyncKind.USERS.ordinal()).status()).isEqualTo(WorkspaceRun.Status.RAN);
    }

    @Test
    void stopEndsTheThreadAfterTheRunUnderWay() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build();
        WorkspaceRunner runner = WorkspaceRunner.builder(engine, Workspace.at(dir)).build();
        SyncScheduler scheduler = SyncScheduler.builder(runner)
                .schedule(SyncKind.USERS, Schedule.every(Duration.ofMillis(50), Duration.ZERO))
                .onRuns(runs -> ran.countDown())
                .build()
                .start();

        assertThat(ran.await(10, TimeUnit.SECONDS)).as("ran twice, 50 ms apart").isTrue();
        assertThat(scheduler.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(runner.stopping()).isTrue();
        assertThat(runner.run(SyncKind.USERS)).extracting(WorkspaceRun::status)
                .containsExactly(WorkspaceRun.Status.NOT_STARTED);
    }
}
