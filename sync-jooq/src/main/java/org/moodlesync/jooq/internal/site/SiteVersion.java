package org.moodlesync.jooq.internal.site;

import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.version.MoodleVersion;

/** Reads a site's version from its {@code config} table, and marks the writers of a site run by override. */
public final class SiteVersion {

    private SiteVersion() {
    }

    /** {@code config.version} and {@code config.release} of the site (bound values, two rows). */
    public static MoodleVersion read(DSLContext dsl) {
        Map<String, String> values = dsl.select(MDL_CONFIG.NAME, MDL_CONFIG.VALUE).from(MDL_CONFIG)
                .where(MDL_CONFIG.NAME.in("version", "release"))
                .fetchMap(MDL_CONFIG.NAME, MDL_CONFIG.VALUE);
        double version;
        try {
            String v = values.get("version");
            version = v == null || v.isBlank() ? 0 : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            version = 0;
        }
        return new MoodleVersion(version, values.get("release"));
    }

    /** {@code writer}, whose notices also say {@code notice}. */
    public static <C> CommandWriter<C> withNotice(CommandWriter<C> writer, String notice) {
        return new CommandWriter<>() {
            @Override
            public List<LineResult> write(List<CommandLine<C>> chunk, WriteContext context) {
                return writer.write(chunk, context);
            }

            @Override
            public void upcoming(List<CommandLine<C>> next, WriteContext context) {
                writer.upcoming(next, context);
            }

            @Override
            public List<String> notices() {
                List<String> all = new ArrayList<>(writer.notices());
                all.add(0, notice);
                return List.copyOf(all);
            }
        };
    }
}
