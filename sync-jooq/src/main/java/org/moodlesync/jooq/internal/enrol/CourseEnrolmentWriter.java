package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.enrol.CourseEnrolment;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * The course enrolments of users file lines ({@code courseN}, {@code roleN}, {@code enrolN}, {@code groupN},
 * {@code startN}, {@code endN}), applied after the user is written, with the enrolment file's code: each is an
 * {@code add} line of that file (group joined, and created when missing). The users writer makes one per run and
 * calls {@link #prepare} per chunk, {@link Chunk#apply} per line inside the line's savepoint.
 */
public final class CourseEnrolmentWriter {

    private final DSLContext dsl;
    private EnrolSite site;
    private EnrolmentOps ops;
    private EnrolLineWriter lines;

    public CourseEnrolmentWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * What a users line's course enrolments changed: their part of the line's
     * {@link org.moodlesync.jooq.internal.support.LineApplied}.
     *
     * @param changes  fields written, named {@code courseN.<field>}
     * @param messages notes, starting with {@code courseN:}
     */
    public record EnrolmentChanges(List<FieldChange> changes, List<String> messages) {
    }

    /**
     * Loads what a chunk of users file lines needs: its courses, the known users' standing in them, groups.
     *
     * @param wanted   the course values of the chunk, per identifier
     * @param userKeys for each known user (its id) the course values of its line
     */
    public Chunk prepare(DSLContext tx, Map<CourseKey, Set<String>> wanted,
                         Map<Long, List<CourseEnrolment>> userKeys, boolean anyGroup) {
        if (site == null) {
            site = EnrolSite.load(dsl, null);
            ops = new EnrolmentOps(site);
            lines = new EnrolLineWriter(ops, EnrolSyncOptions.defaults());
        }
        Courses courses = Courses.load(tx, site, wanted);
        EnrolState state = new EnrolState();
        List<EnrolState.Pair> pairs = new ArrayList<>();
        userKeys.forEach((user, enrolments) -> {
            for (CourseEnrolment e : enrolments) {
                try {
                    pairs.add(new EnrolState.Pair(user, courses.find(e.courseKey(), e.course(), "cid").id()));
                } catch (LineRejected r) {
                    // the line fails when applied
                }
            }
        });
        state.preload(tx, pairs, courses);
        if (anyGroup) {
            state.preloadGroups(tx, courses.ids());
        }
        return new Chunk(courses, state);
    }

    /** The courses and state of one chunk. */
    public final class Chunk {
        private final Courses courses;
        private final EnrolState state;

        private Chunk(Courses courses, EnrolState state) {
            this.courses = courses;
            this.state = state;
        }

        /**
         * Checks what can be checked before the user is written: the courses exist, the roles exist and are
         * assignable in courses, the methods may be used, ends come after starts.
         *
         * @throws LineRejected naming the users file column
         */
        public void check(List<CourseEnrolment> enrolments) {
            for (CourseEnrolment e : enrolments) {
                int n = e.index();
                try {
                    courses.find(e.courseKey(), e.course(), "cid");
                    if (e.role() != null) {
                        site.courseRole(e.role(), "rolename");
                    }
                    if (!e.roleOnly()) {
                        ops.checkMethod(e.method(), "enrol");
                    }
                    if (e.timeStart() != null && e.timeEnd() != null) {
                        long start = e.timeStart().toEpochSecond(site.zone());
                        long end = e.timeEnd().toEpochSecond(site.zone());
                        if (end != 0 && end <= start) {
                            throw new LineRejected("endtime", "the enrolment would end (" + end
                                    + ") before it starts (" + start + ")");
                        }
                    }
                } catch (LineRejected r) {
                    throw new LineRejected(usersColumn(r.column(), n), "course" + n + ": " + r.getMessage());
                }
            }
        }

        /** A new line's view of the chunk's state; the caller commits it when the line succeeds. */
        public EnrolState.Line begin() {
            return state.begin();
        }

        /**
         * Applies a line's enrolments for a user just written (its id, or a dry run's negative placeholder).
         *
         * @throws LineRejected naming the users file column ({@code course1}, {@code role1}, …)
         */
        public EnrolmentChanges apply(DSLContext tx, long userId, List<CourseEnrolment> enrolments, EnrolState.Line view,
                             long now, boolean dryRun) {
            List<FieldChange> changes = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            for (CourseEnrolment e : enrolments) {
                int n = e.index();
                LineWork w = new LineWork(tx, view, now, dryRun, "course" + n + ".");
                try {
                    CourseRef course = courses.find(e.courseKey(), e.course(), "cid");
                    lines.apply(w, e.toCommand("#" + userId), userId, course, courses);
                } catch (LineRejected r) {
                    throw new LineRejected(usersColumn(r.column(), n), "course" + n + ": " + r.getMessage());
                }
                w.finish(site);
                changes.addAll(w.changes());
                messages.addAll(w.messages());
            }
            return new EnrolmentChanges(changes, messages);
        }
    }

    /** The users file column of an enrolment file column, for enrolment N. */
    static String usersColumn(String column, int n) {
        if (column == null) {
            return "course" + n;
        }
        return switch (column) {
            case "rolename" -> "role" + n;
            case "enrol" -> "enrol" + n;
            case "starttime" -> "start" + n;
            case "endtime" -> "end" + n;
            case "gcmd", "g1" -> "group" + n;
            default -> "course" + n;
        };
    }
}
