package org.moodlesync.core.internal.cohort;

import static org.moodlesync.core.internal.cohort.CohortColumns.CCATCONTEXT;
import static org.moodlesync.core.internal.cohort.CohortColumns.CCATCONTEXTIDNUMBER;
import static org.moodlesync.core.internal.cohort.CohortColumns.CCATPATH;
import static org.moodlesync.core.internal.cohort.CohortColumns.CDESCRIPTION;
import static org.moodlesync.core.internal.cohort.CohortColumns.CID;
import static org.moodlesync.core.internal.cohort.CohortColumns.CIDNUMBER;
import static org.moodlesync.core.internal.cohort.CohortColumns.CMD;
import static org.moodlesync.core.internal.cohort.CohortColumns.CNAME;
import static org.moodlesync.core.internal.cohort.CohortColumns.COMPONENT;
import static org.moodlesync.core.internal.cohort.CohortColumns.USERID;

import java.util.Locale;
import java.util.Map;
import org.moodlesync.api.command.cohort.CohortAction;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortContext;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.RowMapper;

/**
 * A line of tool_sync's cohorts file to a {@link CohortCommand} (tool_sync §8.1), with its intended semantics: an
 * empty value means "not given"; {@code cmd} is {@code add} (default), {@code del} or {@code free}; {@code del}
 * removes a member when the line has a {@code userid}, and deletes the cohort only when it has none (so a user
 * that cannot be found fails the line and never deletes the cohort); an unknown {@code cmd} fails the line.
 *
 * <p>The cohort's context: {@code ccatcontext} (a category id, {@code 0} or {@code system} for the system
 * context), {@code ccatcontextidnumber} (a category idnumber) or {@code ccatpath} (category names from the top,
 * separated by {@code /}); at most one of them per line.
 */
public final class CohortRowMapper implements RowMapper<CohortCommand> {

    private final CohortKey key;

    /** @param key the cohort identifier, whose column must hold a value on every line */
    public CohortRowMapper(CohortKey key) {
        this.key = key;
    }

    @Override
    public CohortCommand map(InputRow row) {
        Map<String, String> values = row.asMap();
        String keyValue = nonEmpty(values, key.column());
        if (keyValue == null) {
            throw new LineFailure(key.column(), "a value is required: cohorts are identified by " + key.field());
        }
        String member = nonEmpty(values, USERID);
        CohortAction action = action(nonEmpty(values, CMD), member);
        CohortCommand.Builder b = CohortCommand.builder().action(action);
        String id = nonEmpty(values, CID);
        if (id != null) {
            try {
                b.id(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new LineFailure(CID, "not a cohort id: " + id);
            }
        }
        b.idnumber(nonEmpty(values, CIDNUMBER));
        b.name(nonEmpty(values, CNAME));
        b.description(nonEmpty(values, CDESCRIPTION));
        b.component(nonEmpty(values, COMPONENT));
        b.context(context(values));
        b.member(member);
        return b.build();
    }

    private static CohortAction action(String cmd, String member) {
        if (cmd == null) {
            return CohortAction.ADD;
        }
        return switch (cmd.toLowerCase(Locale.ROOT)) {
            case "add" -> CohortAction.ADD;
            case "del" -> member == null ? CohortAction.DELETE : CohortAction.REMOVE_MEMBER;
            case "free" -> CohortAction.FREE;
            default -> throw new LineFailure(CMD, "unknown cmd " + cmd + " (add, del or free)");
        };
    }

    private static CohortContext context(Map<String, String> values) {
        String id = nonEmpty(values, CCATCONTEXT);
        String idnumber = nonEmpty(values, CCATCONTEXTIDNUMBER);
        String path = nonEmpty(values, CCATPATH);
        int given = (id == null ? 0 : 1) + (idnumber == null ? 0 : 1) + (path == null ? 0 : 1);
        if (given > 1) {
            throw new LineFailure(id != null ? CCATCONTEXT : CCATCONTEXTIDNUMBER, "give the category in one column"
                    + " only: ccatcontext (id), ccatcontextidnumber or ccatpath");
        }
        if (id != null) {
            if (id.equals("0") || id.equalsIgnoreCase("system")) {
                return CohortContext.system();
            }
            try {
                long n = Long.parseLong(id);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return CohortContext.categoryId(n);
            } catch (NumberFormatException e) {
                throw new LineFailure(CCATCONTEXT, "not a category id: " + id + " (0 or system for the system"
                        + " context; use ccatpath for a path of names)");
            }
        }
        if (idnumber != null) {
            return CohortContext.categoryIdnumber(idnumber);
        }
        if (path != null) {
            return CohortContext.categoryPath(path);
        }
        return null;
    }

    static String nonEmpty(Map<String, String> values, String column) {
        String v = values.get(column);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }
}
