package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.api.spi.WriterRegistry;
import org.junit.jupiter.api.Test;

/** The registry of kinds: every kind is declared once and resolves a step of its own kind. */
class KindsRegistryTest {

    private final SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build();

    @Test
    void everyKindIsInTheRegistryOnceAndResolvesAStepOfItsKind() {
        assertThat(Kinds.kinds()).isEqualTo(EnumSet.allOf(SyncKind.class));
        assertThat(SyncEngine.supportedKinds()).containsExactly(SyncKind.values());
        Set<SyncKind> seen = new HashSet<>();
        for (KindDescriptor<?> d : Kinds.all()) {
            assertThat(seen.add(d.kind())).as("declared once: %s", d.kind()).isTrue();
            assertThat(Kinds.of(d.kind())).contains(d);
            assertThat(Kinds.byCliName(d.cliName())).contains(d);
            assertThat(d.defaultFileName()).isEqualTo(d.kind().defaultFileName());
            SyncStep<?, ?> step = engine.step(d.kind()).orElseThrow();
            assertThat(step).isInstanceOf(d.stepType());
            assertThat(step.kind()).isEqualTo(d.kind());
            assertThat(d.newStep(engine.step(d.kind()).orElseThrow().context()).kind()).isEqualTo(d.kind());
        }
        assertThat(seen).hasSize(SyncKind.values().length);
    }

    @Test
    void theEngineStepMethodsAreTheRegistrysSteps() {
        assertThat(engine.users().kind()).isEqualTo(SyncKind.USERS);
        assertThat(engine.userDeletes().kind()).isEqualTo(SyncKind.USER_DELETES);
        assertThat(engine.userSuspends().kind()).isEqualTo(SyncKind.USER_SUSPENDS);
        assertThat(engine.courseMetas().kind()).isEqualTo(SyncKind.COURSE_METAS);
        assertThat(engine.pictures().kind()).isEqualTo(SyncKind.PICTURES);
        assertThat(engine.step(SyncKind.PICTURES).orElseThrow()).isInstanceOf(PictureSync.class);
    }

    @Test
    void onlyPictureArchivesHaveNoTryback() {
        for (KindDescriptor<?> d : Kinds.all()) {
            assertThat(d.source()).isEqualTo(d.kind() == SyncKind.PICTURES ? KindDescriptor.Source.ZIP_ARCHIVES
                    : KindDescriptor.Source.COMMAND_FILE);
            assertThat(d.source().hasTryback()).isEqualTo(d.kind() != SyncKind.PICTURES);
            assertThat(FileSync.class.isAssignableFrom(d.stepType())).isEqualTo(d.source().hasTryback());
        }
        assertThat(Kinds.cliNames()).startsWith("users, user-deletes, user-suspends, courses,")
                .endsWith("cohorts, cohort-bindings, pictures");
        assertThat(Kinds.byCliName("bogus")).isEmpty();
    }

    @Test
    void aBackendWithOneRegistryOfWritersServesTheEngine() {
        WriterRegistry<String> writers = WriterRegistry.<String>builder()
                .add(WriterKind.GROUPS, (target, options) -> groups(options))
                .build();
        MoodleBackend backend = new MoodleBackend() {
            @Override
            public <C, O> CommandWriter<C> writer(WriterKind<C, O> kind, O options) {
                return writers.writer(kind, "target", options);
            }
        };
        RunResult run = SyncEngine.builder().moodle(backend).build().groups()
                .commands(List.of(GroupCommand.builder().course("C1").name("G1").build())).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(writers.kinds()).containsExactly(WriterKind.GROUPS);
        assertThatThrownBy(() -> SyncEngine.builder().moodle(backend).build().users()
                .commands(List.of()).execute())
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("users are not supported by this backend");
    }

    @Test
    void aBackendOfEarlierVersionsIsAskedThroughItsPerKindMethod() {
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        CommandWriter<org.moodlesync.api.command.user.UserCommand> writer =
                fake.writer(WriterKind.USERS, org.moodlesync.api.command.user.UserSyncOptions.defaults());
        assertThat(writer).isNotNull();
        assertThatThrownBy(() -> fake.writer(WriterKind.COURSES,
                org.moodlesync.api.command.course.CourseSyncOptions.defaults()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(WriterKind.all()).hasSize(12).doesNotHaveDuplicates();
    }

    private static CommandWriter<GroupCommand> groups(GroupSyncOptions options) {
        return (chunk, context) -> chunk.stream()
                .map(l -> LineResult.of(l.ref(), "g", Outcome.CREATED, context.dryRun(), List.of(), List.of()))
                .toList();
    }
}
