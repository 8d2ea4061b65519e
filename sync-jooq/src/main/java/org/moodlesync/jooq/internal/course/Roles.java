package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CONTEXT_LEVELS;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.ContextLevel;

/** The site's roles by shortname, and the context levels each may be assigned at. Read once per writer. */
final class Roles {

    private final Map<String, Long> byShortname = new HashMap<>();
    private final Map<Long, String> shortnames = new HashMap<>();
    private final Map<Long, Set<Long>> levels = new HashMap<>();

    private Roles() {
    }

    static Roles load(DSLContext dsl) {
        Roles roles = new Roles();
        dsl.select(MDL_ROLE.ID, MDL_ROLE.SHORTNAME).from(MDL_ROLE).forEach(r -> {
            roles.byShortname.put(r.value2(), r.value1());
            roles.shortnames.put(r.value1(), r.value2());
        });
        dsl.select(MDL_ROLE_CONTEXT_LEVELS.ROLEID, MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL)
                .from(MDL_ROLE_CONTEXT_LEVELS)
                .forEach(r -> roles.levels.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        return roles;
    }

    /** The id of a role, or null. */
    Long id(String shortname) {
        return byShortname.get(shortname);
    }

    /** The shortname of a role id, or {@code role <id>}. */
    String shortname(long id) {
        return shortnames.getOrDefault(id, "role " + id);
    }

    /** Whether the role may be assigned in a course context. */
    boolean assignableInCourse(long roleId) {
        return levels.getOrDefault(roleId, Set.of()).contains((long) ContextLevel.COURSE.level());
    }
}
