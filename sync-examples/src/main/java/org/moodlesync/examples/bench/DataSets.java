package org.moodlesync.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Deterministic command files for benchmarks (same seed, same file). */
public final class DataSets {

    private DataSets() {
    }

    /**
     * A users file of {@code count} users in tool_sync's dialect.
     *
     * @param passwordShare share of lines with a clear-text password (0 to 1)
     */
    public static Path users(Path file, int count, double passwordShare, long seed) throws IOException {
        Random random = new Random(seed);
        String[] cities = {"Lyon", "Leeds", "Porto", "Graz", "Turku", "Bergen"};
        String[] countries = {"FR", "GB", "PT", "AT", "FI", "NO"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("username;idnumber;firstname;lastname;email;password;city;country;department\n");
            for (int i = 1; i <= count; i++) {
                int c = random.nextInt(cities.length);
                String password = random.nextDouble() < passwordShare ? "Pw#" + Long.toHexString(random.nextLong())
                        : "";
                out.write("user" + i + ";ID" + i + ";First" + i + ";Last" + (i % 997) + ";user" + i
                        + "@example.org;" + password + ";" + cities[c] + ";" + countries[c] + ";Dept" + (i % 40)
                        + "\n");
            }
        }
        return file;
    }
}
