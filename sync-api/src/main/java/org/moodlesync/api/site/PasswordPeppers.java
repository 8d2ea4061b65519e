package org.moodlesync.api.site;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;

/**
 * A Moodle site's password peppers ({@code $CFG->passwordpeppers}, Moodle 4.3 and later): secrets appended to every
 * clear-text password before it is hashed, indexed by positive integers. The pepper with the highest index is the
 * one in use; the older ones still let the passwords hashed with them log in, and a newest pepper of {@code ""}
 * takes a site off peppers.
 *
 * <p>As Moodle does, a newest pepper other than {@code ""} must carry at least {@value #MINIMUM_ENTROPY_BITS} bits of
 * entropy (its Shannon entropy per byte times its length in bytes); Moodle throws on every login and password change
 * with a weaker one, so it is refused here before any hash is written. The peppers are secrets: {@link #toString()}
 * shows only how many there are and the newest index.
 */
public final class PasswordPeppers {

    /** The entropy Moodle demands of the pepper in use ({@code PEPPER_ENTROPY} in its {@code moodlelib.php}). */
    public static final int MINIMUM_ENTROPY_BITS = 112;

    private static final PasswordPeppers NONE = new PasswordPeppers(new TreeMap<>());
    private static final String SETTING = "passwordpeppers";

    /** Index → pepper, newest (highest index) first. */
    private final TreeMap<Integer, String> byIndex;

    private PasswordPeppers(TreeMap<Integer, String> byIndex) {
        this.byIndex = byIndex;
    }

    /** {@return no peppers: passwords are hashed as they are, as on a site without {@code $CFG->passwordpeppers}} */
    public static PasswordPeppers none() {
        return NONE;
    }

    /**
     * The peppers of a site, as its {@code $CFG->passwordpeppers} lists them.
     *
     * @param peppers index → pepper; the indexes are positive integers (required, no null values)
     * @return the peppers
     * @throws IllegalArgumentException when an index is not positive
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when the newest pepper is too weak for Moodle
     */
    public static PasswordPeppers of(Map<Integer, String> peppers) {
        TreeMap<Integer, String> byIndex = new TreeMap<>(Collections.reverseOrder());
        peppers.forEach((index, pepper) -> {
            if (index == null || index < 1) {
                throw new IllegalArgumentException("a password pepper's index must be a positive integer: " + index);
            }
            byIndex.put(index, Objects.requireNonNull(pepper, "pepper"));
        });
        PasswordPeppers result = byIndex.isEmpty() ? NONE : new PasswordPeppers(byIndex);
        result.requireStrongCurrent("the newest password pepper (index " + (byIndex.isEmpty() ? 0
                : byIndex.firstKey()) + ")");
        return result;
    }

    /**
     * The peppers a site's {@code config.php} sets literally ({@code $CFG->passwordpeppers = [1 => '…', …];}), or
     * {@link #none()} when it sets none.
     *
     * @param config the site's config.php
     * @return the peppers
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when config.php sets them by an expression
     *                       moodle-sync does not evaluate, with an index that is not a positive integer, or with a
     *                       newest pepper too weak for Moodle
     */
    public static PasswordPeppers from(MoodleConfigPhp config) {
        String where = config.file() == null ? "config.php" : config.file().toString();
        if (config.computed().stream().anyMatch(n -> n.equals(SETTING) || n.startsWith(SETTING + "."))) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, where + ": $CFG->" + SETTING
                    + " is set by an expression moodle-sync does not evaluate, so passwords cannot be hashed with the"
                    + " site's pepper; state the peppers literally ([1 => '…']) or pass them to the backend in code");
        }
        Map<Integer, String> peppers = new HashMap<>();
        config.values().forEach((name, value) -> {
            if (name.startsWith(SETTING + ".")) {
                String index = name.substring(SETTING.length() + 1);
                if (!index.matches("[1-9][0-9]{0,8}")) {
                    throw new SyncException(RunFailure.Kind.CONFIGURATION, where + ": $CFG->" + SETTING
                            + " has the index '" + index + "'; Moodle's peppers are indexed by positive integers");
                }
                peppers.put(Integer.parseInt(index), value);
            }
        });
        try {
            return of(peppers);
        } catch (SyncException e) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, where + ": $CFG->" + SETTING + ": "
                    + e.getMessage());
        }
    }

    /** {@return the pepper in use (the highest index's), {@code ""} when there is none} */
    public String current() {
        return byIndex.isEmpty() ? "" : byIndex.firstEntry().getValue();
    }

    /**
     * {@return every pepper a stored hash may have been made with, as Moodle's login tries them: none first, then each
     * pepper from the newest to the oldest}
     */
    public List<String> candidates() {
        List<String> candidates = new ArrayList<>(byIndex.size() + 1);
        candidates.add("");
        byIndex.values().stream().filter(p -> !p.isEmpty()).forEach(candidates::add);
        return candidates;
    }

    /** {@return true when passwords are hashed with a pepper (the newest one is not empty)} */
    public boolean inUse() {
        return !current().isEmpty();
    }

    /**
     * The entropy Moodle computes for a pepper: the Shannon entropy of its bytes (UTF-8) times their number.
     *
     * @param pepper a pepper
     * @return its entropy in bits ({@code 0} for {@code ""})
     */
    public static double entropyBits(String pepper) {
        byte[] bytes = pepper.getBytes(StandardCharsets.UTF_8);
        Map<Byte, Integer> counts = new HashMap<>();
        for (byte b : bytes) {
            counts.merge(b, 1, Integer::sum);
        }
        double perByte = 0;
        for (int count : counts.values()) {
            double p = (double) count / bytes.length;
            perByte -= p * (Math.log(p) / Math.log(2));
        }
        return perByte * bytes.length;
    }

    private void requireStrongCurrent(String which) {
        double bits = entropyBits(current());
        if (inUse() && bits < MINIMUM_ENTROPY_BITS) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, which + " has " + Math.round(bits)
                    + " bits of entropy, and Moodle refuses a pepper with fewer than " + MINIMUM_ENTROPY_BITS
                    + " (no user could log in or change a password); use a longer, more varied pepper");
        }
    }

    /** Says how many peppers there are and the newest index, never a pepper. */
    @Override
    public String toString() {
        return byIndex.isEmpty() ? "PasswordPeppers[none]"
                : "PasswordPeppers[" + byIndex.size() + (byIndex.size() == 1 ? " pepper" : " peppers")
                        + ", newest index " + byIndex.firstKey() + (inUse() ? "" : " (empty: no pepper in use)") + "]";
    }

    /** Equal when the same peppers have the same indexes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordPeppers other && byIndex.equals(other.byIndex);
    }

    /** A hash of the indexes and peppers. */
    @Override
    public int hashCode() {
        return byIndex.hashCode();
    }
}
