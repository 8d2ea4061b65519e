package org.moodlesync.jooq.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures the reliability tests publish (faults injected, lines fuzzed, rows lost…): one line each, appended to
 * {@code target/reliability-figures.txt} of the module, and printed.
 */
public final class Figures {

    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {
    }

    /** Records {@code name value}. */
    public static synchronized void record(String name, Object value) {
        String line = name + " " + value;
        System.out.println("[figure] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[figure] cannot write " + FILE + ": " + e.getMessage());
        }
    }
}
