package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.InvalidCommandException;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.testkit.UncheckedCommands;

/**
 * Commands built in code: builders refuse an incomplete or invalid command where it is built, naming the field;
 * null lists and commands are refused before a run; a caller's key comes back in each result and report line.
 */
class CommandsBuiltInCodeTest {

    @TempDir
    Path dir;

    private static SyncEngine engine(FakeMoodle fake) {
        return SyncEngine.builder().moodle(fake).build();
    }

    private static UserCommand user(String username) {
        return UserCommand.builder().username(username).firstname("F").lastname("L").build();
    }

    @Test
    void anEmptyBuilderDoesNotBuildAndSaysWhichFieldIsMissing() {
        assertThatThrownBy(() -> UserCommand.builder().build())
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("UserCommand.username: a user needs a username, idnumber, email or id to be found or "
                        + "created by")
                .satisfies(e -> {
                    InvalidCommandException ice = (InvalidCommandException) e;
                    assertThat(ice.commandType()).isEqualTo("UserCommand");
                    assertThat(ice.field()).isEqualTo("username");
                });
        assertThatThrownBy(() -> UserCommand.builder().username("jdoe").action(null).build())
                .isInstanceOf(InvalidCommandException.class).hasMessage("UserCommand.action: must not be null");
        assertThat(UserCommand.builder().idnumber("E001").build().idnumber()).isEqualTo("E001");
    }

    @Test
    void anEnrolmentWithoutACourseDoesNotBuild() {
        assertThatThrownBy(() -> EnrolCommand.builder().user("E001").build())
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("EnrolCommand.course: must not be blank");
        assertThat(EnrolCommand.builder().user("E001").course("CHEM101").build().course()).isEqualTo("CHEM101");
    }

    @Test
    void aValueThatBreaksAConstraintDoesNotBuildEither() {
        assertThatThrownBy(() -> UserCommand.builder().username("jdoe").firstname("J").lastname("D")
                .email("not-an-email").build())
                .isInstanceOf(InvalidCommandException.class)
                .extracting(e -> ((InvalidCommandException) e).field()).isEqualTo("email");
        assertThatThrownBy(() -> UserCommand.builder().username("u".repeat(101)).build())
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("UserCommand.username: size");
    }

    @Test
    void everyBuilderChecksItsCommand() {
        assertThatThrownBy(() -> CourseCommand.builder().shortname("s".repeat(256)).build())
                .isInstanceOf(InvalidCommandException.class).hasMessageStartingWith("CourseCommand.shortname: ");
        assertThatThrownBy(() -> GroupCommand.builder().build())
                .isInstanceOf(InvalidCommandException.class).hasMessageStartingWith("GroupCommand.");
        assertThatThrownBy(() -> CohortCommand.builder().build())
                .isInstanceOf(InvalidCommandException.class).hasMessageStartingWith("CohortCommand.");
        assertThatThrownBy(() -> CohortBindingCommand.builder().build())
                .isInstanceOf(InvalidCommandException.class).hasMessageStartingWith("CohortBindingCommand.");
    }

    @Test
    void aFileLineThatBreaksAConstraintStillFailsAloneWithItsColumn() throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, "username;firstname;lastname;email\njdoe;J;D;not-an-email\nann;A;B;ann@example.org\n");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).noOutputFiles().execute();

        assertThat(r.lines()).extracting(LineResult::outcome).containsExactly(Outcome.FAILED, Outcome.CREATED);
        assertThat(r.lines().get(0).error().field()).isEqualTo("email");
        assertThat(r.lines().get(0).error().column()).isEqualTo(4);
        assertThat(r.lines().get(0).error().toString()).contains("userimport.csv:2:4");
    }

    @Test
    void nullListsAndNullCommandsAreRefusedWithAClearMessage() {
        SyncEngine engine = engine(FakeMoodle.creatingEveryone());
        assertThatThrownBy(() -> engine.users().commands(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("commands: the list of commands is null");
        List<UserCommand> withANull = new ArrayList<>(Arrays.asList(user("a"), null));
        assertThatThrownBy(() -> engine.users().commands(withANull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commands: the command at position 2 is null");
        assertThatThrownBy(() -> engine.users().keyedCommands(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("keyedCommands: the map of commands is null");
        Map<String, UserCommand> nullCommand = new LinkedHashMap<>();
        nullCommand.put("SIS-1", null);
        assertThatThrownBy(() -> engine.users().keyedCommands(nullCommand))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyedCommands: the command of key SIS-1 is null");
        assertThatThrownBy(() -> engine.pictures().commands(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("commands: the list of commands is null");
    }

    @Test
    void theCallersKeyComesBackInEachResultAndInTheReports() throws IOException {
        Map<String, UserCommand> commands = new LinkedHashMap<>();
        commands.put("SIS-42", user("alice"));
        commands.put("SIS-7", UncheckedCommands.with(user("bob"), "country", "FRA"));
        commands.put("SIS-9", user("carol"));
        FakeMoodle fake = FakeMoodle.creatingEveryone();

        RunResult r = engine(fake).users().keyedCommands(commands).reportTo(dir).execute();

        assertThat(r.lines()).extracting(LineResult::key, LineResult::line, LineResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SIS-42", 1L, Outcome.CREATED),
                org.assertj.core.groups.Tuple.tuple("SIS-7", 2L, Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("SIS-9", 3L, Outcome.CREATED));
        assertThat(r.lines().get(1).error().field()).isEqualTo("country");
        assertThat(fake.writtenUsernames()).containsExactly("alice", "carol");
        assertThat(r.lines().get(0).ref().toString()).isEqualTo("commands:1 [SIS-42]");
        assertThat(Files.readString(r.reportFile())).contains("line 1 [SIS-42]: CREATED")
                .contains("line 2 [SIS-7]: FAILED");
    }

    @Test
    void commandsGivenAsAListHaveNoKey() {
        RunResult r = engine(FakeMoodle.creatingEveryone()).users().commands(List.of(user("alice")))
                .noOutputFiles().execute();
        assertThat(r.lines()).extracting(LineResult::key).containsExactly((String) null);
        assertThat(r.lines().get(0).ref().toString()).isEqualTo("commands:1");
    }
}
