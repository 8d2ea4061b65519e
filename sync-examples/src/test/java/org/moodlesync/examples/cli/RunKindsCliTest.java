package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.examples.cli.CliTesting.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.core.Kinds;

/** {@code moodle-sync run} runs and lists exactly the kinds of the registry. */
class RunKindsCliTest {

    @TempDir
    Path dir;

    @Test
    void theRunCommandHasAStepForEveryKindOfTheRegistry() {
        assertThat(RunCommand.kinds()).isEqualTo(Kinds.kinds());
    }

    @Test
    void theHelpListsTheRegistrysKinds() {
        CliTesting.Outcome help = cli("run", "--help");

        assertThat(help.exitCode()).isZero();
        String out = help.out().replaceAll("\\s+", " ");
        assertThat(out).contains("Kinds: " + Kinds.cliNames() + ".")
                .contains("kind of file: " + Kinds.cliNames());
    }

    @Test
    void anUnknownKindIsRefusedWithTheRegistrysKinds() throws Exception {
        Path file = Files.writeString(dir.resolve("x.csv"), "username\n");
        CliTesting.Outcome run = cli("run", "bogus", file.toString(), "--db-url", "jdbc:h2:mem:none");

        assertThat(run.exitCode()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).startsWith("moodle-sync: unknown kind of file: bogus (" + Kinds.cliNames() + ")");
    }
}
