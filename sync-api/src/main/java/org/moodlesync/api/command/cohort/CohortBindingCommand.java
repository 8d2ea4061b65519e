package org.moodlesync.api.command.cohort;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.moodlesync.api.command.CommandConstraints;
import org.moodlesync.api.command.InvalidCommandException;
import org.moodlesync.api.command.enrol.EnrolTime;

/**
 * One line of a cohort to course bindings file, typed: a cohort sync enrolment instance ({@code enrol} row with
 * {@code enrol = 'cohort'}) of a course, identified by course, cohort and role.
 *
 * <pre>{@code
 * CohortBindingCommand bind = CohortBindingCommand.builder()
 *         .course("CHEM101").cohort("STAFF").role("editingteacher")
 *         .group("Staff").makeGroup(true)
 *         .build();
 * }</pre>
 *
 * @param action     what to do
 * @param course     the course: the value of the course identifier ({@link CohortBindingOptions#courseIdentifyBy()})
 * @param cohort     the cohort: the value of the cohort identifier ({@link CohortBindingOptions#cohortIdentifyBy()})
 * @param role       the role of the binding: the value of the role identifier; null for the default role
 *                   (the {@code enrol_cohort} plugin's default, student on a standard site); {@code *} means every
 *                   role (not for {@link BindingAction#ADD})
 * @param enrol      the enrolment method, {@code cohort} (the only one moodle-sync writes); null means cohort
 * @param enrolStart when the enrolments start ({@link EnrolTime#epoch(long) epoch 0} = at once), or null to keep
 *                   the instance's; stored as the instance's {@code enrolstartdate} and the {@code timestart} of the
 *                   enrolments moodle-sync makes for it. A wall-clock time is read in the run's time zone
 *                   ({@link CohortBindingOptions#timeZone()}, by default the site's), as for enrolments
 * @param enrolEnd   when the enrolments end (epoch 0 = never), or null to keep the instance's; {@code enrolenddate}
 *                   and {@code timeend}
 * @param group      the name of the course group the members go into (chosen if it exists; created when
 *                   {@code makeGroup} is true)
 * @param makeGroup  true: create the group when missing (without {@code group}: a group named like Moodle's
 *                   "{@code <cohort name> cohort}"); false without {@code group}: no group; null: as it is
 */
public record CohortBindingCommand(
        @NotNull BindingAction action,
        @NotEmpty @Size(max = 255) String course,
        @NotEmpty @Size(max = 254) String cohort,
        @Size(max = 100) String role,
        @Size(max = 20) String enrol,
        EnrolTime enrolStart,
        EnrolTime enrolEnd,
        @Size(max = 254) String group,
        Boolean makeGroup) {

    /** The only enrolment method a binding writes. */
    public static final String COHORT = "cohort";
    /** The role value meaning "every role". */
    public static final String ALL_ROLES = "*";

    /**
     * Checks that an action is given.
     *
     * @param action     what to do
     * @param course     the course: the value of the course identifier
     *                   ({@link CohortBindingOptions#courseIdentifyBy()})
     * @param cohort     the cohort: the value of the cohort identifier
     *                   ({@link CohortBindingOptions#cohortIdentifyBy()})
     * @param role       the role of the binding: the value of the role identifier; null for the default role (the
     *                   {@code enrol_cohort} plugin's default, student on a standard site); {@code *} means every role
     *                   (not for {@link BindingAction#ADD})
     * @param enrol      the enrolment method, {@code cohort} (the only one moodle-sync writes); null means cohort
     * @param enrolStart when the enrolments start ({@link EnrolTime#epoch(long) epoch 0} = at once), or null to keep
     *                   the instance's; stored as the instance's {@code enrolstartdate} and the {@code timestart} of
     *                   the enrolments moodle-sync makes for it. A wall-clock time is read in the run's time zone
     *                   ({@link CohortBindingOptions#timeZone()}, by default the site's), as for enrolments
     * @param enrolEnd   when the enrolments end (epoch 0 = never), or null to keep the instance's; {@code enrolenddate}
     *                   and {@code timeend}
     * @param group      the name of the course group the members go into (chosen if it exists; created when
     *                   {@code makeGroup} is true)
     * @param makeGroup  true: create the group when missing (without {@code group}: a group named like Moodle's
     *                   "{@code <cohort name> cohort}"); false without {@code group}: no group; null: as it is
     * @throws InvalidCommandException when {@code action} is null
     */
    public CohortBindingCommand {
        if (action == null) {
            throw new InvalidCommandException("CohortBindingCommand", "action", "must not be null");
        }
    }

    /**
     * A builder for a new command (see the example in the class comment).
     *
     * @return a builder whose action is {@link BindingAction#ADD} and whose other fields are unset (null)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * True when the line means every role of the binding ({@code role = *}).
     *
     * @return true when {@code role} is {@link #ALL_ROLES}
     */
    public boolean allRoles() {
        return ALL_ROLES.equals(role);
    }

    /** Builds a {@link CohortBindingCommand}; {@code action} defaults to {@link BindingAction#ADD}. */
    public static final class Builder {
        private BindingAction action = BindingAction.ADD;
        private String course;
        private String cohort;
        private String role;
        private String enrol;
        private EnrolTime enrolStart;
        private EnrolTime enrolEnd;
        private String group;
        private Boolean makeGroup;

        private Builder() {
        }

        /**
         * Sets what to do ({@code cmd} column); {@link BindingAction#ADD} unless set.
         *
         * @param v the action, not null
         * @return this builder
         */
        public Builder action(BindingAction v) { this.action = v; return this; }

        /**
         * Sets the course ({@code course} column), required.
         *
         * @param v the value of the course identifier ({@link CohortBindingOptions#courseIdentifyBy()}, idnumber by
         *          default)
         * @return this builder
         */
        public Builder course(String v) { this.course = v; return this; }

        /**
         * Sets the cohort ({@code cohort} column), required.
         *
         * @param v the value of the cohort identifier ({@link CohortBindingOptions#cohortIdentifyBy()}, idnumber by
         *          default)
         * @return this builder
         */
        public Builder cohort(String v) { this.cohort = v; return this; }

        /**
         * Sets the role the members get ({@code role} column).
         *
         * @param v the value of the role identifier (shortname by default); null for the {@code enrol_cohort} plugin's
         *          default role; {@link #ALL_ROLES} for every role (not with {@link BindingAction#ADD})
         * @return this builder
         */
        public Builder role(String v) { this.role = v; return this; }

        /**
         * Sets the enrolment method ({@code enrol} column); only {@link #COHORT} is accepted.
         *
         * @param v {@code cohort}, or null for cohort
         * @return this builder
         */
        public Builder enrol(String v) { this.enrol = v; return this; }

        /**
         * When the enrolments start (a moment, or a wall-clock time read in the run's time zone).
         *
         * @param v the start ({@code enrolstart} column; epoch 0 = at once), or null to keep the instance's
         * @return this builder
         */
        public Builder enrolStart(EnrolTime v) { this.enrolStart = v; return this; }

        /**
         * When the enrolments end (a moment, or a wall-clock time read in the run's time zone).
         *
         * @param v the end ({@code enrolend} column; epoch 0 = never), or null to keep the instance's
         * @return this builder
         */
        public Builder enrolEnd(EnrolTime v) { this.enrolEnd = v; return this; }

        /**
         * When the enrolments start, as a Unix time (0 = at once; null = keep the instance's).
         *
         * @param epochSecond the Unix time, or null
         * @return this builder
         */
        public Builder enrolStart(Long epochSecond) { return enrolStart(epoch(epochSecond)); }

        /**
         * When the enrolments end, as a Unix time (0 = never; null = keep the instance's).
         *
         * @param epochSecond the Unix time, or null
         * @return this builder
         */
        public Builder enrolEnd(Long epochSecond) { return enrolEnd(epoch(epochSecond)); }

        private static EnrolTime epoch(Long epochSecond) {
            return epochSecond == null ? null : EnrolTime.epoch(epochSecond);
        }
        /**
         * Sets the course group the members go into ({@code group} column); used if it exists, created when
         * {@link #makeGroup(Boolean)} is true.
         *
         * @param v the group name, or null
         * @return this builder
         */
        public Builder group(String v) { this.group = v; return this; }

        /**
         * Sets whether the group is created when missing ({@code makegroup} column).
         *
         * @param v true: create it (without a group name: one named like Moodle's "{@code <cohort name> cohort}");
         *          false without a group name: no group; null: as it is
         * @return this builder
         */
        public Builder makeGroup(Boolean v) { this.makeGroup = v; return this; }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public CohortBindingCommand build() {
            CohortBindingCommand command = new CohortBindingCommand(action, course, cohort, role, enrol, enrolStart,
                    enrolEnd, group, makeGroup);
            return CommandConstraints.check(command);
        }
    }
}
