package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.Counts;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.SyncListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.testkit.UncheckedCommands;

/** The users pipeline through the engine's fluent API, on a test-double backend. */
class UserPipelineTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:30Z"), ZoneId.of("Europe/Paris"));
    static final String HEADER = "username;firstname;lastname;idnumber;email";

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Users a1 to a5 on lines 2 to 6, every one valid. */
    private Path fiveUsers() throws IOException {
        return file(HEADER,
                "a1;A;A;E1;a1@example.org",
                "a2;A;A;E2;a2@example.org",
                "a3;A;A;E3;a3@example.org",
                "a4;A;A;E4;a4@example.org",
                "a5;A;A;E5;a5@example.org");
    }

    private static SyncEngine engine(FakeMoodle fake) {
        return SyncEngine.builder().moodle(fake).clock(CLOCK).build();
    }

    private static List<Long> lineNumbers(RunResult r) {
        return r.lines().stream().map(LineResult::line).toList();
    }

    private static List<Outcome> outcomes(RunResult r) {
        return r.lines().stream().map(LineResult::outcome).toList();
    }

    private Path tryback() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains("_tryback_")).findFirst().orElse(null);
        }
    }

    // -------------------------------------------------------------------------------------------- order, counts

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(ints = {1, 2, 3, 500})
    void resultsComeInFileOrderWhateverStageFailsTheLine(int chunkSize) throws IOException {
        FakeMoodle fake = FakeMoodle.answering(c -> switch (c.username()) {
            case "carol" -> Outcome.FAILED;
            case "erin" -> Outcome.UPDATED;
            case "fred" -> Outcome.UNCHANGED;
            default -> Outcome.CREATED;
        }).failingField("idnumber");
        Path file = file(HEADER,
                "alice;Alice;Adams;E1;alice@example.org",   // 2 created
                "bob;;Brown;E2;bob@example.org",            // 3 mapping: firstname required
                "carol;Carol;Cole;E3;carol@example.org",    // 4 writer fails
                "dave;Dave;Dean;E4;not-an-email",           // 5 validation: email
                "erin;Erin;Eads;E5;erin@example.org",       // 6 updated
                "fred;Fred;Ford;E6;fred@example.org");      // 7 unchanged

        RunResult r = engine(fake).users().from(file).chunkSize(chunkSize).noOutputFiles().execute();

        assertThat(lineNumbers(r)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(outcomes(r)).containsExactly(Outcome.CREATED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED,
                Outcome.UPDATED, Outcome.UNCHANGED);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.counts()).isEqualTo(new Counts(6, 1, 1, 1, 0, 0, 3));
        assertThat(fake.writtenUsernames()).containsExactly("alice", "carol", "erin", "fred");
        assertThat(r.failures()).extracting(f -> f.error().line(), f -> f.error().column(), f -> f.error().field())
                .containsExactly(
                        tuple(3L, 2, "firstname"),   // mapping
                        tuple(4L, 4, "idnumber"),    // writer: the field's column from the header
                        tuple(5L, 5, "email"));      // validation
        assertThat(r.line(4).orElseThrow().error().reason()).isEqualTo(FakeMoodle.REJECTED);
    }

    @Test
    void aCleanFileCompletes() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "alice;Alice;Adams;E1;alice@example.org", "bob;Bob;Brown;E2;bob@example.org");

        RunResult r = engine(fake).users().from(file).execute();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.kind()).isEqualTo(SyncKind.USERS);
        assertThat(r.source()).isEqualTo("userimport.csv");
        assertThat(r.counts()).isEqualTo(new Counts(2, 2, 0, 0, 0, 0, 0));
        assertThat(r.error()).isNull();
        assertThat(r.started()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aValidationErrorSaysFileLineAndColumn() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER,
                "alice;Alice;Adams;E1;alice@example.org",
                "bob;Bob;Brown;E2;bob-at-example.org");

        RunResult r = engine(fake).users().from(file).noOutputFiles().execute();

        LineError e = r.line(3).orElseThrow().error();
        assertThat(e.source()).isEqualTo("userimport.csv");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.field()).isEqualTo("email");
        assertThat(e.location()).isEqualTo("userimport.csv:3:5");
        assertThat(e.toString()).startsWith("userimport.csv:3:5: [email] ");
        assertThat(fake.writtenUsernames()).containsExactly("alice");
    }

    @Test
    void aValidationErrorOfARenamedPropertyNamesItsFileColumn() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file("username;firstname;lastname;oldusername",
                "alice;Alice;Adams;" + "x".repeat(101));

        RunResult r = engine(fake).users().from(file).allowRename(true).noOutputFiles().execute();

        LineError e = r.line(2).orElseThrow().error();
        assertThat(e.field()).isEqualTo("oldusername");
        assertThat(e.column()).isEqualTo(4);
    }

    @Test
    void countryAndMaildisplayAreValidatedOnFileLines() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file("username;firstname;lastname;country;maildisplay",
                "alice;Alice;Adams;FRA;1",
                "bob;Bob;Brown;fr;1");

        RunResult r = engine(fake).users().from(file).noOutputFiles().execute();

        assertThat(r.failures()).extracting(f -> f.error().line(), f -> f.error().column(), f -> f.error().field())
                .containsExactly(tuple(2L, 4, "country"));
        assertThat(fake.written()).singleElement().extracting(UserCommand::country).isEqualTo("FR");
    }

    // -------------------------------------------------------------------------------------------- header

    @Test
    void anUnknownColumnFailsTheRunAndWritesNothing() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file("username;firstname;lastname;colour", "alice;Alice;Adams;blue");

        RunResult r = engine(fake).users().from(file).execute();

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains("colour").contains("userimport.csv:1:4");
        assertThat(fake.callCount()).isZero();
        assertThat(r.counts()).isEqualTo(Counts.ZERO);
        assertThat(r.lines()).isEmpty();
        assertThat(r.trybackFile()).isNull();
        assertThat(tryback()).isNull();
    }

    @Test
    void aMissingRequiredColumnFailsTheRunAndWritesNothing() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file("username;firstname;email", "alice;Alice;alice@example.org");

        RunResult r = engine(fake).users().from(file).execute();

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains("missing required column \"lastname\"");
        assertThat(fake.callCount()).isZero();
        assertThat(tryback()).isNull();
    }

    @Test
    void unknownColumnsCanBeAllowedAndAreNoticed() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file("username;firstname;lastname;colour;icq", "alice;Alice;Adams;blue;123");

        RunResult r = engine(fake).users().from(file).allowUnknownColumns(true).noOutputFiles().execute();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.notices()).anySatisfy(n -> assertThat(n).contains("colour").contains("ignored"))
                .anySatisfy(n -> assertThat(n).contains("icq"));
        assertThat(fake.writtenUsernames()).containsExactly("alice");
    }

    // -------------------------------------------------------------------------------------------- stop on error

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(ints = {1, 2, 500})
    void stopOnErrorStopsAtAMappingFailureAndKeepsTheRestForTheTrybackFile(int chunkSize) throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER,
                "alice;Alice;Adams;E1;alice@example.org",
                "bob;;Brown;E2;bob@example.org",
                "carol;Carol;Cole;E3;carol@example.org",
                "dave;Dave;Dean;E4;dave@example.org",
                "erin;Erin;Eads;E5;erin@example.org");

        RunResult r = engine(fake).users().from(file).chunkSize(chunkSize).stopOnError().execute();

        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(lineNumbers(r)).containsExactly(2L, 3L);
        assertThat(fake.writtenUsernames()).as("nothing after the failed line is written").containsExactly("alice");
        assertThat(r.counts()).isEqualTo(new Counts(2, 1, 0, 0, 0, 0, 1));
        assertThat(r.trybackFile()).isNotNull();
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER,
                "bob;;Brown;E2;bob@example.org",
                "carol;Carol;Cole;E3;carol@example.org",
                "dave;Dave;Dean;E4;dave@example.org",
                "erin;Erin;Eads;E5;erin@example.org");
    }

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(ints = {1, 2, 500})
    void stopOnErrorStopsAtAWriterFailure(int chunkSize) throws IOException {
        FakeMoodle fake = FakeMoodle.answering(c -> c.username().equals("bob") ? Outcome.FAILED : Outcome.CREATED);
        Path file = file(HEADER,
                "alice;Alice;Adams;E1;alice@example.org",
                "bob;Bob;Brown;E2;bob@example.org",
                "carol;Carol;Cole;E3;carol@example.org",
                "dave;Dave;Dean;E4;dave@example.org");

        RunResult r = engine(fake).users().from(file).chunkSize(chunkSize).stopOnError().execute();

        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(lineNumbers(r)).containsExactly(2L, 3L);
        assertThat(fake.writtenUsernames()).containsExactly("alice", "bob");
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER,
                "bob;Bob;Brown;E2;bob@example.org",
                "carol;Carol;Cole;E3;carol@example.org",
                "dave;Dave;Dean;E4;dave@example.org");
    }

    @Test
    void withoutStopOnErrorEveryLineIsProcessed() throws IOException {
        FakeMoodle fake = FakeMoodle.answering(c -> c.username().equals("bob") ? Outcome.FAILED : Outcome.CREATED);
        Path file = file(HEADER,
                "alice;Alice;Adams;E1;alice@example.org",
                "bob;Bob;Brown;E2;bob@example.org",
                "carol;Carol;Cole;E3;carol@example.org");

        RunResult r = engine(fake).users().from(file).chunkSize(1).execute();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(fake.writtenUsernames()).containsExactly("alice", "bob", "carol");
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER, "bob;Bob;Brown;E2;bob@example.org");
    }

    // -------------------------------------------------------------------------------------------- chunks

    @Test
    void linesAreWrittenInChunks() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = fiveUsers();

        RunResult r = engine(fake).users().from(file).chunkSize(2).noOutputFiles().execute();

        assertThat(fake.callCount()).isEqualTo(3);
        assertThat(fake.chunkSizes()).containsExactly(2, 2, 1);
        assertThat(fake.chunkLines()).containsExactly(List.of(2L, 3L), List.of(4L, 5L), List.of(6L));
        assertThat(r.counts().created()).isEqualTo(5);
    }

    @Test
    void theWriterHearsOfEachChunkBeforeItWritesTheOneBefore() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER,
                "a1;A;A;E1;a1@example.org",
                "a2;A;A;E2;a2@example.org",
                "a3;A;A;E3;a3@example.org",
                "a4;;A;E4;a4@example.org", // line 5 fails to map: neither announced nor written
                "a5;A;A;E5;a5@example.org");

        RunResult r = engine(fake).users().from(file).chunkSize(2).noOutputFiles().execute();

        assertThat(fake.events()).containsExactly("upcoming [4]", "write [2, 3]", "upcoming [6]", "write [4]",
                "write [6]");
        assertThat(r.counts().created()).isEqualTo(4);
    }

    @Test
    void aStopOnErrorRunAnnouncesNoChunk() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org", "a2;A;A;E2;a2@example.org");

        engine(fake).users().from(file).stopOnError().noOutputFiles().execute();

        assertThat(fake.events()).containsExactly("write [2]", "write [3]");
    }

    @Test
    void aWriterThatCannotPrepareTheNextChunkStillWritesIt() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone().throwingOnUpcoming();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org", "a2;A;A;E2;a2@example.org",
                "a3;A;A;E3;a3@example.org");

        RunResult r = engine(fake).users().from(file).chunkSize(2).noOutputFiles().execute();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(fake.chunkLines()).containsExactly(List.of(2L, 3L), List.of(4L));
        assertThat(r.counts().created()).isEqualTo(3);
    }

    @Test
    void aRunStoppedAfterAChunkKeepsTheChunkReadAheadForTheTrybackFile() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = fiveUsers();

        // asked to stop once the first chunk is written, when the second has been read and announced
        RunResult r = engine(fake).users().from(file).chunkSize(2).stopWhen(() -> fake.callCount() > 0)
                .reportTo(dir).trybackTo(dir).execute();

        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(fake.events()).containsExactly("upcoming [4, 5]", "write [2, 3]");
        assertThat(r.counts().created()).isEqualTo(2);
        assertThat(contentOf(r.trybackFile())).containsExactly(HEADER,
                "a3;A;A;E3;a3@example.org",
                "a4;A;A;E4;a4@example.org",
                "a5;A;A;E5;a5@example.org");
    }

    @Test
    void linesThatFailedBeforeTheWriterAreNotHandedToIt() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER,
                "a1;A;A;E1;a1@example.org",
                "a2;;A;E2;a2@example.org",
                "a3;A;A;E3;bad",
                "a4;A;A;E4;a4@example.org");

        engine(fake).users().from(file).chunkSize(2).noOutputFiles().execute();

        assertThat(fake.chunkLines()).containsExactly(List.of(2L), List.of(5L));
    }

    @Test
    void theDefaultChunkSizeTakesAWholeSmallFileAtOnce() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org", "a2;A;A;E2;a2@example.org");

        engine(fake).users().from(file).noOutputFiles().execute();

        assertThat(fake.chunkSizes()).containsExactly(2);
    }

    // -------------------------------------------------------------------------------------------- writer errors

    @Test
    void aWriterThatThrowsFailsTheRunAndKeepsTheChunkAndTheUnreadLines() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone().throwingOnCall(2);
        Path file = fiveUsers();

        RunResult r = engine(fake).users().from(file).chunkSize(2).execute();

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains("IllegalStateException").contains("database connection lost");
        assertThat(lineNumbers(r)).containsExactly(2L, 3L);
        assertThat(r.counts()).isEqualTo(new Counts(2, 2, 0, 0, 0, 0, 0));
        assertThat(r.trybackFile()).isNotNull();
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER,
                "a3;A;A;E3;a3@example.org",
                "a4;A;A;E4;a4@example.org",
                "a5;A;A;E5;a5@example.org");
        String report = Files.readString(r.reportFile());
        // line 6 had been read as the next chunk: it is named as well
        assertThat(report).contains("line 4: NOT PROCESSED").contains("line 5: NOT PROCESSED")
                .contains("line 6: NOT PROCESSED").contains("run FAILED: IllegalStateException");
    }

    @Test
    void aWriterThatReturnsTooFewResultsFailsTheRun() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone().droppingLastResult();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org", "a2;A;A;E2;a2@example.org");

        RunResult r = engine(fake).users().from(file).execute();

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains("writer returned 1 results for 2 lines");
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER,
                "a1;A;A;E1;a1@example.org", "a2;A;A;E2;a2@example.org");
    }

    // -------------------------------------------------------------------------------------------- dry run

    @Test
    void theDryRunFlagReachesTheWriter() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org", "a2;A;A;E2;a2@example.org");

        RunResult r = engine(fake).users().from(file).chunkSize(1).dryRun().execute();

        assertThat(fake.contexts()).hasSize(2).allSatisfy(c -> assertThat(c.dryRun()).isTrue());
        assertThat(fake.contexts()).allSatisfy(c -> assertThat(c.clock()).isSameAs(CLOCK));
        assertThat(r.dryRun()).isTrue();
        assertThat(r.lines()).allSatisfy(l -> assertThat(l.dryRun()).isTrue());
        assertThat(Files.readString(r.reportFile())).contains("DRY RUN").contains("CREATED (would be)");
    }

    @Test
    void aRealRunIsNotADryRun() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org");

        RunResult r = engine(fake).users().from(file).dryRun(false).execute();

        assertThat(fake.contexts()).singleElement().satisfies(c -> assertThat(c.dryRun()).isFalse());
        assertThat(r.dryRun()).isFalse();
        assertThat(Files.readString(r.reportFile())).doesNotContain("DRY RUN");
    }

    // -------------------------------------------------------------------------------------------- retained lines

    @Test
    void retainFailuresOnlyKeepsOnlyFailedLinesButCountsAndReportsEveryLine() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER,
                "a1;A;A;E1;a1@example.org",
                "a2;;A;E2;a2@example.org",
                "a3;A;A;E3;a3@example.org");

        RunResult r = engine(fake).users().from(file).retainFailuresOnly().execute();

        assertThat(lineNumbers(r)).containsExactly(3L);
        assertThat(r.counts()).isEqualTo(new Counts(3, 2, 0, 0, 0, 0, 1));
        assertThat(Files.readString(r.reportFile())).contains("line 2: CREATED").contains("line 3: FAILED")
                .contains("line 4: CREATED");
    }

    // -------------------------------------------------------------------------------------------- options

    @Test
    void theUserOptionsReachTheBackend() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org");

        engine(fake).users().from(file).identifyBy(UserKey.USERNAME).allowRename(true).protectEmails(false)
                .createPasswords(true).fastHash(true).noOutputFiles().execute();

        assertThat(fake.options()).singleElement().satisfies(o -> {
            assertThat(o.identifyBy()).isEqualTo(UserKey.USERNAME);
            assertThat(o.allowRename()).isTrue();
            assertThat(o.protectEmails()).isFalse();
            assertThat(o.createPasswords()).isTrue();
            assertThat(o.fastHash()).isTrue();
        });
    }

    @Test
    void aDeleteFileDeletesEveryLine() throws IOException {
        FakeMoodle fake = FakeMoodle.answering(c -> Outcome.DELETED);
        Path file = file("idnumber", "E1", "E2");

        RunResult r = engine(fake).userDeletes().from(file).noOutputFiles().execute();

        assertThat(r.kind()).isEqualTo(SyncKind.USER_DELETES);
        assertThat(fake.written()).extracting(UserCommand::action, UserCommand::idnumber)
                .containsExactly(tuple(UserAction.DELETE, "E1"), tuple(UserAction.DELETE, "E2"));
        assertThat(r.counts().deleted()).isEqualTo(2);
    }

    @Test
    void aDeleteFileWithoutTheIdentifierColumnFails() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file("email", "a@example.org");

        RunResult r = engine(fake).userDeletes().from(file).execute();

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains("idnumber");
        assertThat(fake.callCount()).isZero();
    }

    // -------------------------------------------------------------------------------------------- commands in code

    @Test
    void commandsBuiltInCodeRunInOrderWithLineNumbersAndNoFiles() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        List<UserCommand> commands = List.of(
                UserCommand.builder().username("alice").firstname("Alice").lastname("Adams").build(),
                UncheckedCommands.with(UserCommand.builder().username("bob").firstname("Bob").lastname("Brown").build(),
                        "maildisplay", 5),
                UserCommand.builder().username("carol").firstname("Carol").lastname("Cole").build());

        RunResult r = engine(fake).users().commands(commands).chunkSize(2).execute();

        assertThat(r.source()).isEqualTo("commands");
        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L);
        assertThat(outcomes(r)).containsExactly(Outcome.CREATED, Outcome.FAILED, Outcome.CREATED);
        LineError e = r.line(2).orElseThrow().error();
        assertThat(e.field()).isEqualTo("maildisplay");
        assertThat(e.column()).isZero();
        assertThat(fake.written()).containsExactly(commands.get(0), commands.get(2));
        assertThat(r.reportFile()).isNull();
        assertThat(r.trybackFile()).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void commandsBuiltInCodeGetAReportWhenAskedButNeverATryback() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        List<UserCommand> commands = List.of(
                UncheckedCommands.with(UserCommand.builder().username("bob").firstname("Bob").lastname("Brown").build(),
                        "country", "FRA"));

        RunResult r = engine(fake).users().commands(commands).reportTo(dir).trybackTo(dir).execute();

        assertThat(r.reportFile()).exists();
        assertThat(Files.readString(r.reportFile())).contains("line 1: FAILED").contains("[country]");
        assertThat(r.trybackFile()).isNull();
    }

    // -------------------------------------------------------------------------------------------- listeners, streams

    @Test
    void listenersHearEveryLineInOrder() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        Path file = file(HEADER, "a1;A;A;E1;a1@example.org", "a2;;A;E2;a2@example.org", "a3;A;A;E3;a3@example.org");
        List<String> heard = new ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void runStarted(SyncKind kind, String source, boolean dryRun) {
                heard.add("start " + kind + " " + source);
            }

            @Override
            public void lineDone(LineResult line) {
                heard.add(line.line() + " " + line.outcome());
            }

            @Override
            public void runFinished(RunResult result) {
                heard.add("end " + result.status());
            }
        };

        engine(fake).users().from(file).chunkSize(2).listener(listener).noOutputFiles().execute();

        assertThat(heard).containsExactly("start USERS userimport.csv", "2 CREATED", "3 FAILED", "4 CREATED",
                "end COMPLETED_WITH_ERRORS");
    }

    @Test
    void aStreamIsReadUnderItsNameAndGetsNoFilesByDefault() throws IOException {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        InputStream in = new ByteArrayInputStream((HEADER + "\na1;;A;E1;a1@example.org\n")
                .getBytes(StandardCharsets.UTF_8));

        RunResult r = engine(fake).users().from(in, "upload.csv").execute();

        assertThat(r.source()).isEqualTo("upload.csv");
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.error().location())
                .isEqualTo("upload.csv:2:2"));
        assertThat(r.reportFile()).isNull();
        assertThat(r.trybackFile()).isNull();
    }

    @Test
    void anInterruptedRunStopsAndKeepsEveryLineItDidNotWrite() {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        // the thread is interrupted while the reader fetches line 3, when line 2 waits in a chunk not yet written
        InputStream in = new LineByLineStream(List.of(HEADER,
                "a1;A;A;E1;a1@example.org",
                "a2;A;A;E2;a2@example.org",
                "a3;A;A;E3;a3@example.org",
                "a4;A;A;E4;a4@example.org"), 2);
        RunResult r;
        boolean stillInterrupted;
        try {
            r = engine(fake).users().from(in, "userimport.csv").chunkSize(3).reportTo(dir).trybackTo(dir)
                    .execute();
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).as("the interrupt is handed back to the caller").isTrue();
        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(fake.callCount()).isZero();
        assertThat(r.trybackFile()).isNotNull();
        assertThat(contentOf(r.trybackFile())).containsExactly(HEADER,
                "a1;A;A;E1;a1@example.org",
                "a2;A;A;E2;a2@example.org",
                "a3;A;A;E3;a3@example.org",
                "a4;A;A;E4;a4@example.org");
    }

    private static List<String> contentOf(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Hands out one line per read; interrupts the reading thread when it hands out line {@code interruptAt}. */
    private static final class LineByLineStream extends InputStream {
        private final List<byte[]> lines = new ArrayList<>();
        private final int interruptAt;
        private int next;
        private int offset;

        LineByLineStream(List<String> lines, int interruptAt) {
            lines.forEach(l -> this.lines.add((l + "\n").getBytes(StandardCharsets.UTF_8)));
            this.interruptAt = interruptAt;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (next == lines.size()) {
                return -1;
            }
            if (next == interruptAt && offset == 0) {
                Thread.currentThread().interrupt();
            }
            byte[] line = lines.get(next);
            int n = Math.min(len, line.length - offset);
            System.arraycopy(line, offset, b, off, n);
            offset += n;
            if (offset == line.length) {
                next++;
                offset = 0;
            }
            return n;
        }
    }
}
