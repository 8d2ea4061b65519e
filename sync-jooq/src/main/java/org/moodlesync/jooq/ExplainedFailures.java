package org.moodlesync.jooq;

import java.util.List;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A writer whose run-ending failures arrive as one sentence of their kind ({@link MoodleDatabase#asException}):
 * the database's own words, a URL's password and jOOQ's SQL text stay in the cause, for logs.
 */
final class ExplainedFailures {

    private ExplainedFailures() {
    }

    /** The writer, its failures explained by the database. */
    static <C> CommandWriter<C> of(CommandWriter<C> writer, MoodleDatabase database) {
        return new CommandWriter<>() {
            @Override
            public List<LineResult> write(List<CommandLine<C>> chunk, WriteContext context) {
                try {
                    return writer.write(chunk, context);
                } catch (SyncException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw database.asException(e);
                }
            }

            @Override
            public void upcoming(List<CommandLine<C>> next, WriteContext context) {
                writer.upcoming(next, context);
            }

            @Override
            public List<String> notices() {
                return writer.notices();
            }
        };
    }
}
