package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.SyncListener;

/** Prints a progress line every 10,000 lines on the error stream, so large files show they are moving. */
final class ConsoleProgress implements SyncListener {

    private final PrintWriter err;
    private long lines;
    private long started = System.nanoTime();

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void lineDone(LineResult line) {
        lines++;
        if (lines % 10_000 == 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf("  … %,d lines (%.0f lines/s)%n", lines, lines / seconds);
            err.flush();
        }
    }
}
