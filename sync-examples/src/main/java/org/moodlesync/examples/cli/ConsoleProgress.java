package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.progress.Progress;
import org.moodlesync.core.progress.ProgressTracker;

/**
 * Shows a run's progress on the error stream: on a terminal a bar redrawn in place
 * ({@code users userimport.csv [########------] 57% 5,700/10,000  812 lines/s  ETA 0:05  2 failed}); elsewhere (a
 * log file, cron's mail) a plain line every 10,000 lines and at most one every 10 seconds, and one at the end.
 */
final class ConsoleProgress implements SyncListener {

    /** How progress is shown. */
    enum Mode {
        /** A bar on a terminal, plain lines otherwise. */
        AUTO,
        /** Always the bar. */
        BAR,
        /** Always plain lines. */
        LINES,
        /** Nothing. */
        NONE
    }

    private static final int BAR_WIDTH = 24;
    private static final long LINES_EVERY = 10_000;

    private final PrintWriter err;
    private final boolean bar;
    private final boolean silent;
    private final ProgressTracker tracker;
    private long lastLinePrinted;
    private long lastLineNanos;
    private int lastWidth;

    ConsoleProgress(PrintWriter err) {
        this(err, Mode.AUTO);
    }

    ConsoleProgress(PrintWriter err, Mode mode) {
        this.err = err;
        this.silent = mode == Mode.NONE;
        this.bar = mode == Mode.BAR || mode == Mode.AUTO && onTerminal();
        this.tracker = new ProgressTracker(this::show, bar ? Duration.ofMillis(200) : Duration.ofSeconds(10));
    }

    /** True when the output is a terminal that can redraw a line. */
    static boolean onTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public void linesExpected(long lines) {
        tracker.linesExpected(lines);
    }

    @Override
    public void runStarted(SyncKind kind, String source, boolean dryRun) {
        lastLinePrinted = 0;
        lastLineNanos = System.nanoTime();
        lastWidth = 0;
        tracker.runStarted(kind, source, dryRun);
    }

    @Override
    public void lineDone(LineResult line) {
        tracker.lineDone(line);
        if (!bar && !silent) {
            Progress p = tracker.current();
            if (p.done() - lastLinePrinted >= LINES_EVERY) {
                printLine(p);
            }
        }
    }

    @Override
    public void runFinished(RunResult result) {
        tracker.runFinished(result);
        if (bar && !silent && lastWidth > 0) {
            err.println();
            err.flush();
        }
    }

    private void show(Progress p) {
        if (silent) {
            return;
        }
        if (bar) {
            String text = barText(p);
            err.print('\r' + text + " ".repeat(Math.max(0, lastWidth - text.length())));
            lastWidth = text.length();
            err.flush();
        } else if (p.done() > 0 && p.done() != lastLinePrinted
                && System.nanoTime() - lastLineNanos >= Duration.ofSeconds(10).toNanos()) {
            printLine(p);
        }
    }

    private void printLine(Progress p) {
        lastLinePrinted = p.done();
        lastLineNanos = System.nanoTime();
        err.println("  " + lineText(p));
        err.flush();
    }

    /** The bar: {@code users userimport.csv [#####-----] 50% 5,000/10,000  812 lines/s  ETA 0:06}. */
    static String barText(Progress p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.kind() == null ? "" : p.kind().cliName()).append(' ').append(p.source()).append(' ');
        if (p.fraction().isPresent()) {
            double f = p.fraction().get();
            int full = (int) Math.round(f * BAR_WIDTH);
            sb.append('[').append("#".repeat(full)).append("-".repeat(BAR_WIDTH - full)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", Math.round(f * 100)));
        }
        sb.append(counts(p));
        return sb.toString();
    }

    /** A plain line: {@code users userimport.csv: 5,000/10,000 lines (50%), 812 lines/s, ETA 0:06}. */
    static String lineText(Progress p) {
        return (p.kind() == null ? "" : p.kind().cliName() + " ") + p.source() + ": "
                + String.join(", ", parts(p, true));
    }

    private static String counts(Progress p) {
        return String.join("  ", parts(p, false));
    }

    private static java.util.List<String> parts(Progress p, boolean withPercent) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        String done = String.format(Locale.ROOT, "%,d", p.done())
                + (p.totalKnown() ? String.format(Locale.ROOT, "/%,d", p.total()) : "") + " lines";
        if (withPercent && p.fraction().isPresent()) {
            done += String.format(Locale.ROOT, " (%d%%)", Math.round(p.fraction().get() * 100));
        }
        parts.add(done);
        parts.add(String.format(Locale.ROOT, "%,.0f lines/s", p.linesPerSecond()));
        p.eta().ifPresent(eta -> parts.add("ETA " + clock(eta)));
        if (p.failed() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d failed", p.failed()));
        }
        return parts;
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
