package org.moodlesync.core.progress;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.spi.SyncListener;

/**
 * A listener that turns a run's events into {@link Progress} snapshots for a display: at the start, at most once per
 * interval while lines are done, and at the end.
 *
 * <pre>{@code
 * engine.users().from(file)
 *       .listener(new ProgressTracker(p -> log.info("{}/{} lines, {} lines/s", p.done(), p.total(),
 *               (long) p.linesPerSecond()), Duration.ofSeconds(5)))
 *       .execute();
 * }</pre>
 */
public final class ProgressTracker implements SyncListener {

    private final Consumer<Progress> sink;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private SyncKind kind;
    private String source;
    private long total = -1;
    private long done;
    private long failed;
    private long startedNanos;
    private long lastShownNanos;

    /** Snapshots at most every {@code interval}, timed with {@link System#nanoTime()}. */
    public ProgressTracker(Consumer<Progress> sink, Duration interval) {
        this(sink, interval, System::nanoTime);
    }

    /** With a time source of its own (tests). */
    public ProgressTracker(Consumer<Progress> sink, Duration interval, LongSupplier nanoTime) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void linesExpected(long lines) {
        total = lines;
    }

    @Override
    public void runStarted(SyncKind runKind, String runSource, boolean dryRun) {
        kind = runKind;
        source = runSource;
        done = 0;
        failed = 0;
        startedNanos = nanoTime.getAsLong();
        lastShownNanos = startedNanos;
        sink.accept(snapshot(startedNanos));
    }

    @Override
    public void lineDone(LineResult line) {
        done++;
        if (line.failed()) {
            failed++;
        }
        long now = nanoTime.getAsLong();
        if (now - lastShownNanos >= intervalNanos) {
            lastShownNanos = now;
            sink.accept(snapshot(now));
        }
    }

    @Override
    public void runFinished(RunResult result) {
        if (kind == null) {
            return; // the run failed before it started (bad header)
        }
        sink.accept(snapshot(nanoTime.getAsLong()));
        kind = null;
        total = -1;
    }

    /** The progress now. */
    public Progress current() {
        return snapshot(nanoTime.getAsLong());
    }

    private Progress snapshot(long now) {
        long elapsed = Math.max(0, now - startedNanos);
        double rate = elapsed == 0 ? 0 : done / (elapsed / 1e9);
        return new Progress(kind, source, done, failed, total, Duration.ofNanos(elapsed), rate);
    }
}
