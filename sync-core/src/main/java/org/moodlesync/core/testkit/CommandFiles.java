package org.moodlesync.core.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Command files for tests: lines joined by line feeds, UTF-8 (tool_sync's dialect uses {@code ;} in them). */
public final class CommandFiles {

    private CommandFiles() {
    }

    /** Writes {@code lines} (a header line first, unless the kind has none) to {@code dir/name}; returns the file. */
    public static Path write(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
