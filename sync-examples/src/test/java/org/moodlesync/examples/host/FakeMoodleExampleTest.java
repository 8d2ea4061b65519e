package org.moodlesync.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.testkit.FakeMoodle;

/** The FakeMoodle example of docs/test-kit.md: an engine-only test, no database. */
class FakeMoodleExampleTest {

    @Test
    void drivesTheEngineWithoutADatabase() {
        List<UserCommand> myCommands = List.of(
                UserCommand.builder().username("jdoe").firstname("Jane").lastname("Doe").email("jane@example.org")
                        .build(),
                UserCommand.builder().username("xavier").firstname("Xavier").lastname("X")
                        .email("xavier@example.org").build());

        FakeMoodle fake = FakeMoodle.answering(c -> c.username().startsWith("x") ? Outcome.FAILED : Outcome.CREATED)
                .failingField("username");
        RunResult run = SyncEngine.builder().moodle(fake).build().users().commands(myCommands).execute();

        assertThat(run).completedWithErrors().line(2).failedOn("username");
        assertThat(fake.writtenUsernames()).containsExactly("jdoe", "xavier");
        assertThat(fake.chunkSizes()).containsExactly(2);
    }
}
