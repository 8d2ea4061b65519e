package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * The site's course categories, read once per chunk, with their contexts: found by id, idnumber or path of names,
 * and created on demand as Moodle's {@code core_course_category::create} does (row, path, context; the sortorder is
 * left at 0 for {@link SortOrder} to place the category after its siblings).
 */
final class CategoryTree {

    /** One category as stored (or, in a dry run, as it would be created: negative id, no context). */
    static final class Category {
        final long id;
        final String name;
        final String idnumber;
        final long parent;
        final String path;
        final long depth;
        final long sortorder;
        final int visible;
        long contextId;
        String contextPath;
        final boolean created;

        Category(long id, String name, String idnumber, long parent, String path, long depth, long sortorder,
                 int visible, long contextId, String contextPath, boolean created) {
            this.id = id;
            this.name = name;
            this.idnumber = idnumber;
            this.parent = parent;
            this.path = path;
            this.depth = depth;
            this.sortorder = sortorder;
            this.visible = visible;
            this.contextId = contextId;
            this.contextPath = contextPath;
            this.created = created;
        }
    }

    private final SiteConfig site;
    private final Map<Long, Category> byId = new HashMap<>();
    private final List<Category> ordered = new ArrayList<>();
    private long placeholder;
    private long createdCount;

    private CategoryTree(SiteConfig site) {
        this.site = site;
    }

    static CategoryTree load(DSLContext dsl, SiteConfig site) {
        CategoryTree tree = new CategoryTree(site);
        var c = MDL_COURSE_CATEGORIES;
        dsl.select(c.ID, c.NAME, c.IDNUMBER, c.PARENT, c.PATH, c.DEPTH, c.SORTORDER, c.VISIBLE, MDL_CONTEXT.ID,
                        MDL_CONTEXT.PATH)
                .from(c)
                .leftJoin(MDL_CONTEXT).on(MDL_CONTEXT.INSTANCEID.eq(c.ID)
                        .and(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSECAT.valueIn(MDL_CONTEXT.CONTEXTLEVEL))))
                .orderBy(c.SORTORDER, c.ID)
                .forEach(r -> tree.add(new Category(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8().intValue(), r.value9() == null ? 0 : r.value9(),
                        r.value10(), false)));
        return tree;
    }

    private void add(Category category) {
        byId.put(category.id, category);
        ordered.add(category);
    }

    Category byId(long id) {
        return byId.get(id);
    }

    /** The categories with this idnumber (Moodle keeps them unique; a broken site may have several). */
    List<Category> byIdnumber(String idnumber) {
        return ordered.stream().filter(cat -> idnumber.equals(cat.idnumber)).toList();
    }

    /** The first child of {@code parent} (0 = top level) with exactly this name, in Moodle's order. */
    Category child(long parent, String name) {
        return ordered.stream().filter(cat -> cat.parent == parent && cat.name.equals(name))
                .min(Comparator.comparingLong((Category cat) -> cat.sortorder).thenComparingLong(cat -> cat.id))
                .orElse(null);
    }

    /** Moodle's default category ({@code core_course_category::get_default()}): the first top-level one. */
    Category defaultCategory() {
        return ordered.stream().filter(cat -> cat.parent == 0)
                .min(Comparator.comparingLong((Category cat) -> cat.sortorder).thenComparingLong(cat -> cat.id))
                .orElse(null);
    }

    /** The names from the top down to this category, joined with {@code /}. */
    String pathOf(Category category) {
        List<String> names = new ArrayList<>();
        Category c = category;
        int guard = 0;
        while (c != null && guard++ < 1000) {
            names.add(0, c.name);
            c = c.parent == 0 ? null : byId.get(c.parent);
        }
        return String.join("/", names);
    }

    /** The category's context, created if a broken site lacks it (Moodle creates it on first use too). */
    ContextRef context(DSLContext dsl, Category category) {
        if (category.contextId == 0 && category.id > 0) {
            String parentPath = category.parent == 0 ? site.systemPath()
                    : context(dsl, byId.get(category.parent)).path();
            category.contextId = Contexts.create(dsl, ContextLevel.COURSECAT, category.id, parentPath);
            category.contextPath = parentPath + "/" + category.contextId;
        }
        return new ContextRef(category.contextId, category.contextPath);
    }

    /**
     * Creates a category under {@code parent} (null: top level) as {@code core_course_category::create} does; in a
     * dry run nothing is written and the category gets a negative placeholder id.
     */
    Category create(DSLContext dsl, Category parent, String name, String idnumber, boolean visibleAsked, long now,
                    boolean dryRun) {
        long parentId = parent == null ? 0 : parent.id;
        long depth = parent == null ? 1 : parent.depth + 1;
        int parentVisible = parent == null ? 1 : parent.visible;
        int visible = visibleAsked ? parentVisible : 0;
        int visibleold = visibleAsked ? 1 : 0;
        // Moodle writes sortorder 0 and fix_course_sortorder then places the category after every existing one:
        // in memory it sorts after them at once (in creation order), so "the first top-level category" stays right
        long pending = CourseSettings.MAX_COURSES_IN_CATEGORY * CourseSettings.MAX_COURSE_CATEGORIES + ++createdCount;
        if (dryRun || parentId < 0) {
            Category planned = new Category(--placeholder, name, idnumber, parentId, null, depth, pending, visible, 0,
                    null, true);
            add(planned);
            return planned;
        }
        var c = MDL_COURSE_CATEGORIES;
        long id = dsl.insertInto(c)
                .set(c.NAME, name)
                .set(c.IDNUMBER, idnumber)
                .set(c.DESCRIPTION, "")
                .set(c.DESCRIPTIONFORMAT, (short) 0)
                .set(c.PARENT, parentId)
                .set(c.SORTORDER, 0L)
                .set(c.COURSECOUNT, 0L)
                .set(c.VISIBLE, (short) visible)
                .set(c.VISIBLEOLD, (short) visibleold)
                .set(c.TIMEMODIFIED, now)
                .set(c.DEPTH, depth)
                .returningResult(c.ID)
                .fetchOne()
                .value1();
        String path = (parent == null ? "" : parent.path) + "/" + id;
        dsl.update(c).set(c.PATH, path).where(c.ID.eq(id)).execute();
        String parentContext = parent == null ? site.systemPath() : context(dsl, parent).path();
        long contextId = Contexts.create(dsl, ContextLevel.COURSECAT, id, parentContext);
        Category created = new Category(id, name, idnumber, parentId, path, depth, pending, visible, contextId,
                parentContext + "/" + contextId, true);
        add(created);
        return created;
    }

    /** A context's id and path. */
    record ContextRef(long id, String path) {
    }
}
