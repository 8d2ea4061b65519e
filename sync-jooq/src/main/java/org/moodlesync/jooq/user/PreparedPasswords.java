package org.moodlesync.jooq.user;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.moodlesync.api.command.user.Password;

/**
 * The expensive part of a chunk, done first and in parallel on every core: hashing clear-text passwords, or
 * checking them against the stored hash (a rerun of the same file then changes nothing).
 */
final class PreparedPasswords {

    private final Map<Integer, String> hashes = new ConcurrentHashMap<>();
    private final Map<Integer, String> verified = new ConcurrentHashMap<>();
    private final MoodlePasswordHasher hasher;

    private PreparedPasswords(MoodlePasswordHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * Prepares the passwords of a chunk.
     *
     * @param passwords the password instruction of each line (null when none)
     * @param stored    the stored hash of the user each line matches (null when new)
     * @param hasher    the hasher
     * @param hashNew   false in a dry run: no new hash is needed
     */
    static PreparedPasswords prepare(List<Password> passwords, List<String> stored, MoodlePasswordHasher hasher,
                                     boolean hashNew) {
        PreparedPasswords prepared = new PreparedPasswords(hasher);
        IntStream.range(0, passwords.size()).parallel().forEach(i -> {
            if (passwords.get(i) instanceof Password.Plain plain) {
                String current = stored.get(i);
                if (current != null && MoodlePasswordHasher.matches(plain.clearText(), current)) {
                    prepared.verified.put(i, current);
                } else if (hashNew) {
                    prepared.hashes.put(i, hasher.hash(plain.clearText()));
                }
            }
        });
        return prepared;
    }

    /** Whether line {@code index}'s clear text matches this stored hash. */
    boolean matchesStored(int index, Password.Plain plain, String storedHash) {
        String v = verified.get(index);
        if (v != null) {
            return v.equals(storedHash);
        }
        return !hashes.containsKey(index) && MoodlePasswordHasher.matches(plain.clearText(), storedHash);
    }

    /** A new hash of line {@code index}'s clear text. */
    String hash(int index, Password.Plain plain) {
        String h = hashes.get(index);
        return h != null ? h : hasher.hash(plain.clearText());
    }
}
