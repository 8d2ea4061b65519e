package org.moodlesync.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.workspace.WorkspaceRun;
import org.moodlesync.core.workspace.WorkspaceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a workspace's files on schedules, per kind or all kinds at once, on one thread of its own: the scheduled
 * tasks of tool_sync, embeddable in a host application and used by {@code moodle-sync schedule}.
 *
 * <pre>{@code
 * SyncScheduler scheduler = SyncScheduler.builder(runner)
 *         .schedule(SyncKind.USERS, Schedule.cron("0 *&#47;6 * * *"))        // tool_sync's users task
 *         .schedule(SyncKind.ENROLMENTS, Schedule.every(Duration.ofMinutes(30)))
 *         .build();
 * scheduler.start();
 * ...
 * scheduler.close();      // the run under way stops after its current line; no other run starts
 * }</pre>
 *
 * Runs never overlap: the thread runs what is due in order (a run-all entry first, then kinds in tool_sync's
 * order), then sleeps until the next time. A run that lasts past later times of its own schedule does not cause
 * catch-up runs. A run that throws (database unreachable…) is logged and reported to the listeners' {@code notice};
 * the schedule goes on. Tests drive it without a thread: set a test clock, call {@link #runDue()}.
 */
public final class SyncScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

    private final WorkspaceRunner runner;
    private final Clock clock;
    private final List<Entry> entries;
    private final Consumer<List<WorkspaceRun>> onRuns;
    private final Object monitor = new Object();
    private volatile boolean stopped;
    private Thread thread;

    private SyncScheduler(Builder b) {
        this.runner = b.runner;
        this.clock = b.clock;
        this.onRuns = b.onRuns;
        Instant start = clock.instant();
        List<Entry> list = new ArrayList<>();
        for (Entry e : b.entries) {
            e.due = e.schedule.first(start, clock.getZone());
            list.add(e);
        }
        this.entries = List.copyOf(list);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to schedule: give at least one schedule");
        }
    }

    /** A scheduler of this runner's workspace. */
    public static Builder builder(WorkspaceRunner runner) {
        return new Builder(runner);
    }

    /** Starts the scheduler's thread. */
    public synchronized SyncScheduler start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::loop, "moodle-sync-scheduler");
        thread.start();
        return this;
    }

    /** The next time something is due, if anything is scheduled. */
    public Optional<Instant> nextDue() {
        synchronized (monitor) {
            return entries.stream().map(e -> e.due).min(Comparator.naturalOrder());
        }
    }

    /** What is scheduled and when it comes next, one line per schedule. */
    public List<String> describe() {
        synchronized (monitor) {
            return entries.stream().map(e -> e.name() + ": " + e.schedule + ", next " + e.due.atZone(
                    clock.getZone()).toOffsetDateTime()).toList();
        }
    }

    /**
     * Runs every entry due at the clock's time, in order, and works out their next times.
     *
     * @return the runs done (empty when nothing was due)
     */
    public List<WorkspaceRun> runDue() {
        List<Entry> due;
        synchronized (monitor) {
            Instant now = clock.instant();
            due = entries.stream().filter(e -> !e.due.isAfter(now))
                    .sorted(Comparator.comparing((Entry e) -> e.due).thenComparing(Entry::order)).toList();
        }
        List<WorkspaceRun> runs = new ArrayList<>();
        for (Entry e : due) {
            if (stopped || runner.stopping()) {
                break;
            }
            Instant dueAt = e.due;
            try {
                List<WorkspaceRun> done = e.kind == null ? runner.runAll() : runner.run(e.kind);
                runs.addAll(done);
                done.forEach(r -> LOG.info("scheduled {}", r.summary()));
            } catch (RuntimeException ex) {
                LOG.error("scheduled run of {} failed", e.name(), ex);
                runner.engine().listeners().forEach(l -> safeNotice(l, e.kind, "scheduled run of " + e.name()
                        + " failed: " + ex));
            }
            synchronized (monitor) {
                e.due = e.schedule.next(dueAt, clock.instant(), clock.getZone());
            }
        }
        if (!runs.isEmpty()) {
            try {
                onRuns.accept(List.copyOf(runs));
            } catch (RuntimeException ex) {
                LOG.warn("scheduler listener failed", ex);
            }
        }
        return runs;
    }

    private void loop() {
        while (!stopped) {
            runDue();
            Instant next = nextDue().orElseThrow();
            synchronized (monitor) {
                while (!stopped) {
                    long wait = Duration.between(clock.instant(), next).toMillis();
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        monitor.wait(Math.min(wait, 60_000));
                    } catch (InterruptedException e) {
                        stopped = true;
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        LOG.info("scheduler stopped");
    }

    /**
     * Stops: the run under way stops after the line it is writing (its outputs are written, its marker cleared, its
     * lock released), no other run starts, and this waits up to {@code grace} for the thread to end.
     *
     * @return true when the thread ended within the grace time (or was never started)
     */
    public boolean stop(Duration grace) {
        stopped = true;
        runner.stop();
        synchronized (monitor) {
            monitor.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return true;
        }
        try {
            t.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /** Waits until the scheduler's thread ends (after {@link #stop}, or never). */
    public void awaitTermination() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
    }

    /** {@link #stop(Duration)} with a grace of one minute. */
    @Override
    public void close() {
        stop(Duration.ofMinutes(1));
    }

    private static void safeNotice(org.moodlesync.api.spi.SyncListener l, SyncKind kind, String message) {
        try {
            l.notice(kind, message);
        } catch (RuntimeException e) {
            LOG.warn("listener failed", e);
        }
    }

    /** One schedule: a kind, or all kinds when {@code kind} is null. */
    private static final class Entry {
        final SyncKind kind;
        final Schedule schedule;
        Instant due;

        Entry(SyncKind kind, Schedule schedule) {
            this.kind = kind;
            this.schedule = schedule;
        }

        String name() {
            return kind == null ? "all" : kind.cliName();
        }

        int order() {
            return kind == null ? -1 : kind.ordinal();
        }
    }

    /** Builds a {@link SyncScheduler}. */
    public static final class Builder {
        private final WorkspaceRunner runner;
        private final List<Entry> entries = new ArrayList<>();
        private Clock clock = Clock.systemDefaultZone();
        private Consumer<List<WorkspaceRun>> onRuns = runs -> { };

        private Builder(WorkspaceRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
        }

        /** Runs one kind's file on this schedule (a second schedule of the same kind replaces the first). */
        public Builder schedule(SyncKind kind, Schedule schedule) {
            if (org.moodlesync.core.Kinds.of(Objects.requireNonNull(kind, "kind")).isEmpty()) {
                throw new IllegalArgumentException("no step for " + kind.cliName() + " in this version");
            }
            entries.removeIf(e -> e.kind == kind);
            entries.add(new Entry(kind, Objects.requireNonNull(schedule, "schedule")));
            return this;
        }

        /** Runs every kind, in tool_sync's order, on this schedule (a nightly full sync). */
        public Builder scheduleAll(Schedule schedule) {
            entries.removeIf(e -> e.kind == null);
            entries.add(new Entry(null, Objects.requireNonNull(schedule, "schedule")));
            return this;
        }

        /** The clock (and zone) schedules are read in; default the system's. */
        public Builder clock(Clock schedulerClock) {
            this.clock = Objects.requireNonNull(schedulerClock, "clock");
            return this;
        }

        /** Hears the runs done each time something was due. */
        public Builder onRuns(Consumer<List<WorkspaceRun>> consumer) {
            this.onRuns = Objects.requireNonNull(consumer, "onRuns");
            return this;
        }

        public SyncScheduler build() {
            return new SyncScheduler(this);
        }
    }
}
