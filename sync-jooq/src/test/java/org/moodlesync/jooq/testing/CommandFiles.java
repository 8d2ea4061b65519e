package org.moodlesync.jooq.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Command files for the tests: lines joined by newlines, UTF-8. */
public final class CommandFiles {

    private CommandFiles() {
    }

    /** Writes {@code lines} to {@code dir/name} and returns the file. */
    public static Path write(Path dir, String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }
}
