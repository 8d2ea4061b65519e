package org.moodlesync.jooq.internal.course;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;

/**
 * What an update does to the course's sections, worked out by {@link #of}.
 *
 * @param create new normal sections by the number they get
 * @param update existing normal sections the line names or describes, by number
 * @param moves  existing sections (delegated ones) moved up: old number to new
 * @param marker the highlighted section after the moves (null: unchanged)
 * @param last   the highest section number afterwards, delegated sections included (as format_weeks'
 *               {@code update_end_date} takes {@code MAX(section)})
 */
record SectionPlan(Map<Long, CourseSection> create, Map<Long, CourseSection> update, Map<Long, Long> moves,
                   Long marker, long last) {

    /**
     * Sections to create (normal sections missing up to numsections and those named), to update (named, existing
     * normal ones) and to move, as Moodle's {@code sectionactions::create_if_missing} does: numsections and topicN
     * count normal sections only. Where delegated sections (Moodle 4.4+, {@code component} set) exist, each new
     * normal section is added after the last section and moved to its number ({@code move_section_to}): the
     * sections from that number on, the delegated ones, move one up, and the course's highlighted section with
     * them. A delegated section is never renamed nor given a summary.
     */
    static SectionPlan of(CourseCommand c, Map<Long, MdlCourseSectionsRecord> existing, Long marker,
                          long maxSections) {
        Map<Long, CourseSection> update = new TreeMap<>();
        long highest = c.numsections() == null ? -1 : c.numsections();
        for (Integer n : c.sections().keySet()) {
            highest = Math.max(highest, n);
        }
        if (highest > maxSections) {
            throw new LineRejected(c.numsections() != null && c.numsections() == highest ? "numsections"
                    : "topic" + highest, "section " + highest + " is above the site's maximum number of sections ("
                    + maxSections + ")");
        }
        Map<Long, MdlCourseSectionsRecord> normal = new TreeMap<>();
        boolean delegation = false;
        for (MdlCourseSectionsRecord s : existing.values()) {
            if (CourseStructure.delegated(s)) {
                delegation = true;
            } else {
                normal.put(s.getSection(), s);
            }
        }
        Map<Long, CourseSection> wanted = new TreeMap<>();
        for (long i = 0; i <= highest; i++) {
            CourseSection named = c.sections().get((int) i);
            if (!normal.containsKey(i)) {
                wanted.put(i, named);
            } else if (named != null) {
                update.put(i, named);
            }
        }
        if (!normal.containsKey(0L)) {
            wanted.putIfAbsent(0L, null);
        }

        // the course's sections in number order: existing rows (by their number) and the new ones
        List<Slot> slots = new ArrayList<>();
        existing.values().stream().sorted(Comparator.comparing(MdlCourseSectionsRecord::getSection)
                .thenComparing(MdlCourseSectionsRecord::getId)).forEach(s -> slots.add(new Slot(s, null, s.getSection())));
        Long newMarker = marker;
        for (Map.Entry<Long, CourseSection> w : wanted.entrySet()) {
            long position = w.getKey();
            Slot added = new Slot(null, w.getValue(), position);
            if (!delegation || position == 0) {
                // no delegated section: Moodle inserts the section at its number (create with skipcheck)
                slots.add(added);
                slots.sort(Comparator.comparingLong(Slot::number));
                continue;
            }
            long last = slots.stream().mapToLong(Slot::number).max().orElse(-1);
            added.number = last + 1;
            if (position > last) {
                slots.add(added);
                continue;
            }
            // move_section_to(last + 1 -> position): before the section numbered position (at the end without
            // one), then every section renumbered from 0
            int at = slots.size();
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).number == position) {
                    at = i;
                    break;
                }
            }
            slots.add(at, added);
            for (int i = 0; i < slots.size(); i++) {
                slots.get(i).number = i;
            }
            if (newMarker != null) {
                long origin = last + 1;
                if (newMarker == origin) {
                    newMarker = position;
                } else if (origin > newMarker && newMarker >= position) {
                    newMarker = newMarker + 1;
                }
            }
        }
        Map<Long, CourseSection> create = new TreeMap<>();
        Map<Long, Long> moves = new TreeMap<>();
        long lastSection = 0;
        for (Slot slot : slots) {
            lastSection = Math.max(lastSection, slot.number);
            if (slot.row == null) {
                create.put(slot.number, slot.created);
            } else if (slot.row.getSection() != slot.number) {
                moves.put(slot.row.getSection(), slot.number);
            }
        }
        return new SectionPlan(create, update, moves,
                newMarker != null && !newMarker.equals(marker) ? newMarker : null, lastSection);
    }

    /** A section of the plan: an existing row or a new section, and the number it will have. */
    private static final class Slot {
        final MdlCourseSectionsRecord row;
        final CourseSection created;
        long number;

        Slot(MdlCourseSectionsRecord row, CourseSection created, long number) {
            this.row = row;
            this.created = created;
            this.number = number;
        }

        long number() {
            return number;
        }
    }
}
