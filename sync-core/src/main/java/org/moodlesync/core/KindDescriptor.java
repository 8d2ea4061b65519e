package org.moodlesync.core;

import java.util.Objects;
import java.util.function.Function;
import org.moodlesync.api.SyncKind;

/**
 * What moodle-sync knows of one kind of file, declared once in {@link Kinds}: its {@link SyncKind} (command-line
 * name, tool_sync's default file name or glob, run order), what it reads, and how its step is made. The step
 * itself holds the kind's options, its file layout (columns, header rules, row mapper) and its writer key.
 *
 * @param <S> the kind's step
 */
public final class KindDescriptor<S extends SyncStep<S, ?>> {

    /** What the files of a kind are. */
    public enum Source {
        /** A command file (CSV, tool_sync's dialect by default): failed lines go to a tryback file. */
        COMMAND_FILE(true),
        /**
         * Zip archives of images, every match of a glob ({@code userpictures_*.zip}) a run of its own: no tryback
         * file (failed entries are in the report).
         */
        ZIP_ARCHIVES(false);

        private final boolean tryback;

        Source(boolean tryback) {
            this.tryback = tryback;
        }

        /**
         * Whether runs of such files write a tryback file of their failed lines.
         *
         * @return true for command files, false for zip archives
         */
        public boolean hasTryback() {
            return tryback;
        }
    }

    private final SyncKind kind;
    private final Source source;
    private final Class<S> stepType;
    private final Function<RunContext, S> newStep;
    private final String summary;

    KindDescriptor(SyncKind kind, Source source, Class<S> stepType, Function<RunContext, S> newStep,
                   String summary) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.stepType = Objects.requireNonNull(stepType, "stepType");
        this.newStep = Objects.requireNonNull(newStep, "newStep");
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /**
     * The kind.
     *
     * @return the kind this descriptor declares
     */
    public SyncKind kind() {
        return kind;
    }

    /**
     * The name on the command line ({@code moodle-sync run users FILE}).
     *
     * @return the kind's command-line name, {@link SyncKind#cliName()}
     */
    public String cliName() {
        return kind.cliName();
    }

    /**
     * tool_sync's default file name for the kind (a glob for archives).
     *
     * @return the file name or glob, {@link SyncKind#defaultFileName()}
     */
    public String defaultFileName() {
        return kind.defaultFileName();
    }

    /**
     * What the kind's files are.
     *
     * @return command file or zip archives
     */
    public Source source() {
        return source;
    }

    /**
     * The class of the kind's step.
     *
     * @return the step class, for example {@code UserSync.class}
     */
    public Class<S> stepType() {
        return stepType;
    }

    /**
     * One line saying what the kind's file does.
     *
     * @return the summary, for listings such as the command line's help
     */
    public String summary() {
        return summary;
    }

    /**
     * A new step of this kind, on an engine's context (what {@link SyncEngine#step(SyncKind)} does).
     *
     * @param context the engine's context; not null
     * @return a new step with the kind's defaults
     * @throws NullPointerException when {@code context} is null
     */
    public S newStep(RunContext context) {
        return newStep.apply(Objects.requireNonNull(context, "context"));
    }

    @Override
    public String toString() {
        return "KindDescriptor[" + kind.cliName() + ", " + source + ", " + stepType.getSimpleName() + "]";
    }
}
