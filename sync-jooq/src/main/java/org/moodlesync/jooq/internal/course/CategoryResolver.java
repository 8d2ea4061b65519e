package org.moodlesync.jooq.internal.course;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.moodlesync.api.command.course.CategoryKey;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * Turns a line's {@code category} value into a category, creating the missing categories of a path (tool_sync
 * §4.2): each segment is found by its exact name under the previous one, from the top.
 */
final class CategoryResolver {

    private final CourseSyncOptions options;

    CategoryResolver(CourseSyncOptions options) {
        this.options = options;
    }

    /**
     * The category a value names.
     *
     * @param created receives the paths of the categories created (or that a dry run would create)
     */
    CategoryTree.Category resolve(DSLContext dsl, CategoryTree tree, String value, String leafIdnumber, long now,
                                  boolean dryRun, List<String> created) {
        String v = value.trim();
        CategoryKey key = options.categoryKey();
        if (key == CategoryKey.ID || (key == CategoryKey.PATH && v.chars().allMatch(Character::isDigit))) {
            long id;
            try {
                id = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new LineRejected("category", "not a category id: " + value);
            }
            CategoryTree.Category cat = tree.byId(id);
            if (cat == null) {
                throw new LineRejected("category", "no category with id " + id);
            }
            return cat;
        }
        if (key == CategoryKey.IDNUMBER) {
            List<CategoryTree.Category> found = tree.byIdnumber(v);
            if (found.isEmpty()) {
                throw new LineRejected("category", "no category with idnumber " + v);
            }
            if (found.size() > 1) {
                throw new LineRejected("category", found.size() + " categories have idnumber " + v);
            }
            return found.get(0);
        }
        List<String> segments = segments(v);
        CategoryTree.Category parent = null;
        for (int i = 0; i < segments.size(); i++) {
            String name = segments.get(i);
            boolean leaf = i == segments.size() - 1;
            CategoryTree.Category child = tree.child(parent == null ? 0 : parent.id, name);
            if (child == null) {
                String idnumber = leaf ? leafIdnumber : null;
                if (idnumber != null && !tree.byIdnumber(idnumber).isEmpty()) {
                    throw new LineRejected("category_idnumber", "category idnumber " + idnumber
                            + " is taken by category " + tree.pathOf(tree.byIdnumber(idnumber).get(0)));
                }
                child = tree.create(dsl, parent, name, idnumber, options.newCategoriesVisible(), now, dryRun);
                created.add(tree.pathOf(child));
            }
            parent = child;
        }
        return parent;
    }

    /**
     * Whether resolving the value would create a category (a path with a missing segment); false when it names
     * existing categories or cannot be resolved at all (the line then fails before anything is written).
     */
    boolean wouldCreate(CategoryTree tree, String value) {
        String v = value.trim();
        CategoryKey key = options.categoryKey();
        if (key != CategoryKey.PATH || v.chars().allMatch(Character::isDigit)) {
            return false;
        }
        List<String> segments;
        try {
            segments = segments(v);
        } catch (LineRejected e) {
            return false;
        }
        long parent = 0;
        for (String name : segments) {
            CategoryTree.Category child = tree.child(parent, name);
            if (child == null) {
                return true;
            }
            parent = child.id;
        }
        return false;
    }

    /** The names of a path: outer slashes dropped, segments trimmed; an empty segment or a too long name fails. */
    static List<String> segments(String path) {
        String p = path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> names = new ArrayList<>();
        for (String s : p.split("/", -1)) {
            String name = s.trim();
            if (name.isEmpty()) {
                throw new LineRejected("category", "empty category name in path " + path);
            }
            if (name.length() > 255) {
                throw new LineRejected("category", "category name longer than 255 characters in path " + path);
            }
            names.add(name);
        }
        return names;
    }
}
