package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.user.Password;

class PreparedPasswordsTest {

    private final MoodlePasswordHasher hasher = MoodlePasswordHasher.fast();

    @Test
    void hashesEveryNewClearTextAndChecksEveryStoredOne() {
        String kept = hasher.hash("same-as-before");
        String other = hasher.hash("the-old-one");
        List<Password> passwords = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more lines than cores, in an order that no split keeps balanced
            passwords.add(i % 3 == 0 ? Password.noLogin() : Password.plain("secret-" + i));
            stored.add(null);
        }
        passwords.set(1, Password.plain("same-as-before"));
        stored.set(1, kept);
        passwords.set(2, Password.plain("a-new-one"));
        stored.set(2, other);

        PreparedPasswords prepared = PreparedPasswords.prepare(passwords, stored, hasher, true);

        assertThat(prepared.matchesStored(1, (Password.Plain) passwords.get(1), kept)).isTrue();
        assertThat(prepared.matchesStored(2, (Password.Plain) passwords.get(2), other)).isFalse();
        String[] hashes = new String[passwords.size()];
        for (int i = 0; i < passwords.size(); i++) {
            if (passwords.get(i) instanceof Password.Plain plain && i != 1) {
                hashes[i] = prepared.hash(i, plain);
                assertThat(hashes[i]).startsWith("$6$rounds=5000$");
                assertThat(MoodlePasswordHasher.matches(plain.clearText(), hashes[i])).isTrue();
                // prepared up front: asked again, the same hash comes back (a new one would have a new salt)
                assertThat(prepared.hash(i, plain)).isEqualTo(hashes[i]);
            }
        }
        assertThat(Arrays.stream(hashes).filter(h -> h != null).distinct()).hasSize(25);
    }

    @Test
    void aHashStoredAfterThePreparationIsCheckedWhenAskedFor() {
        // the user was new when the chunk was prepared; an earlier line of the chunk then stored a hash
        List<Password> passwords = List.of(Password.plain("same-again"));
        PreparedPasswords prepared = PreparedPasswords.prepare(passwords, Arrays.asList((String) null), hasher, true);
        Password.Plain plain = (Password.Plain) passwords.get(0);

        assertThat(prepared.matchesStored(0, plain, hasher.hash("same-again"))).isTrue();
        assertThat(prepared.matchesStored(0, plain, hasher.hash("something-else"))).isFalse();
    }

    @Test
    void aBusyCommonPoolLeavesTheWholeWorkToTheCaller() throws InterruptedException {
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
            List<Password> passwords = List.of(Password.plain("one-1"), Password.plain("two-2"));
            List<String> none = Arrays.asList(null, null);

            // as the writer does: this chunk's work begun, then the next one's, then this chunk's finished
            PreparedPasswords prepared = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                PreparedPasswords current = PreparedPasswords.start(passwords, none, hasher, true);
                PreparedPasswords.start(List.of(Password.plain("three-3")), Arrays.asList((String) null), hasher,
                        true);
                return current.finish(none);
            });

            String first = prepared.hash(0, (Password.Plain) passwords.get(0));
            assertThat(prepared.hash(0, (Password.Plain) passwords.get(0))).isEqualTo(first); // hashed already
            assertThat(MoodlePasswordHasher.matches("one-1", first)).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aDryRunChecksStoredPasswordsButHashesNothingAhead() {
        String kept = hasher.hash("same-as-before");
        List<Password> passwords = List.of(Password.plain("same-as-before"), Password.plain("brand-new"));
        List<String> stored = Arrays.asList(kept, null);

        PreparedPasswords prepared = PreparedPasswords.prepare(passwords, stored, hasher, false);

        assertThat(prepared.matchesStored(0, (Password.Plain) passwords.get(0), kept)).isTrue();
        Password.Plain brandNew = (Password.Plain) passwords.get(1);
        // not hashed ahead: each ask makes a hash of its own, with a salt of its own
        assertThat(prepared.hash(1, brandNew)).isNotEqualTo(prepared.hash(1, brandNew));
    }
}
