package org.moodlesync.examples.cli;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CategoryKey;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;

/** The course kinds of {@code moodle-sync run}: their step, with the course options applied. */
final class CourseRun {

    private CourseRun() {
    }

    /**
     * The step of a course kind.
     *
     * @param identifyBy the {@code --course-by} value (or its former {@code --identify-by}) when given, else null
     *                   (shortname)
     */
    static FileSync<?, ?> step(SyncEngine engine, SyncKind kind, String identifyBy, CourseOptions o,
                               boolean allowUnknownColumns) {
        CourseKey key = identifyBy == null ? CourseKey.SHORTNAME : CourseKey.of(identifyBy);
        return switch (kind) {
            case COURSES -> engine.courses()
                    .identifyBy(key)
                    .categoryKey(CategoryKey.of(o.categoryIdentifyBy))
                    .newCategoriesVisible(!o.newCategoriesHidden)
                    .protectCategory(o.protectCategory)
                    .updateExisting(!o.noUpdate)
                    .resetMissingColumns(o.resetMissingColumns)
                    .allowUnknownColumns(allowUnknownColumns);
            case COURSE_DELETES -> engine.courseDeletes().identifyBy(key);
            case COURSE_CHECKS -> engine.courseChecks().identifyBy(key);
            case COURSE_RESETS -> engine.courseResets().identifyBy(key).allowUnknownColumns(allowUnknownColumns);
            case COURSE_METAS -> engine.courseMetas().identifyBy(key).allowUnknownColumns(allowUnknownColumns);
            default -> throw new IllegalArgumentException("not a course kind: " + kind);
        };
    }
}
