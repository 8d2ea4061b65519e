package org.moodlesync.jooq.internal.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.moodlesync.api.command.user.Password;

/**
 * The expensive part of a chunk, done in parallel on every core: hashing clear-text passwords, or checking them
 * against the stored hash (a rerun of the same file then changes nothing).
 *
 * <p>The work may begin ahead ({@link #start}), in the background on the common pool's workers, while the writer
 * still writes the chunk before: {@link #finish} then completes it, the calling thread helping, and prepares again
 * the lines whose stored hash is no longer the one the work began with (a user written in between).
 */
final class PreparedPasswords {

    private final Map<Integer, String> hashes = new ConcurrentHashMap<>();
    private final Set<Integer> verified = ConcurrentHashMap.newKeySet();
    private final MoodlePasswordHasher hasher;
    private final List<Password> passwords;
    private final List<String> assumedStored;
    private final boolean hashNew;
    private Work work; // the owner thread's

    private PreparedPasswords(List<Password> passwords, List<String> stored, MoodlePasswordHasher hasher,
                              boolean hashNew) {
        this.hasher = hasher;
        this.passwords = passwords;
        this.assumedStored = new ArrayList<>(stored);
        this.hashNew = hashNew;
    }

    /**
     * Prepares the passwords of a chunk, on this thread and every other core.
     *
     * @param passwords the password instruction of each line (null when none)
     * @param stored    the stored hash of the user each line matches (null when new)
     * @param hasher    the hasher
     * @param hashNew   false in a dry run: no new hash is needed
     */
    static PreparedPasswords prepare(List<Password> passwords, List<String> stored, MoodlePasswordHasher hasher,
                                     boolean hashNew) {
        PreparedPasswords prepared = start(passwords, stored, hasher, hashNew);
        prepared.work.finish();
        return prepared;
    }

    /**
     * Begins preparing the passwords of a chunk in the background, against the stored hashes known now; see
     * {@link #prepare} for the arguments. {@link #finish} completes the work.
     */
    static PreparedPasswords start(List<Password> passwords, List<String> stored, MoodlePasswordHasher hasher,
                                   boolean hashNew) {
        PreparedPasswords prepared = new PreparedPasswords(passwords, stored, hasher, hashNew);
        prepared.work = Work.start(prepared.indicesToPrepare(IntStream.range(0, passwords.size())),
                prepared::prepareLine);
        return prepared;
    }

    /**
     * Completes the work begun by {@link #start}, this thread helping, then prepares again, on every core, the lines
     * whose stored hash is not the one assumed when the work began. Returns this. May be called again (a chunk tried
     * again), with the stored hashes as they are then.
     *
     * @param storedNow the stored hash of the user each line matches now (null when new)
     */
    PreparedPasswords finish(List<String> storedNow) {
        work.finish();
        int[] changed = IntStream.range(0, assumedStored.size())
                .filter(i -> !Objects.equals(assumedStored.get(i), storedNow.get(i))).toArray();
        for (int i : changed) {
            assumedStored.set(i, storedNow.get(i));
            hashes.remove(i);
            verified.remove(i);
        }
        Work.start(indicesToPrepare(IntStream.of(changed)), this::prepareLine).finish();
        return this;
    }

    /** Stops work begun ahead for a chunk that will not come: the lines being hashed are the last. */
    void cancel() {
        work.cancel();
    }

    /** Whether these were prepared for a dry run ({@code false}) or a real one. */
    boolean hashesNew() {
        return hashNew;
    }

    private int[] indicesToPrepare(IntStream lines) {
        return lines.filter(i -> passwords.get(i) instanceof Password.Plain
                && (hashNew || assumedStored.get(i) != null)).toArray();
    }

    private void prepareLine(int i) {
        Password.Plain plain = (Password.Plain) passwords.get(i);
        String current = assumedStored.get(i);
        if (current != null && isCurrent(plain, current)) {
            verified.add(i);
        } else if (hashNew) {
            hashes.put(i, hasher.hash(plain.clearText()));
        }
    }

    /**
     * Whether line {@code index}'s clear text matches this stored hash with the newest pepper: known when the line was prepared against that
     * very hash (every line with a stored hash is checked), checked now otherwise (a user an earlier line of the
     * chunk created or changed).
     */
    boolean matchesStored(int index, Password.Plain plain, String storedHash) {
        if (storedHash != null && storedHash.equals(assumedStored.get(index))) {
            return verified.contains(index);
        }
        return isCurrent(plain, storedHash);
    }

    /**
     * Whether the stored hash is the clear text's with the site's newest pepper: one made without it, or with an
     * older pepper, is hashed again (Moodle would at the user's next login).
     */
    private boolean isCurrent(Password.Plain plain, String storedHash) {
        return hasher.check(plain.clearText(), storedHash) == MoodlePasswordHasher.Check.CURRENT;
    }

    /** A new hash of line {@code index}'s clear text. */
    String hash(int index, Password.Plain plain) {
        String h = hashes.get(index);
        return h != null ? h : hasher.hash(plain.clearText());
    }

    /**
     * Lines to prepare, taken one at a time by the common pool's workers and, once it finishes, by the calling
     * thread: no core idles while another still has a queue of hashes (a parallel stream splits the lines up front,
     * and the split with the most passwords then finishes alone). Joining a helper the pool has not started yet runs
     * it on the calling thread, where it finds nothing left: a busy pool does not hold the writer up.
     */
    private static final class Work {

        private final int[] lines;
        private final IntConsumer task;
        private final AtomicInteger next = new AtomicInteger();
        private final List<ForkJoinTask<?>> helpers = new ArrayList<>();

        private Work(int[] lines, IntConsumer task) {
            this.lines = lines;
            this.task = task;
        }

        static Work start(int[] lines, IntConsumer task) {
            Work work = new Work(lines, task);
            int helpers = Math.min(ForkJoinPool.getCommonPoolParallelism(), lines.length);
            for (int h = 0; h < helpers; h++) {
                work.helpers.add(ForkJoinPool.commonPool().submit(work::drain));
            }
            return work;
        }

        private void drain() {
            for (int k = next.getAndIncrement(); k < lines.length; k = next.getAndIncrement()) {
                task.accept(lines[k]);
            }
        }

        void finish() {
            try {
                drain();
            } finally {
                cancel(); // on a failure here, the helpers stop after their current line
            }
            helpers.forEach(ForkJoinTask::join);
        }

        void cancel() {
            next.set(lines.length);
        }
    }
}
