package org.moodlesync.jooq.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
