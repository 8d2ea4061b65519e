package org.moodlesync.jooq.reliability;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;

/**
 * An in-memory backend for every kind at once (like sync-core's {@code FakeMoodle} for users): each writer the
 * engine asks for — whatever the kind, including kinds added later — answers every line CREATED, so the whole
 * pipeline (reading, header rules, mapping, validation, results, report and tryback files) runs without a database.
 */
final class EchoBackend {

    private EchoBackend() {
    }

    /** The backend; {@code written} counts the lines handed to its writers. */
    static MoodleBackend create(AtomicLong written) {
        CommandWriter<Object> writer = (chunk, context) -> {
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (CommandLine<Object> line : chunk) {
                written.incrementAndGet();
                results.add(LineResult.of(line.ref(), "echo", Outcome.CREATED, context.dryRun(), List.of(),
                        List.of()));
            }
            return results;
        };
        return (MoodleBackend) Proxy.newProxyInstance(EchoBackend.class.getClassLoader(),
                new Class<?>[] {MoodleBackend.class}, (proxy, method, args) -> {
                    if (method.getReturnType() == CommandWriter.class) {
                        return writer;
                    }
                    if (method.getName().equals("describe") || method.getName().equals("toString")) {
                        return "echo backend";
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
