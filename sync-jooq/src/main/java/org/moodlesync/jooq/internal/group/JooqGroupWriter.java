package org.moodlesync.jooq.internal.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.group.GroupAction;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.command.group.GroupType;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.enrol.CourseGroups;
import org.moodlesync.jooq.internal.enrol.CourseRef;
import org.moodlesync.jooq.internal.enrol.Courses;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.internal.enrol.EnrolSite;
import org.moodlesync.jooq.internal.enrol.EnrolState;
import org.moodlesync.jooq.internal.enrol.EnrolmentOps;
import org.moodlesync.jooq.internal.enrol.GroupOps;
import org.moodlesync.jooq.internal.enrol.LineWork;
import org.moodlesync.jooq.internal.support.ChunkRetry;

/**
 * The groups and groupings file writer (tool_sync §7.1 with its intended semantics): one transaction per chunk, one
 * savepoint per line, the chunk's courses and their groups, groupings and links loaded in batches first. New groups
 * and groupings are created in the line's own course (tool_sync's update mode wrote the course's text as its id);
 * {@code selfgrouping} puts the group into its grouping; nothing is purged.
 */
public final class JooqGroupWriter implements CommandWriter<GroupCommand> {

    private final DSLContext dsl;
    private final GroupSyncOptions options;
    private final EnrolSite site;
    private final GroupOps ops;

    public JooqGroupWriter(DSLContext dsl, GroupSyncOptions options) {
        this.dsl = dsl;
        this.options = options;
        this.site = EnrolSite.load(dsl, null);
        this.ops = new GroupOps(new EnrolmentOps(site));
    }

    @Override
    public List<LineResult> write(List<CommandLine<GroupCommand>> chunk, WriteContext context) {
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry)
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(),
                () -> dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Map<CourseKey, Set<String>> wanted = Courses.wanted();
            chunk.forEach(l -> Courses.want(wanted, options.courseKey(), l.command().course()));
            Courses courses = Courses.load(tx, site, wanted);
            EnrolState state = new EnrolState();
            state.preloadGroups(tx, courses.ids());
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (CommandLine<GroupCommand> line : chunk) {
                results.add(apply(tx, line, courses, state, context));
            }
            return results;
        }));
    }

    private record Done(LineWork work, Outcome outcome) {
    }

    private LineResult apply(DSLContext tx, CommandLine<GroupCommand> line, Courses courses, EnrolState state,
                             WriteContext context) {
        GroupCommand c = line.command();
        String what = c.type() == GroupType.GROUP ? "group" : "grouping";
        String entity = what + " " + (c.name() != null && !c.name().isEmpty() ? c.name() : c.idnumber()) + " in "
                + c.course();
        EnrolState.Line view = state.begin();
        try {
            Done done = tx.transactionResult(savepoint -> {
                LineWork w = new LineWork(DSL.using(savepoint), view, context.now(), context.dryRun(), "");
                CourseRef course = courses.find(options.courseKey(), c.course(), "courseid");
                CourseGroups groups = w.state().groups(w.dsl(), course.id());
                Outcome outcome = c.action() == GroupAction.DELETE ? delete(w, c, course, groups)
                        : createOrUpdate(w, c, course, groups);
                return new Done(w, outcome);
            });
            view.commit();
            return LineResult.of(line.ref(), entity, done.outcome(), context.dryRun(), done.work().changes(),
                    done.work().messages());
        } catch (LineRejected e) {
            return LineFailures.rejected(line.ref(), entity, e);
        } catch (DataAccessException e) {
            return LineFailures.refused(line.ref(), entity, e);
        }
    }

    /** The existing group or grouping a line means (see {@link GroupCommand}), or null. */
    private CourseGroups.Item find(GroupCommand c, CourseRef course, CourseGroups groups) {
        boolean grouping = c.type() == GroupType.GROUPING;
        if (c.updateId() != null) {
            GroupKey key = grouping ? options.groupingKey() : options.groupKey();
            CourseGroups.Item found = switch (key) {
                case ID -> byId(c.updateId(), grouping, groups);
                case IDNUMBER -> grouping ? groups.groupingByIdnumber(c.updateId(), "updateid")
                        : groups.groupByIdnumber(c.updateId(), "updateid");
                case NAME -> grouping ? groups.groupingByName(c.updateId(), "updateid")
                        : groups.groupByName(c.updateId(), "updateid");
            };
            if (found != null) {
                return found;
            }
        }
        if (c.idnumber() != null && !c.idnumber().isEmpty()) {
            CourseGroups.Item found = grouping ? groups.groupingByIdnumber(c.idnumber(), "idnumber")
                    : groups.groupByIdnumber(c.idnumber(), "idnumber");
            if (found != null || c.action() == GroupAction.DELETE) {
                return found;
            }
        }
        if (c.name() == null || c.name().isEmpty()) {
            return null;
        }
        return grouping ? groups.groupingByName(c.name(), "name") : groups.groupByName(c.name(), "name");
    }

    private static CourseGroups.Item byId(String value, boolean grouping, CourseGroups groups) {
        if (!value.matches("\\d{1,18}")) {
            throw new LineRejected("updateid", "not an id: " + value);
        }
        long id = Long.parseLong(value);
        CourseGroups.Item found = grouping ? groups.groupingById(id) : groups.groupById(id);
        return found;
    }

    private Outcome createOrUpdate(LineWork w, GroupCommand c, CourseRef course, CourseGroups groups) {
        boolean grouping = c.type() == GroupType.GROUPING;
        if (!grouping && c.name().length() > 254) {
            throw new LineRejected("name", "a group name has 254 characters at most");
        }
        CourseGroups.Item item = find(c, course, groups);
        boolean created = item == null;
        if (created) {
            item = grouping ? ops.createGrouping(w, groups, course, c.name(), c.idnumber(), c.description())
                    : ops.createGroup(w, groups, course, c.name(), c.idnumber(), c.description());
        } else {
            item = ops.update(w, groups, course, grouping, item, c.name(), c.idnumber(), c.description());
        }
        if (c.selfGrouping()) {
            CourseGroups.Item own = groups.groupingByName(item.name(), "selfgrouping");
            if (own == null) {
                String idn = item.idnumber().isEmpty() || groups.groupingByIdnumber(item.idnumber(), "idnumber") != null
                        ? "" : item.idnumber();
                own = ops.createOwnGrouping(w, groups, course, item.name(), idn, item.description());
            }
            ops.link(w, groups, own, item);
        }
        if (c.grouping() != null) {
            CourseGroups.Item target = groups.groupingByIdnumber(c.grouping(), "grouping");
            if (target == null) {
                target = groups.groupingByName(c.grouping(), "grouping");
            }
            if (target == null) {
                throw new LineRejected("grouping", "course " + course.label() + " has no grouping with idnumber or"
                        + " name " + c.grouping() + " (create it on an earlier line, type grouping)");
            }
            ops.link(w, groups, target, item);
        }
        if (created) {
            return Outcome.CREATED;
        }
        return w.changed() ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    private Outcome delete(LineWork w, GroupCommand c, CourseRef course, CourseGroups groups) {
        CourseGroups.Item item = find(c, course, groups);
        if (item == null) {
            w.message("no such " + (c.type() == GroupType.GROUP ? "group" : "grouping") + ": nothing to delete");
            return Outcome.UNCHANGED;
        }
        if (c.type() == GroupType.GROUP) {
            ops.deleteGroup(w, groups, course, item);
        } else {
            ops.deleteGrouping(w, groups, course, item);
        }
        return Outcome.DELETED;
    }

}
