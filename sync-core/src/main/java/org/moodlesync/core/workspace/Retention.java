package org.moodlesync.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How long archives, reports and tryback files are kept (tool_sync's {@code fileareacleanupdelay}, in days, and a
 * count): a file goes when it is older than {@code keepDays} days, or when {@code keepFiles} newer files of the same
 * input are kept (the last 30 reports of {@code userimport.csv}, whatever the other files do). 0 means no limit of
 * that sort; {@link #FOREVER} keeps everything.
 *
 * @param keepDays  age limit in days (by the file's last-modified time), 0 for none
 * @param keepFiles number of newest files kept per folder, 0 for none
 */
public record Retention(int keepDays, int keepFiles) {

    /** Keeps every file. */
    public static final Retention FOREVER = new Retention(0, 0);

    public Retention {
        if (keepDays < 0 || keepFiles < 0) {
            throw new IllegalArgumentException("retention limits cannot be negative");
        }
    }

    /** Files older than this many days go. */
    public static Retention days(int days) {
        return new Retention(days, 0);
    }

    /** Only the newest {@code count} files are kept. */
    public static Retention files(int count) {
        return new Retention(0, count);
    }

    /** True when nothing is ever deleted. */
    public boolean keepsEverything() {
        return keepDays == 0 && keepFiles == 0;
    }

    /**
     * Deletes the regular files of {@code dir} (not of its sub-folders) that {@code which} accepts and that this
     * retention does not keep; {@code keepFiles} counts within each group ({@code groupOf} names a file's group,
     * for example the input a report is of).
     *
     * @return the files deleted
     */
    public List<Path> apply(Path dir, Predicate<Path> which, Function<Path, String> groupOf, Clock clock) {
        if (keepsEverything() || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = new ArrayList<>(list.filter(Files::isRegularFile).filter(which).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        // newest first; same time: the name decides (names hold their time stamp)
        files.sort(Comparator.comparing(Retention::modified).reversed()
                .thenComparing(Comparator.<Path>naturalOrder().reversed()));
        Instant limit = keepDays == 0 ? null : clock.instant().minus(Duration.ofDays(keepDays));
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Path> deleted = new ArrayList<>();
        for (Path f : files) {
            int rank = seen.merge(groupOf.apply(f), 1, Integer::sum);
            boolean tooMany = keepFiles > 0 && rank > keepFiles;
            boolean tooOld = limit != null && modified(f).toInstant().isBefore(limit);
            if (tooMany || tooOld) {
                try {
                    if (Files.deleteIfExists(f)) {
                        deleted.add(f);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + f + ": " + e.getMessage(), e);
                }
            }
        }
        return deleted;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
