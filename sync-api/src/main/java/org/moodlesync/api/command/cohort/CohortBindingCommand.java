package org.moodlesync.api.command.cohort;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

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
 * @param enrolStart when the enrolments start (unix time, 0 = at once); stored as the instance's
 *                   {@code enrolstartdate} and the {@code timestart} of the enrolments moodle-sync makes for it
 * @param enrolEnd   when the enrolments end (unix time, 0 = never); {@code enrolenddate} and {@code timeend}
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
        @Min(0) Long enrolStart,
        @Min(0) Long enrolEnd,
        @Size(max = 254) String group,
        Boolean makeGroup) {

    /** The only enrolment method a binding writes. */
    public static final String COHORT = "cohort";
    /** The role value meaning "every role". */
    public static final String ALL_ROLES = "*";

    public CohortBindingCommand {
        Objects.requireNonNull(action, "action");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the line means every role of the binding ({@code role = *}). */
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
        private Long enrolStart;
        private Long enrolEnd;
        private String group;
        private Boolean makeGroup;

        private Builder() {
        }

        public Builder action(BindingAction v) { this.action = v; return this; }
        public Builder course(String v) { this.course = v; return this; }
        public Builder cohort(String v) { this.cohort = v; return this; }
        public Builder role(String v) { this.role = v; return this; }
        public Builder enrol(String v) { this.enrol = v; return this; }
        public Builder enrolStart(Long v) { this.enrolStart = v; return this; }
        public Builder enrolEnd(Long v) { this.enrolEnd = v; return this; }
        public Builder group(String v) { this.group = v; return this; }
        public Builder makeGroup(Boolean v) { this.makeGroup = v; return this; }

        public CohortBindingCommand build() {
            return new CohortBindingCommand(action, course, cohort, role, enrol, enrolStart, enrolEnd, group,
                    makeGroup);
        }
    }
}
