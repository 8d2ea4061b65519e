package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.moodlesync.jooq.internal.support.LineRejected;

/** The groups and groupings of one course, and which group is in which grouping. */
public final class CourseGroups {

    /**
     * A {@code groups} or {@code groupings} row.
     *
     * @param id          row id (negative: created by a dry run only)
     * @param name        name
     * @param idnumber    idnumber ('' when none)
     * @param description description, or null
     */
    public record Item(long id, String name, String idnumber, String description) {
    }

    /**
     * A {@code groupings_groups} row.
     *
     * @param groupingId grouping
     * @param groupId    group
     */
    public record Link(long groupingId, long groupId) {
    }

    final long courseId;
    final List<Item> groups = new ArrayList<>();
    final List<Item> groupings = new ArrayList<>();
    final Set<Link> links = new HashSet<>();

    CourseGroups(long courseId) {
        this.courseId = courseId;
    }

    CourseGroups copy() {
        CourseGroups c = new CourseGroups(courseId);
        c.groups.addAll(groups);
        c.groupings.addAll(groupings);
        c.links.addAll(links);
        return c;
    }

    /** The group with this name (exactly), or null; several is an error naming the column. */
    public Item groupByName(String name, String column) {
        return single(groups, name, true, "groups", column);
    }

    /** The group with this idnumber, or null. */
    public Item groupByIdnumber(String idnumber, String column) {
        return single(groups, idnumber, false, "groups", column);
    }

    /** The group with this id, or null. */
    public Item groupById(long id) {
        return groups.stream().filter(g -> g.id() == id).findFirst().orElse(null);
    }

    /** The grouping with this name, or null. */
    public Item groupingByName(String name, String column) {
        return single(groupings, name, true, "groupings", column);
    }

    /** The grouping with this idnumber, or null. */
    public Item groupingByIdnumber(String idnumber, String column) {
        return single(groupings, idnumber, false, "groupings", column);
    }

    /** The grouping with this id, or null. */
    public Item groupingById(long id) {
        return groupings.stream().filter(g -> g.id() == id).findFirst().orElse(null);
    }

    /** The groups of the course. */
    public List<Item> groups() {
        return List.copyOf(groups);
    }

    void replaceGroup(Item before, Item after) {
        groups.set(groups.indexOf(before), after);
    }

    void replaceGrouping(Item before, Item after) {
        groupings.set(groupings.indexOf(before), after);
    }

    private static Item single(List<Item> items, String value, boolean byName, String what, String column) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        List<Item> found = items.stream().filter(i -> Objects.equals(byName ? i.name() : i.idnumber(), value))
                .toList();
        if (found.size() > 1) {
            throw new LineRejected(column, found.size() + " " + what + " of the course have the "
                    + (byName ? "name " : "idnumber ") + value + ": cannot tell which one the line means");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
