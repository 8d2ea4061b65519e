package org.moodlesync.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.SyncEngine;

/** Progress snapshots: done, total, rate, ETA. */
class ProgressTrackerTest {

    @TempDir
    Path dir;

    @Test
    void rateAndEtaComeFromTheLinesDoneAndTheTime() {
        AtomicLong nanos = new AtomicLong();
        List<Progress> seen = new ArrayList<>();
        ProgressTracker t = new ProgressTracker(seen::add, Duration.ofSeconds(1), nanos::get);
        t.linesExpected(100);
        t.runStarted(SyncKind.USERS, "userimport.csv", false);
        LineRef ref = new LineRef("userimport.csv", 2, null);
        for (int i = 0; i < 40; i++) {
            nanos.addAndGet(50_000_000); // 50 ms a line: 20 lines/s
            t.lineDone(i == 3 ? LineResult.failed(ref, null, new LineError("f", 2, 0, null, "bad"))
                    : LineResult.of(ref, null, Outcome.CREATED, false, List.of(), List.of()));
        }

        Progress p = t.current();
        assertThat(p.done()).isEqualTo(40);
        assertThat(p.failed()).isEqualTo(1);
        assertThat(p.total()).isEqualTo(100);
        assertThat(p.fraction()).contains(0.4);
        assertThat(p.linesPerSecond()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.eta()).contains(Duration.ofSeconds(3));
        assertThat(seen).as("at start, then once a second").extracting(Progress::done)
                .containsExactly(0L, 20L, 40L);
    }

    @Test
    void aFilesTotalIsCountedBeforeTheRunAndAnUnknownTotalHasNoEta() throws IOException {
        Path f = dir.resolve("userimport.csv");
        Files.writeString(f, "# a comment\nusername;firstname;lastname\njdoe;Jane;Doe\n\nbob;Bob;Brown\namy;Amy;Lee\n",
                StandardCharsets.UTF_8);
        List<Progress> seen = new ArrayList<>();
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build();

        engine.users().from(f).listener(new ProgressTracker(seen::add, Duration.ZERO)).execute();

        assertThat(seen.get(0).total()).isEqualTo(3);
        Progress last = seen.get(seen.size() - 1);
        assertThat(last.done()).isEqualTo(3);
        assertThat(last.fraction()).contains(1.0);

        Progress unknown = new Progress(SyncKind.USERS, "s", 5, 0, -1, Duration.ofSeconds(1), 5);
        assertThat(unknown.eta()).isEmpty();
        assertThat(unknown.fraction()).isEmpty();
    }
}
