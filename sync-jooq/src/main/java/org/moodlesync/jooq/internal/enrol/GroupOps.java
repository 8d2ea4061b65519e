package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_EVENT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;

import java.util.Objects;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * Moodle's group and grouping operations that the groups file needs, row for row as {@code groups_create_grouping},
 * {@code groups_update_group}, {@code groups_update_grouping}, {@code groups_assign_grouping},
 * {@code groups_delete_group} and {@code groups_delete_grouping} write them, on a line's {@link LineWork}.
 */
public final class GroupOps {

    private final EnrolmentOps enrolments;

    public GroupOps(EnrolmentOps enrolments) {
        this.enrolments = enrolments;
    }

    /** Creates a group (see {@link EnrolmentOps#createGroup}) and records it as a change. */
    public CourseGroups.Item createGroup(LineWork w, CourseGroups groups, CourseRef course, String name,
                                         String idnumber, String description) {
        CourseGroups.Item g = enrolments.createGroup(w, groups, course, name, idnumber, description, "name");
        recordNew(w, g);
        return g;
    }

    /**
     * Creates a grouping the line names (name unique in the course, idnumber unique in the course when not empty)
     * and records its values as the line's changes.
     */
    public CourseGroups.Item createGrouping(LineWork w, CourseGroups groups, CourseRef course, String name,
                                            String idnumber, String description) {
        CourseGroups.Item g = insertGrouping(w, groups, course, name, idnumber, description);
        recordNew(w, g);
        return g;
    }

    /**
     * Creates the grouping of a group's own name ({@code selfgrouping}): its values are the group's, so only a
     * message says it was made; the link to it is the line's change.
     */
    public CourseGroups.Item createOwnGrouping(LineWork w, CourseGroups groups, CourseRef course, String name,
                                               String idnumber, String description) {
        CourseGroups.Item g = insertGrouping(w, groups, course, name, idnumber, description);
        w.message("grouping " + name + " created");
        return g;
    }

    private CourseGroups.Item insertGrouping(LineWork w, CourseGroups groups, CourseRef course, String name,
                                             String idnumber, String description) {
        String idn = idnumber == null ? "" : idnumber;
        if (groups.groupingByName(name, "name") != null) {
            throw new LineRejected("name", "course " + course.label() + " already has a grouping named " + name);
        }
        if (!idn.isEmpty() && groups.groupingByIdnumber(idn, "idnumber") != null) {
            throw new LineRejected("idnumber", "course " + course.label()
                    + " already has a grouping with idnumber " + idn);
        }
        String desc = description == null ? "" : description;
        long id;
        if (w.dryRun) {
            id = w.state.placeholderId();
        } else {
            id = w.dsl.insertInto(MDL_GROUPINGS)
                    .set(MDL_GROUPINGS.COURSEID, course.id())
                    .set(MDL_GROUPINGS.NAME, name)
                    .set(MDL_GROUPINGS.IDNUMBER, idn)
                    .set(MDL_GROUPINGS.DESCRIPTION, desc)
                    .set(MDL_GROUPINGS.DESCRIPTIONFORMAT, (short) 1)
                    .set(MDL_GROUPINGS.TIMECREATED, w.now)
                    .set(MDL_GROUPINGS.TIMEMODIFIED, w.now)
                    .returningResult(MDL_GROUPINGS.ID).fetchOne().value1();
        }
        CourseGroups.Item g = new CourseGroups.Item(id, name, idn, desc);
        groups.groupings.add(g);
        return g;
    }

    private static void recordNew(LineWork w, CourseGroups.Item g) {
        w.change("name", null, g.name());
        if (!g.idnumber().isEmpty()) {
            w.change("idnumber", null, g.idnumber());
        }
        if (g.description() != null && !g.description().isEmpty()) {
            w.change("description", null, g.description());
        }
    }

    /**
     * Updates a group's or grouping's name, idnumber and description where given and different, keeping names and
     * idnumbers unique in the course.
     *
     * @return the item as it is afterwards
     */
    public CourseGroups.Item update(LineWork w, CourseGroups groups, CourseRef course, boolean grouping,
                                    CourseGroups.Item item, String name, String idnumber, String description) {
        String what = grouping ? "grouping" : "group";
        String newName = name == null || name.isEmpty() ? item.name() : name;
        String newIdnumber = idnumber == null ? item.idnumber() : idnumber;
        String newDescription = description == null ? item.description() : description;
        boolean nameChanged = !newName.equals(item.name());
        boolean idnumberChanged = !newIdnumber.equals(item.idnumber());
        boolean descriptionChanged = !Objects.equals(newDescription, item.description());
        if (!nameChanged && !idnumberChanged && !descriptionChanged) {
            return item;
        }
        if (nameChanged) {
            CourseGroups.Item other = grouping ? groups.groupingByName(newName, "name")
                    : groups.groupByName(newName, "name");
            if (other != null && other.id() != item.id()) {
                throw new LineRejected("name", "course " + course.label() + " already has a " + what + " named "
                        + newName);
            }
        }
        if (idnumberChanged && !newIdnumber.isEmpty()) {
            CourseGroups.Item other = grouping ? groups.groupingByIdnumber(newIdnumber, "idnumber")
                    : groups.groupByIdnumber(newIdnumber, "idnumber");
            if (other != null && other.id() != item.id()) {
                throw new LineRejected("idnumber", "course " + course.label() + " already has a " + what
                        + " with idnumber " + newIdnumber);
            }
        }
        if (!w.dryRun && item.id() > 0) {
            if (grouping) {
                w.dsl.update(MDL_GROUPINGS).set(MDL_GROUPINGS.NAME, newName).set(MDL_GROUPINGS.IDNUMBER, newIdnumber)
                        .set(MDL_GROUPINGS.DESCRIPTION, newDescription).set(MDL_GROUPINGS.TIMEMODIFIED, w.now)
                        .where(MDL_GROUPINGS.ID.eq(item.id())).execute();
            } else {
                w.dsl.update(MDL_GROUPS).set(MDL_GROUPS.NAME, newName).set(MDL_GROUPS.IDNUMBER, newIdnumber)
                        .set(MDL_GROUPS.DESCRIPTION, newDescription).set(MDL_GROUPS.TIMEMODIFIED, w.now)
                        .where(MDL_GROUPS.ID.eq(item.id())).execute();
            }
        }
        if (nameChanged) {
            w.change("name", item.name(), newName);
        }
        if (idnumberChanged) {
            w.change("idnumber", item.idnumber(), newIdnumber);
        }
        if (descriptionChanged) {
            w.change("description", item.description(), newDescription);
        }
        CourseGroups.Item after = new CourseGroups.Item(item.id(), newName, newIdnumber, newDescription);
        if (grouping) {
            groups.replaceGrouping(item, after);
        } else {
            groups.replaceGroup(item, after);
        }
        return after;
    }

    /**
     * Puts a group into a grouping ({@code groups_assign_grouping}); nothing when it is in it already.
     *
     * @return true when a row was written
     */
    public boolean link(LineWork w, CourseGroups groups, CourseGroups.Item grouping, CourseGroups.Item group) {
        CourseGroups.Link link = new CourseGroups.Link(grouping.id(), group.id());
        if (groups.links.contains(link)) {
            return false;
        }
        if (!w.dryRun) {
            w.dsl.insertInto(MDL_GROUPINGS_GROUPS)
                    .set(MDL_GROUPINGS_GROUPS.GROUPINGID, grouping.id())
                    .set(MDL_GROUPINGS_GROUPS.GROUPID, group.id())
                    .set(MDL_GROUPINGS_GROUPS.TIMEADDED, w.now)
                    .execute();
        }
        groups.links.add(link);
        w.change("grouping", null, grouping.name());
        return true;
    }

    /**
     * Deletes a group ({@code groups_delete_group}): its calendar events, grouping links, memberships, description
     * and picture files, and the group.
     */
    public void deleteGroup(LineWork w, CourseGroups groups, CourseRef course, CourseGroups.Item group) {
        if (!w.dryRun && group.id() > 0) {
            long id = group.id();
            w.dsl.deleteFrom(MDL_EVENT).where(MDL_EVENT.GROUPID.eq(id)).execute();
            w.dsl.deleteFrom(MDL_GROUPINGS_GROUPS).where(MDL_GROUPINGS_GROUPS.GROUPID.eq(id)).execute();
            int members = w.dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.GROUPID.eq(id)).execute();
            if (members > 0) {
                w.message(members + " membership(s) removed");
            }
            w.dsl.deleteFrom(MDL_FILES).where(MDL_FILES.CONTEXTID.eq(course.contextId()))
                    .and(MDL_FILES.COMPONENT.eq("group")).and(MDL_FILES.FILEAREA.in("description", "icon"))
                    .and(MDL_FILES.ITEMID.eq(id)).execute();
            w.dsl.deleteFrom(MDL_GROUPS).where(MDL_GROUPS.ID.eq(id)).execute();
        }
        groups.groups.remove(group);
        groups.links.removeIf(l -> l.groupId() == group.id());
        w.change("name", group.name(), null);
    }

    /**
     * Deletes a grouping ({@code groups_delete_grouping}): its links to groups, its use as the course's default
     * grouping and by activities, its description files, and the grouping. When activities used it, the course's
     * cache revision is raised so that Moodle rebuilds their cached settings.
     */
    public void deleteGrouping(LineWork w, CourseGroups groups, CourseRef course, CourseGroups.Item grouping) {
        if (!w.dryRun && grouping.id() > 0) {
            long id = grouping.id();
            w.dsl.deleteFrom(MDL_GROUPINGS_GROUPS).where(MDL_GROUPINGS_GROUPS.GROUPINGID.eq(id)).execute();
            w.dsl.update(MDL_COURSE).set(MDL_COURSE.DEFAULTGROUPINGID, 0L)
                    .where(MDL_COURSE.DEFAULTGROUPINGID.eq(id)).execute();
            int modules = w.dsl.update(MDL_COURSE_MODULES).set(MDL_COURSE_MODULES.GROUPINGID, 0L)
                    .where(MDL_COURSE_MODULES.GROUPINGID.eq(id)).execute();
            if (modules > 0) {
                bumpCacheRevision(w, course.id());
                w.message(modules + " activit" + (modules == 1 ? "y" : "ies") + " no longer restricted to it");
            }
            w.dsl.deleteFrom(MDL_FILES).where(MDL_FILES.CONTEXTID.eq(course.contextId()))
                    .and(MDL_FILES.COMPONENT.eq("grouping")).and(MDL_FILES.FILEAREA.eq("description"))
                    .and(MDL_FILES.ITEMID.eq(id)).execute();
            w.dsl.deleteFrom(MDL_GROUPINGS).where(MDL_GROUPINGS.ID.eq(id)).execute();
        }
        groups.groupings.remove(grouping);
        groups.links.removeIf(l -> l.groupingId() == grouping.id());
        w.change("name", grouping.name(), null);
    }

    /** Raises {@code course.cacherev} as Moodle's {@code increment_revision_number} does. */
    private static void bumpCacheRevision(LineWork w, long courseId) {
        Long old = w.dsl.select(MDL_COURSE.CACHEREV).from(MDL_COURSE).where(MDL_COURSE.ID.eq(courseId))
                .fetchOne(MDL_COURSE.CACHEREV);
        long now = w.now;
        long next = old == null || old < now || old > now + 3600 ? now : old + 1;
        w.dsl.update(MDL_COURSE).set(MDL_COURSE.CACHEREV, next).where(MDL_COURSE.ID.eq(courseId)).execute();
    }
}
