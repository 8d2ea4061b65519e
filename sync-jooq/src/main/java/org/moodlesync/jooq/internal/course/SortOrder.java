package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * Moodle's {@code fix_course_sortorder()} (lib/datalib.php), step by step on the same two tables: categories
 * numbered depth-first in steps of {@code MAX_COURSES_IN_CATEGORY} (their parent, depth and path repaired on the
 * way), stray front-page courses moved, the front page course at sortorder 1, {@code coursecount} recomputed,
 * course sortorders brought into their category's range and renumbered where they collide or leave gaps. Running
 * it once after a batch gives what running it after each insert gives.
 */
final class SortOrder {

    /** What the fix changed. */
    record Changes(boolean categories, boolean courses) {
        boolean any() {
            return categories || courses;
        }
    }

    private static final class Cat {
        final long id;
        long sortorder;
        long parent;
        long depth;
        String path;
        final Map<Long, Cat> children = new LinkedHashMap<>();

        Cat(long id, long sortorder, long parent, long depth, String path) {
            this.id = id;
            this.sortorder = sortorder;
            this.parent = parent;
            this.depth = depth;
            this.path = path;
        }
    }

    private static final long MAX = CourseSettings.MAX_COURSES_IN_CATEGORY;

    private SortOrder() {
    }

    static Changes fix(DSLContext dsl, SiteConfig site, long now) {
        boolean categoriesChanged = unsortedCategoriesToEnd(dsl);
        List<Cat> roots = categoryTree(dsl);
        categoriesChanged |= renumberCategories(dsl, site, roots, now);
        boolean coursesChanged = placeFrontPageCourses(dsl, roots);
        categoriesChanged |= recountCourses(dsl);
        categoriesChanged |= coursesIntoCategoryRanges(dsl);
        coursesChanged |= fixDuplicatesAndGaps(dsl);
        return new Changes(categoriesChanged, coursesChanged);
    }

    /** 1. Unsorted categories go to the end. */
    private static boolean unsortedCategoriesToEnd(DSLContext dsl) {
        var cc = MDL_COURSE_CATEGORIES;
        return dsl.update(cc).set(cc.SORTORDER, MAX * CourseSettings.MAX_COURSE_CATEGORIES)
                .where(cc.SORTORDER.eq(0L)).execute() > 0;
    }

    /**
     * 2a. The category tree, siblings in (sortorder, id) order, colliding sortorders bumped as Moodle does: the
     * top-level categories, then those whose parent is missing.
     */
    private static List<Cat> categoryTree(DSLContext dsl) {
        var cc = MDL_COURSE_CATEGORIES;
        Map<Long, Cat> all = new LinkedHashMap<>();
        for (Record r : dsl.select(cc.ID, cc.SORTORDER, cc.PARENT, cc.DEPTH, cc.PATH).from(cc)
                .orderBy(cc.SORTORDER, cc.ID).fetch()) {
            all.put(r.get(cc.ID), new Cat(r.get(cc.ID), r.get(cc.SORTORDER), r.get(cc.PARENT), r.get(cc.DEPTH),
                    r.get(cc.PATH)));
        }
        Map<Long, Cat> top = new LinkedHashMap<>();
        List<Cat> broken = new ArrayList<>();
        for (Cat cat : all.values()) {
            if (cat.parent == 0) {
                putBumped(top, cat);
                continue;
            }
            Cat parent = all.get(cat.parent);
            if (parent == null) {
                broken.add(cat);
                continue;
            }
            putBumped(parent.children, cat);
        }
        List<Cat> roots = new ArrayList<>(top.values());
        roots.addAll(broken);
        return roots;
    }

    /** Puts a category among its siblings at its sortorder, or the next free one above. */
    private static void putBumped(Map<Long, Cat> siblings, Cat cat) {
        long key = cat.sortorder;
        while (siblings.containsKey(key)) {
            key++;
        }
        siblings.put(key, cat);
    }

    /** 2b. The categories numbered depth-first, their place repaired, the contexts of moved ones rebuilt. */
    private static boolean renumberCategories(DSLContext dsl, SiteConfig site, List<Cat> roots, long now) {
        var cc = MDL_COURSE_CATEGORIES;
        List<Long> moved = new ArrayList<>();
        Updates placed = new Updates(dsl, dsl.update(cc).set(cc.SORTORDER, (Long) null).set(cc.PARENT, (Long) null)
                .set(cc.DEPTH, (Long) null).set(cc.PATH, (String) null).where(cc.ID.eq((Long) null)));
        boolean changed = walk(placed, roots, new long[] {0}, 0, 0, "", moved);
        placed.execute();
        if (!moved.isEmpty()) {
            rebuildCategoryContexts(dsl, site, moved, now);
        }
        return changed;
    }

    /** 3. Extra courses in category 0 go to the first top-level category; the front page course at 1. */
    private static boolean placeFrontPageCourses(DSLContext dsl, List<Cat> roots) {
        List<Long> front = dsl.select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.CATEGORY.eq(0L))
                .orderBy(MDL_COURSE.ID).fetch(MDL_COURSE.ID);
        if (front.isEmpty()) {
            return false;
        }
        boolean changed = false;
        long frontCourse = front.contains(1L) ? 1L : front.get(0);
        if (front.size() > 1 && !roots.isEmpty()) {
            for (long id : front) {
                if (id != frontCourse) {
                    dsl.update(MDL_COURSE).set(MDL_COURSE.CATEGORY, roots.get(0).id)
                            .where(MDL_COURSE.ID.eq(id)).execute();
                    changed = true;
                }
            }
        }
        if (dsl.update(MDL_COURSE).set(MDL_COURSE.SORTORDER, 1L).where(MDL_COURSE.ID.eq(frontCourse))
                .and(MDL_COURSE.SORTORDER.ne(1L)).execute() > 0) {
            changed = true;
        }
        return changed;
    }

    /** 4. Course counts. */
    private static boolean recountCourses(DSLContext dsl) {
        var cc = MDL_COURSE_CATEGORIES;
        var counted = DSL.count(MDL_COURSE.ID);
        boolean changed = false;
        Updates counts = new Updates(dsl, dsl.update(cc).set(cc.COURSECOUNT, (Long) null).where(cc.ID.eq((Long) null)));
        for (Record r : dsl.select(cc.ID, cc.COURSECOUNT, counted).from(cc)
                .leftJoin(MDL_COURSE).on(MDL_COURSE.CATEGORY.eq(cc.ID))
                .groupBy(cc.ID, cc.COURSECOUNT)
                .fetch()) {
            long count = r.get(counted).longValue();
            if (r.get(cc.COURSECOUNT) != count) {
                counts.add(count, r.get(cc.ID));
                changed = true;
            }
        }
        counts.execute();
        return changed;
    }

    /** 5. Course sortorders into their category's range. */
    private static boolean coursesIntoCategoryRanges(DSLContext dsl) {
        var cc = MDL_COURSE_CATEGORIES;
        boolean changed = false;
        Updates ranges = new Updates(dsl, dsl.update(MDL_COURSE).set(MDL_COURSE.SORTORDER,
                MDL_COURSE.SORTORDER.mod(DSL.inline(MAX)).plus((Long) null)).where(MDL_COURSE.CATEGORY.eq((Long) null)));
        for (Record r : dsl.selectDistinct(cc.ID, cc.SORTORDER).from(cc)
                .join(MDL_COURSE).on(MDL_COURSE.CATEGORY.eq(cc.ID))
                .where(MDL_COURSE.SORTORDER.lt(cc.SORTORDER).or(MDL_COURSE.SORTORDER.gt(cc.SORTORDER.plus(MAX))))
                .fetch()) {
            ranges.add(r.get(cc.SORTORDER), r.get(cc.ID));
            changed = true;
        }
        ranges.execute();
        return changed;
    }

    /**
     * 6. Duplicates and gaps: categories whose courses are merely one too low are shifted up by one; those with
     * duplicate sortorders or other gaps renumbered.
     */
    private static boolean fixDuplicatesAndGaps(DSLContext dsl) {
        Set<Long> fix = categoriesWithDuplicates(dsl);
        boolean changed = shiftOrCollectGaps(dsl, fix);
        if (renumberCourses(dsl, fix)) {
            changed = true;
        }
        return changed;
    }

    private static Set<Long> categoriesWithDuplicates(DSLContext dsl) {
        var c1 = MDL_COURSE.as("c1");
        var c2 = MDL_COURSE.as("c2");
        return new HashSet<>(dsl.selectDistinct(c1.CATEGORY).from(c1)
                .join(c2).on(c1.SORTORDER.eq(c2.SORTORDER))
                .join(MDL_COURSE_CATEGORIES).on(c1.CATEGORY.eq(MDL_COURSE_CATEGORIES.ID))
                .where(c1.ID.ne(c2.ID))
                .fetch(c1.CATEGORY));
    }

    /**
     * Categories whose courses do not fill their range from sortorder + 1: shifted up by one when that is all
     * they need, else added to {@code fix}.
     */
    private static boolean shiftOrCollectGaps(DSLContext dsl, Set<Long> fix) {
        var cc = MDL_COURSE_CATEGORIES;
        boolean changed = false;
        Updates ones = new Updates(dsl, dsl.update(MDL_COURSE).set(MDL_COURSE.SORTORDER,
                MDL_COURSE.SORTORDER.plus(DSL.inline(1L))).where(MDL_COURSE.CATEGORY.eq((Long) null)));
        var maxSort = DSL.max(MDL_COURSE.SORTORDER);
        var minSort = DSL.min(MDL_COURSE.SORTORDER);
        for (Record r : dsl.select(cc.ID, cc.SORTORDER, cc.COURSECOUNT, maxSort, minSort).from(cc)
                .join(MDL_COURSE).on(MDL_COURSE.CATEGORY.eq(cc.ID))
                .groupBy(cc.ID, cc.SORTORDER, cc.COURSECOUNT)
                .having(maxSort.ne(cc.SORTORDER.plus(cc.COURSECOUNT)).or(minSort.ne(cc.SORTORDER.plus(1L))))
                .fetch()) {
            long id = r.get(cc.ID);
            long catSort = r.get(cc.SORTORDER);
            long count = r.get(cc.COURSECOUNT);
            if (fix.contains(id)) {
                // duplicates found already
            } else if (r.get(minSort) == catSort && r.get(maxSort) == catSort + count - 1) {
                ones.add(id);
            } else {
                fix.add(id);
            }
            changed = true;
        }
        ones.execute();
        return changed;
    }

    /**
     * The categories to renumber, each course in (sortorder, id desc) order: read in parts of 1000 categories,
     * written in two batches.
     */
    private static boolean renumberCourses(DSLContext dsl, Set<Long> fix) {
        Updates shifts = new Updates(dsl, dsl.update(MDL_COURSE).set(MDL_COURSE.SORTORDER,
                MDL_COURSE.SORTORDER.plus((Long) null)).where(MDL_COURSE.CATEGORY.eq((Long) null))
                .and(MDL_COURSE.SORTORDER.between((Long) null, (Long) null)));
        Updates renumber = new Updates(dsl, dsl.update(MDL_COURSE).set(MDL_COURSE.SORTORDER, (Long) null)
                .where(MDL_COURSE.ID.eq((Long) null)));
        boolean changed = false;
        List<Long> categories = new ArrayList<>(new TreeSet<>(fix));
        for (int from = 0; from < categories.size(); from += 1000) {
            List<Long> part = categories.subList(from, Math.min(categories.size(), from + 1000));
            for (Map.Entry<Long, List<long[]>> c : wantedSortorders(dsl, part).entrySet()) {
                if (renumber(c.getKey(), c.getValue(), shifts, renumber)) {
                    changed = true;
                }
            }
        }
        shifts.execute();
        renumber.execute();
        return changed;
    }

    /** The courses of these categories, category -> {id, sortorder, wanted sortorder} in renumbering order. */
    private static Map<Long, List<long[]>> wantedSortorders(DSLContext dsl, List<Long> part) {
        var cc = MDL_COURSE_CATEGORIES;
        Map<Long, Long> catSorts = new HashMap<>();
        dsl.select(cc.ID, cc.SORTORDER).from(cc).where(cc.ID.in(part))
                .forEach(r -> catSorts.put(r.value1(), r.value2()));
        Map<Long, List<long[]>> courses = new LinkedHashMap<>();
        for (Record r : dsl.select(MDL_COURSE.ID, MDL_COURSE.CATEGORY, MDL_COURSE.SORTORDER).from(MDL_COURSE)
                .where(MDL_COURSE.CATEGORY.in(part))
                .orderBy(MDL_COURSE.CATEGORY.asc(), MDL_COURSE.SORTORDER.asc(), MDL_COURSE.ID.desc()).fetch()) {
            long category = r.get(MDL_COURSE.CATEGORY);
            List<long[]> rows = courses.computeIfAbsent(category, k -> new ArrayList<>());
            rows.add(new long[] {r.get(MDL_COURSE.ID), r.get(MDL_COURSE.SORTORDER),
                    catSorts.get(category) + rows.size() + 1});
        }
        return courses;
    }

    /**
     * The writes that give a category's courses their wanted sortorders. Runs of courses that all move up by the
     * same amount, and are alone in their range of sortorders, are shifted with one update each (the highest run
     * first, so no shifted course lands in a range still to shift); the other courses are set one by one, after the
     * shifts. The result is the same as setting every course one by one.
     */
    private static boolean renumber(long category, List<long[]> rows, Updates shifts, Updates renumber) {
        boolean anyDown = rows.stream().anyMatch(r -> r[2] < r[1]);
        List<long[]> runs = new ArrayList<>(); // {first index, last index}
        boolean changed = false;
        int i = 0;
        while (i < rows.size()) {
            long delta = rows.get(i)[2] - rows.get(i)[1];
            if (delta == 0) {
                i++;
                continue;
            }
            changed = true;
            int j = i;
            while (j + 1 < rows.size() && rows.get(j + 1)[2] - rows.get(j + 1)[1] == delta) {
                j++;
            }
            boolean alone = (i == 0 || rows.get(i - 1)[1] < rows.get(i)[1])
                    && (j == rows.size() - 1 || rows.get(j + 1)[1] > rows.get(j)[1]);
            if (!anyDown && alone && j > i) {
                runs.add(new long[] {i, j});
            } else {
                for (int k = i; k <= j; k++) {
                    renumber.add(rows.get(k)[2], rows.get(k)[0]);
                }
            }
            i = j + 1;
        }
        for (int r = runs.size() - 1; r >= 0; r--) {
            long[] run = runs.get(r);
            long[] first = rows.get((int) run[0]);
            long[] last = rows.get((int) run[1]);
            shifts.add(first[2] - first[1], category, first[1], last[1]);
        }
        return changed;
    }

    /** One update statement run for many rows as JDBC batches, in the order added, when executed. */
    private static final class Updates {
        private static final int BATCH = 1000;
        private final DSLContext dsl;
        private final org.jooq.Query query;
        private final List<Object[]> rows = new ArrayList<>();

        Updates(DSLContext dsl, org.jooq.Query query) {
            this.dsl = dsl;
            this.query = query;
        }

        void add(Object... values) {
            rows.add(values);
        }

        void execute() {
            for (int from = 0; from < rows.size(); from += BATCH) {
                BatchBindStep batch = dsl.batch(query);
                for (Object[] values : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                    batch = batch.bind(values);
                }
                batch.execute();
            }
            rows.clear();
        }
    }

    /** Moodle's {@code _fix_course_cats}: numbers the categories depth-first and repairs parent, depth and path. */
    private static boolean walk(Updates updates, List<Cat> children, long[] sortorder, long parent, long depth,
                                String path, List<Long> moved) {
        depth++;
        boolean changed = false;
        for (Cat cat : children) {
            sortorder[0] += MAX;
            boolean update = false;
            String wantedPath = path + "/" + cat.id;
            if (parent != cat.parent || depth != cat.depth || !wantedPath.equals(cat.path)) {
                cat.parent = parent;
                cat.depth = depth;
                cat.path = wantedPath;
                update = true;
                moved.add(cat.id);
            }
            if (cat.sortorder != sortorder[0]) {
                cat.sortorder = sortorder[0];
                update = true;
            }
            if (update) {
                updates.add(cat.sortorder, cat.parent, cat.depth, cat.path, cat.id);
                changed = true;
            }
            if (!cat.children.isEmpty() && walk(updates, new ArrayList<>(cat.children.values()), sortorder, cat.id,
                    cat.depth, cat.path, moved)) {
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Contexts of categories whose place in the tree was repaired: their paths (and those of everything below)
     * rebuilt from the parent's, and marked dirty, as Moodle's {@code reset_paths} and {@code build_all_paths} do.
     */
    private static void rebuildCategoryContexts(DSLContext dsl, SiteConfig site, List<Long> categories, long now) {
        var cc = MDL_COURSE_CATEGORIES;
        for (long id : categories) {
            Long parent = dsl.select(cc.PARENT).from(cc).where(cc.ID.eq(id)).fetchOne(cc.PARENT);
            var ctx = dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.PATH).from(MDL_CONTEXT)
                    .where(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSECAT.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                    .and(MDL_CONTEXT.INSTANCEID.eq(id)).fetchOne();
            if (ctx == null) {
                continue;
            }
            String parentPath = site.systemPath();
            if (parent != null && parent != 0) {
                String p = dsl.select(MDL_CONTEXT.PATH).from(MDL_CONTEXT)
                        .where(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSECAT.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                        .and(MDL_CONTEXT.INSTANCEID.eq(parent)).fetchOne(MDL_CONTEXT.PATH);
                if (p != null) {
                    parentPath = p;
                }
            }
            CourseContexts.move(dsl, site, ctx.value1(), ctx.value2(), parentPath, now);
        }
    }
}
