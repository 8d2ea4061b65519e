package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.core.testkit.FakeMoodle;

/** Chunk sizes the engine hands to writers when the caller sets none, and when it sets one. */
class ChunkSizeDefaultsTest {

    @TempDir
    Path dir;

    /** A backend whose enrolment and group member writers record the size of each chunk. */
    private static final class RecordingMoodle implements MoodleBackend {
        final List<Integer> enrolChunks = new ArrayList<>();
        final List<Integer> memberChunks = new ArrayList<>();

        @Override
        public CommandWriter<UserCommand> users(UserSyncOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandWriter<EnrolCommand> enrolments(EnrolSyncOptions options) {
            return (chunk, context) -> record(enrolChunks, chunk);
        }

        @Override
        public CommandWriter<GroupMemberCommand> groupMembers(GroupSyncOptions options) {
            return (chunk, context) -> record(memberChunks, chunk);
        }

        private static <C> List<LineResult> record(List<Integer> sizes, List<CommandLine<C>> chunk) {
            sizes.add(chunk.size());
            return chunk.stream().map(l -> LineResult.of(l.ref(), "x", Outcome.UNCHANGED, false, List.of(),
                    List.of())).toList();
        }
    }

    private Path file(String name, String header, int lines, String line) throws IOException {
        Path file = dir.resolve(name);
        List<String> all = new ArrayList<>();
        all.add(header);
        IntStream.range(0, lines).forEach(i -> all.add(line.replace("#", Integer.toString(i))));
        Files.write(file, all, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void enrolmentsAndGroupMembersGoInChunksOfAThousandByDefault() throws IOException {
        RecordingMoodle moodle = new RecordingMoodle();
        SyncEngine engine = SyncEngine.builder().moodle(moodle).build();
        Path enrols = file("enrols.csv", "cmd;rolename;uid;cid", 2_500, "add;student;U#;C1");
        Path members = file("groupmembers.csv", "cmd;courseid;groupid;userid", 1_200, "add;C1;G1;U#");

        engine.enrolments().from(enrols).noOutputFiles().execute();
        engine.groupMembers().from(members).noOutputFiles().execute();

        assertThat(moodle.enrolChunks).containsExactly(1_000, 1_000, 500);
        assertThat(moodle.memberChunks).containsExactly(1_000, 200);
    }

    @Test
    void usersGoInChunksOfAThousandByDefault() throws IOException {
        FakeMoodle moodle = FakeMoodle.creatingEveryone();
        SyncEngine engine = SyncEngine.builder().moodle(moodle).build();
        Path users = file("userimport.csv", "username;firstname;lastname;email", 2_200,
                "u#;First;Last;u#@example.org");

        engine.users().from(users).noOutputFiles().execute();

        assertThat(moodle.chunkSizes()).containsExactly(1_000, 1_000, 200);
    }

    @Test
    void aChunkSizeGivenWins() throws IOException {
        RecordingMoodle moodle = new RecordingMoodle();
        SyncEngine engine = SyncEngine.builder().moodle(moodle).build();
        Path enrols = file("enrols.csv", "cmd;rolename;uid;cid", 700, "add;student;U#;C1");

        engine.enrolments().from(enrols).chunkSize(300).noOutputFiles().execute();

        assertThat(moodle.enrolChunks).containsExactly(300, 300, 100);
    }
}
