package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;

/**
 * What a full feed's file lists, read before anything is written: each line's user and course as written (a line
 * that fails later still counts, so that a bad line never removes what it names), the courses it names, and how
 * many lines could not be told at all.
 */
public final class FeedKeys {

    private final Set<String> pairs = new HashSet<>();
    private final Set<String> courses = new LinkedHashSet<>();
    private long lines;
    private long unreadable;

    private FeedKeys() {
    }

    /**
     * Reads the keys of a file's rows (the header already checked), streaming: one pass, the file is not kept.
     *
     * @param rows         the rows
     * @param userColumn   the column of users ({@code uid})
     * @param courseColumn the column of courses ({@code cid})
     * @return the keys
     */
    public static FeedKeys of(RowSource rows, String userColumn, String courseColumn) {
        FeedKeys keys = new FeedKeys();
        while (rows.hasNext()) {
            InputRow row;
            try {
                row = rows.next();
            } catch (InputFormatException e) {
                keys.lines++;
                keys.unreadable++;
                continue;
            }
            keys.add(row.value(userColumn).orElse(null), row.value(courseColumn).orElse(null));
        }
        return keys;
    }

    /**
     * The keys of commands built in code.
     *
     * @param commands the commands
     * @return the keys
     */
    public static FeedKeys of(List<EnrolCommand> commands) {
        FeedKeys keys = new FeedKeys();
        commands.forEach(c -> keys.add(c.user(), c.course()));
        return keys;
    }

    private void add(String user, String course) {
        lines++;
        String u = user == null ? "" : user.trim();
        String c = course == null ? "" : course.trim();
        if (u.isEmpty() || c.isEmpty()) {
            unreadable++;
            return;
        }
        pairs.add(pair(u, c));
        courses.add(c);
    }

    /**
     * Whether the file lists this user in this course. Compared without case (a database whose collation ignores
     * case finds the user the line names either way, so the line must keep it).
     *
     * @param user   the user's identifier
     * @param course the course's identifier
     * @return true when a line names them
     */
    public boolean lists(String user, String course) {
        return user != null && course != null && pairs.contains(pair(user.trim(), course.trim()));
    }

    private static String pair(String user, String course) {
        return user.toLowerCase(Locale.ROOT) + '\u0000' + course.toLowerCase(Locale.ROOT);
    }

    /** {@return the courses the file names, as written, in file order, each once} */
    public List<String> courses() {
        return new ArrayList<>(courses);
    }

    /** {@return the data lines read} */
    public long lines() {
        return lines;
    }

    /** {@return the lines whose user or course could not be read (unparsable, or empty)} */
    public long unreadable() {
        return unreadable;
    }
}
