package org.moodlesync.jooq.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/** A stop (SIGTERM of a scheduled run) inside a chunk: the lines done are committed, the others are not written. */
class StopAtALineTest {

    @TempDir
    Path dir;

    @OnEachDatabase
    void theUsersWriterStopsAfterTheLineItIsWriting(TestDatabase db) throws IOException {
        StringBuilder file = new StringBuilder("username;firstname;lastname;email\n");
        for (int i = 1; i <= 8; i++) {
            file.append("stop").append(i).append(";F;L;stop").append(i).append("@example.org\n");
        }
        Path f = dir.resolve("userimport.csv");
        Files.writeString(f, file, StandardCharsets.UTF_8);
        AtomicInteger asked = new AtomicInteger();
        SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).build();

        // the writer asks before each line but the first of its chunk: the third time, the stop has come (the
        // pipeline asks too, between lines it reads: those questions are not counted)
        RunResult r = engine.users().from(f).chunkSize(500).stopWhen(() -> {
            boolean fromWriter = StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                    frame.getClassName().endsWith("JooqUserWriter")));
            return fromWriter ? asked.incrementAndGet() >= 3 : asked.get() >= 3;
        }).execute();

        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(r.counts().created()).isEqualTo(3);
        assertThat(db.dsl().select(MDL_USER.USERNAME).from(MDL_USER).where(MDL_USER.USERNAME.like("stop%"))
                .orderBy(MDL_USER.USERNAME).fetch(MDL_USER.USERNAME)).containsExactly("stop1", "stop2", "stop3");
        assertThat(Files.readAllLines(r.trybackFile())).hasSize(6).first().asString().startsWith("username;");
        assertThat(Files.readAllLines(r.trybackFile()).get(1)).startsWith("stop4;");
    }
}
