package org.moodlesync.jooq.internal.group;

import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.command.group.MemberAction;
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
import org.moodlesync.jooq.internal.enrol.LineWork;
import org.moodlesync.jooq.internal.enrol.Participation;
import org.moodlesync.jooq.internal.enrol.SetWiseLines;
import org.moodlesync.jooq.internal.enrol.Users;
import org.moodlesync.jooq.internal.support.ChunkReplay;
import org.moodlesync.jooq.internal.support.TableStatistics;

/**
 * The group members file writer (tool_sync §7.2 with its intended semantics): add, delete, and shift (the user
 * leaves the course's other groups and joins this one). Memberships are manual ones (component {@code ''}); a member
 * must be enrolled in the course. One transaction per chunk; users, courses, groups and the users' memberships loaded
 * in batches first; new memberships written set-wise, removals in a savepoint per line ({@link SetWiseLines}). A
 * chunk the database refuses is rolled back and replayed line by line.
 */
public final class JooqGroupMemberWriter implements CommandWriter<GroupMemberCommand> {

    private final TableStatistics statistics;
    private final DSLContext dsl;
    private final GroupSyncOptions options;
    private final EnrolSite site;
    private final EnrolmentOps ops;

    public JooqGroupMemberWriter(DSLContext dsl, GroupSyncOptions options) {
        this.dsl = dsl;
        this.statistics = TableStatistics.on(dsl);
        this.options = options;
        this.site = EnrolSite.load(dsl, null);
        this.ops = new EnrolmentOps(site);
    }

    @Override
    public List<LineResult> write(List<CommandLine<GroupMemberCommand>> chunk, WriteContext context) {
        // statistics refreshed after each commit (see TableStatistics)
        return ChunkReplay.write(dsl, chunk, context, (tx, part) -> writeChunk(tx, part, context),
                statistics::refreshGrown,
                (line, reason) -> LineFailures.failed(line.ref(), entity(line.command()), null, reason));
    }

    private List<LineResult> writeChunk(DSLContext tx, List<CommandLine<GroupMemberCommand>> chunk,
                                        WriteContext context) {
        List<GroupMemberCommand> commands = chunk.stream().map(CommandLine::command).toList();
        Users users = Users.load(tx, site, options.userKey(),
                commands.stream().map(GroupMemberCommand::user).toList());
        Map<CourseKey, Set<String>> wanted = Courses.wanted();
        commands.forEach(c -> Courses.want(wanted, options.courseKey(), c.course()));
        Courses courses = Courses.load(tx, site, wanted);
        Map<Long, Long> courseOfGroup = new HashMap<>();
        if (options.groupKey() == GroupKey.ID) {
            Set<Long> ids = new HashSet<>();
            commands.stream().map(GroupMemberCommand::group).filter(g -> g.matches("\\d{1,18}"))
                    .forEach(g -> ids.add(Long.valueOf(g)));
            if (!ids.isEmpty()) {
                tx.select(MDL_GROUPS.ID, MDL_GROUPS.COURSEID).from(MDL_GROUPS).where(MDL_GROUPS.ID.in(ids))
                        .forEach(r -> courseOfGroup.put(r.value1(), r.value2()));
                courses.loadIds(tx, courseOfGroup.values());
            }
        }
        EnrolState state = new EnrolState().groupsOnly();
        Set<EnrolState.Pair> pairs = new HashSet<>();
        for (GroupMemberCommand c : commands) {
            try {
                long user = users.find(c.user(), "userid").id();
                Long course = c.course() != null ? Long.valueOf(courses.find(options.courseKey(), c.course(),
                        "courseid").id()) : c.group().matches("\\d{1,18}")
                        ? courseOfGroup.get(Long.valueOf(c.group())) : null;
                if (course != null) {
                    pairs.add(new EnrolState.Pair(user, course));
                }
            } catch (LineRejected e) {
                // the line fails when applied
            }
        }
        state.preload(tx, pairs, courses);
        state.preloadGroups(tx, courses.ids());
        SetWiseLines set = new SetWiseLines(tx, site, state, context.now(), context.dryRun(), false,
                statistics);
        List<LineResult> results = new ArrayList<>(chunk.size());
        for (CommandLine<GroupMemberCommand> line : chunk) {
            GroupMemberCommand c = line.command();
            results.add(set.apply(line.ref(), entity(c), w -> applyLine(w, c, users, courses, courseOfGroup)));
        }
        set.flush();
        return results;
    }

    private static String entity(GroupMemberCommand c) {
        return "member " + c.user() + " of " + c.group() + (c.course() == null ? "" : " in " + c.course());
    }

    private Outcome applyLine(LineWork w, GroupMemberCommand c, Users users, Courses courses,
                              Map<Long, Long> courseOfGroup) {
        Users.UserRef user = users.find(c.user(), "userid");
        CourseRef course;
        CourseGroups.Item group;
        if (options.groupKey() == GroupKey.ID) {
            if (!c.group().matches("\\d{1,18}")) {
                throw new LineRejected("groupid", "not a group id: " + c.group());
            }
            long groupId = Long.parseLong(c.group());
            Long courseId = courseOfGroup.get(groupId);
            if (courseId == null) {
                throw new LineRejected("groupid", "no group with id " + groupId);
            }
            course = courses.byId(courseId, "groupid");
            if (c.course() != null) {
                CourseRef named = courses.find(options.courseKey(), c.course(), "courseid");
                if (named.id() != course.id()) {
                    throw new LineRejected("groupid", "group " + groupId + " is not a group of course "
                            + named.label() + " but of " + course.label());
                }
            }
            group = w.state().groups(w.dsl(), course.id()).groupById(groupId);
        } else {
            if (c.course() == null) {
                throw new LineRejected("courseid", "a course is needed to find a group by its "
                        + options.groupKey().column());
            }
            course = courses.find(options.courseKey(), c.course(), "courseid");
            CourseGroups groups = w.state().groups(w.dsl(), course.id());
            group = options.groupKey() == GroupKey.NAME ? groups.groupByName(c.group(), "groupid")
                    : groups.groupByIdnumber(c.group(), "groupid");
        }
        if (group == null) {
            throw new LineRejected("groupid", "course " + course.label() + " has no group with "
                    + options.groupKey().column() + " " + c.group());
        }
        Participation p = w.state().participation(w.dsl(), user.id(), course.id());
        if (c.action() == MemberAction.DELETE) {
            if (ops.leave(w, p, group, true, "groupid")) {
                return Outcome.DELETED;
            }
            w.message("not a member: nothing to remove");
            return Outcome.UNCHANGED;
        }
        if (!p.enrolled()) {
            throw new LineRejected("userid", "user " + user.username() + " is not enrolled in course "
                    + course.label() + ": only enrolled users can join its groups");
        }
        boolean left = false;
        if (c.action() == MemberAction.SHIFT) {
            for (CourseGroups.Item other : w.state().groups(w.dsl(), course.id()).groups()) {
                if (other.id() != group.id()) {
                    left |= ops.leave(w, p, other, false, "groupid");
                }
            }
        }
        boolean joined = ops.join(w, p, course, group, "groupid");
        if (joined && !left) {
            return Outcome.CREATED;
        }
        return joined || left ? Outcome.UPDATED : Outcome.UNCHANGED;
    }
}
