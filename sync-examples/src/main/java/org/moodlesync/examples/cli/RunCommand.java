package org.moodlesync.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.command.cohort.RoleKey;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.KindDescriptor;
import org.moodlesync.core.Kinds;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.SyncStep;
import org.moodlesync.core.UserSync;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.report.JsonReport;
import org.moodlesync.jooq.JooqMoodle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code moodle-sync run <kind> FILE …}: one command file into a Moodle database. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Synchronise one command file into a Moodle database (the kinds: see KIND).")
public final class RunCommand implements Callable<Integer> {

    /** The command-line names of the kinds of the registry, for the help. */
    static final class KindNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Kinds.all().stream().map(KindDescriptor::cliName).iterator();
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", completionCandidates = KindNames.class,
            description = "kind of file: ${COMPLETION-CANDIDATES}")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the command file")
    Path file;

    @Mixin
    DatabaseOptions database;

    @Mixin
    CourseOptions courseOptions;

    @Mixin
    LockArgs lockArgs;

    @Option(names = "--user-by", paramLabel = "FIELD",
            description = "user field matching lines to users (users files, uid of enrolments, userid of group members,"
                    + " cohort members): username, idnumber, email, id (default: idnumber)")
    String userBy;

    @Option(names = "--identify-by", paramLabel = "FIELD",
            description = "deprecated: --user-by for the user kinds, --course-by for the course kinds")
    String identifyBy;

    @Option(names = "--cohort-by", paramLabel = "FIELD", defaultValue = "idnumber",
            description = "cohorts and bindings files: cohort field of the cohort key (cohorts file column c<FIELD>):"
                    + " idnumber, name, id (default: ${DEFAULT-VALUE})")
    String cohortBy;

    @Option(names = {"--course-by", "--course-identifier"}, paramLabel = "FIELD",
            description = "course field of course columns (courseN, cid, courseid, course): shortname, idnumber, id"
                    + " (default: shortname; idnumber for cohort bindings, as tool_sync);"
                    + " --course-identifier is its former name")
    String courseBy;

    @Option(names = "--role-by", paramLabel = "FIELD", defaultValue = "shortname",
            description = "bindings files: role field of the role column: shortname, id (default: ${DEFAULT-VALUE})")
    String roleBy;

    @Option(names = "--no-create-cohorts", description = "cohorts files: fail add lines of missing cohorts instead of"
            + " creating them")
    boolean noCreateCohorts;

    @Mixin
    FileFormatArgs fileFormat;

    @Option(names = "--dry-run", description = "write nothing; the report says what would happen")
    boolean dryRun;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "where the report goes (default: reports/ beside the file)")
    Path reportDir;

    @Option(names = "--tryback-dir", paramLabel = "DIR",
            description = "where the tryback file of failed lines goes (default: beside the file)")
    Path trybackDir;

    @Option(names = "--chunk-size", paramLabel = "N",
            description = "lines per transaction (default: 1000)")
    Integer chunkSize;

    @Option(names = "--json", paramLabel = "FILE|-",
            description = "also write the run's result as JSON (the JSON report's schema) to FILE (rw-------),"
                    + " or to standard output with -: the summary then goes to standard error")
    String json;

    @Option(names = "--stop-on-error", description = "stop at the first failed line")
    boolean stopOnError;

    @Mixin
    UserArgs users;

    @Option(names = "--allow-unknown-columns", description = "ignore unknown columns instead of refusing the file")
    boolean allowUnknownColumns;

    @Option(names = "--group-identifier", paramLabel = "FIELD", defaultValue = "name",
            description = "group field of groupid and updateid: id, idnumber, name (default: ${DEFAULT-VALUE})")
    String groupIdentifier;

    @Option(names = "--grouping-identifier", paramLabel = "FIELD", defaultValue = "name",
            description = "grouping field of updateid: id, idnumber, name (default: ${DEFAULT-VALUE})")
    String groupingIdentifier;

    @Option(names = "--allow-disabled-instances",
            description = "enrolments: enrol through a disabled instance when the course has no enabled one")
    boolean allowDisabledInstances;

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "enrolments and cohort bindings: zone of dates written without one, e.g. Europe/Paris"
                    + " (default: the site's)")
    String timeZone;

    @Option(names = "--default-command", paramLabel = "CMD", defaultValue = "add",
            description = "enrolments: command of lines with an empty cmd (default: ${DEFAULT-VALUE})")
    String defaultCommand;

    @Option(names = "--role-only-without-enrol-column",
            description = "enrolments: a file without an enrol column assigns roles only (tool_sync's behaviour);"
                    + " by default its lines enrol through the manual method")
    boolean roleOnlyWithoutEnrolColumn;

    @Mixin
    PictureOptions pictures;

    @Mixin
    FullFeedArgs fullFeed;

    /**
     * How this command makes the step of each kind from its options: one entry per kind of the registry
     * ({@link Kinds}); a kind added to moodle-sync adds its options above and its line here.
     */
    private static final Map<SyncKind, BiFunction<RunCommand, SyncEngine, SyncStep<?, ?>>> STEPS = steps();

    private static Map<SyncKind, BiFunction<RunCommand, SyncEngine, SyncStep<?, ?>>> steps() {
        Map<SyncKind, BiFunction<RunCommand, SyncEngine, SyncStep<?, ?>>> steps = new EnumMap<>(SyncKind.class);
        steps.put(SyncKind.USERS, (run, engine) -> run.users(engine.users()));
        steps.put(SyncKind.USER_DELETES, (run, engine) -> run.users(engine.userDeletes()));
        steps.put(SyncKind.USER_SUSPENDS, (run, engine) -> run.users(engine.userSuspends()));
        for (SyncKind course : List.of(SyncKind.COURSES, SyncKind.COURSE_DELETES, SyncKind.COURSE_CHECKS,
                SyncKind.COURSE_RESETS, SyncKind.COURSE_METAS)) {
            steps.put(course, (run, engine) -> run.commandFile(run.course(engine, course)));
        }
        steps.put(SyncKind.ENROLMENTS, (run, engine) -> run.commandFile(run.enrolments(engine)));
        steps.put(SyncKind.GROUPS, (run, engine) -> run.commandFile(run.groups(engine)));
        steps.put(SyncKind.GROUP_MEMBERS, (run, engine) -> run.commandFile(run.groupMembers(engine)));
        steps.put(SyncKind.COHORTS, (run, engine) -> run.commandFile(run.cohorts(engine)));
        steps.put(SyncKind.COHORT_BINDINGS, (run, engine) -> run.commandFile(run.cohortBindings(engine)));
        steps.put(SyncKind.PICTURES, (run, engine) -> run.pictures.step(run, engine.pictures()));
        return Collections.unmodifiableMap(steps);
    }

    /** The kinds this command runs (the registry's, {@link Kinds#kinds()}). */
    static Set<SyncKind> kinds() {
        return STEPS.keySet();
    }

    /** The command's description, with the kinds of the registry. */
    static String[] description() {
        return new String[] {"Synchronise one command file into a Moodle database.",
                "Kinds: " + Kinds.cliNames() + ".",
                "pictures: FILE is a zip archive of JPEG, PNG or GIF images named after the user field "
                        + "(--identify-by), e.g. E001.jpg; needs --dataroot or --moodle-config. Failed entries are "
                        + "listed in the report: pictures have no tryback file (except removal lists, --delete)."};
    }

    @Override
    public Integer call() {
        KindDescriptor<?> descriptor = Kinds.byCliName(kind).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "unknown kind of file: " + kind
                        + " (" + Kinds.cliNames() + ")"));
        SyncKind syncKind = descriptor.kind();
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
        if (fullFeed.given()) {
            try {
                fullFeed.check(syncKind);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try (JooqMoodle moodle = database.connect()) {
            SyncEngine engine = SyncEngine.builder().moodle(moodle)
                    .locks(lockArgs.locks(moodle, spec.commandLine().getErr(), false)).build();
            BiFunction<RunCommand, SyncEngine, SyncStep<?, ?>> step = STEPS.get(syncKind);
            if (step == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "kind " + kind + " is not available yet");
            }
            return run(step.apply(this, engine), descriptor);
        }
    }

    /** A command file's step reads {@code FILE} in the file format given. */
    private FileSync<?, ?> commandFile(FileSync<?, ?> step) {
        return step.from(file).format(format());
    }

    private FileSync<?, ?> users(UserSync sync) {
        return feed(commandFile(users.applyTo(sync.identifyBy(userKey()))
                .allowUnknownColumns(allowUnknownColumns)
                .identifyCoursesBy(courseKey())), SyncKind.USERS);
    }

    private FileSync<?, ?> course(SyncEngine engine, SyncKind courseKind) {
        String key = courseBy != null ? courseBy : identifyBy; // --identify-by: the former name for course files
        return CourseRun.step(engine, courseKind, key, courseOptions, allowUnknownColumns);
    }

    /** The user key of --user-by (or its former name --identify-by), default idnumber. */
    UserKey userKey() {
        return UserKey.of(userBy != null ? userBy : identifyBy != null ? identifyBy : "idnumber");
    }

    private FileSync<?, ?> enrolments(SyncEngine engine) {
        var enrol = engine.enrolments()
                .identifyUsersBy(userKey())
                .identifyCoursesBy(courseKey())
                .allowDisabledInstances(allowDisabledInstances)
                .defaultAction(enrolAction())
                .roleOnlyWithoutEnrolColumn(roleOnlyWithoutEnrolColumn);
        if (timeZone != null) {
            enrol.timeZone(zone());
        }
        return feed(enrol, SyncKind.ENROLMENTS);
    }

    /** The step as a full feed when --full-feed says so. */
    private FileSync<?, ?> feed(FileSync<?, ?> step, SyncKind syncKind) {
        try {
            return fullFeed.applyTo(step, syncKind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private FileSync<?, ?> groups(SyncEngine engine) {
        return engine.groups().identifyCoursesBy(courseKey()).identifyGroupsBy(groupKey(groupIdentifier))
                .identifyGroupingsBy(groupKey(groupingIdentifier));
    }

    private FileSync<?, ?> cohorts(SyncEngine engine) {
        return feed(engine.cohorts()
                .identifyBy(CohortKey.of(cohortBy))
                .identifyUsersBy(userKey())
                .autoCreate(!noCreateCohorts)
                .allowUnknownColumns(allowUnknownColumns), SyncKind.COHORTS);
    }

    private FileSync<?, ?> cohortBindings(SyncEngine engine) {
        return engine.cohortBindings()
                .identifyCoursesBy(courseKey("idnumber"))
                .identifyCohortsBy(CohortKey.of(cohortBy))
                .identifyRolesBy(RoleKey.of(roleBy))
                .timeZone(timeZone == null ? null : zone())
                .allowUnknownColumns(allowUnknownColumns);
    }

    private FileSync<?, ?> groupMembers(SyncEngine engine) {
        return feed(engine.groupMembers().identifyCoursesBy(courseKey())
                .identifyUsersBy(userKey()).identifyGroupsBy(groupKey(groupIdentifier)), SyncKind.GROUP_MEMBERS);
    }

    /** Runs a kind's step with the options every kind shares, prints the summary, gives the exit code. */
    private int run(SyncStep<?, ?> sync, KindDescriptor<?> descriptor) {
        sync.dryRun(dryRun)
                .retainFailuresOnly()
                .listener(new ConsoleProgress(spec.commandLine().getErr()));
        org.moodlesync.api.spi.SyncListener jsonReport = jsonReport(java.time.Clock.systemDefaultZone());
        if (jsonReport != null) {
            sync.listener(jsonReport);
        }
        if (chunkSize != null) {
            sync.chunkSize(chunkSize);
        }
        Path dir = file.toAbsolutePath().getParent();
        sync.reportTo(reportDir != null ? reportDir : dir.resolve("reports"));
        sync.trybackTo(trybackDir != null ? trybackDir : dir);
        if (stopOnError) {
            sync.stopOnError();
        }
        RunResult result;
        try {
            result = sync.execute();
        } catch (RunLockedException e) {
            spec.commandLine().getErr().println("moodle-sync: " + e.getMessage());
            return MoodleSyncCommand.LOCKED;
        }
        RunSummary.print(result, summaryOut());
        if (!result.failures().isEmpty() && !descriptor.source().hasTryback() && !pictures.delete) {
            summaryOut().println("  (pictures have no tryback file: the failed entries "
                    + "are listed in the report)");
        }
        return exitCode(result);
    }

    /** Where the human summary goes: standard output, or standard error when the JSON goes there ({@code --json -}). */
    java.io.PrintWriter summaryOut() {
        if (MoodleSyncCommand.quiet(spec)) {
            return new java.io.PrintWriter(java.io.Writer.nullWriter());
        }
        return "-".equals(json) ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** The JSON report asked for by {@code --json}, or null. */
    org.moodlesync.api.spi.SyncListener jsonReport(java.time.Clock clock) {
        if (json == null) {
            return null;
        }
        if (json.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json: give a file or - (standard output)");
        }
        return "-".equals(json) ? JsonReport.toWriter(spec.commandLine().getOut(), clock)
                : JsonReport.toFile(Path.of(json), clock);
    }

    private int exitCode(RunResult result) {
        if (result.error() != null) {
            spec.commandLine().getErr().println("moodle-sync: " + result.error());
        }
        return switch (result.status()) {
            case COMPLETED -> MoodleSyncCommand.OK;
            case COMPLETED_WITH_ERRORS, STOPPED -> MoodleSyncCommand.LINES_FAILED;
            case REFUSED -> MoodleSyncCommand.REMOVALS_REFUSED;
            case FAILED -> MoodleSyncCommand.FATAL;
        };
    }

    private CourseKey courseKey() {
        return courseKey("shortname");
    }

    /** The course key of --course-by, or this kind's default. */
    private CourseKey courseKey(String kindDefault) {
        try {
            return CourseKey.of(courseBy == null ? kindDefault : courseBy);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private GroupKey groupKey(String value) {
        try {
            return GroupKey.of(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private EnrolAction enrolAction() {
        try {
            return EnrolAction.of(defaultCommand);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--default-command: " + e.getMessage());
        }
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--time-zone: " + e.getMessage());
        }
    }

    CsvFormat format() {
        try {
            return fileFormat.csvFormat();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
