package org.moodlesync.api.command;

import java.util.Objects;

/**
 * A command that breaks one of its constraints, thrown by a builder's {@code build()} so that a command built in
 * code fails where it is built, not later in a run. It names the command type and the field:
 * {@code "EnrolCommand.course: must not be blank"}.
 *
 * <p>Lines read from a file never surface this exception: the run turns it into the line's error, with the file,
 * line and column.
 */
public class InvalidCommandException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The command's simple class name. */
    private final String commandType;
    /** The field at fault. */
    private final String field;
    /** What is wrong with the field. */
    private final String problem;

    /**
     * @param commandType the command's simple class name, for example {@code UserCommand}
     * @param field       the field (record component) at fault; nested ones as Bean Validation paths
     *                    ({@code enrolments[0].course})
     * @param problem     what is wrong with it, for example "must not be null"
     */
    public InvalidCommandException(String commandType, String field, String problem) {
        super(commandType + "." + field + ": " + problem);
        this.commandType = Objects.requireNonNull(commandType, "commandType");
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * The command's simple class name, for example {@code UserCommand}.
     *
     * @return the command type
     */
    public String commandType() {
        return commandType;
    }

    /**
     * The field at fault, for example {@code action} or {@code enrolments[0].course}.
     *
     * @return the field name or Bean Validation path
     */
    public String field() {
        return field;
    }

    /**
     * What is wrong with the field, for example "must not be null".
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
