package org.moodlesync.jooq.internal.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.moodlesync.api.site.PasswordPeppers;

/**
 * Hashes passwords as Moodle 4.3 and later do: SHA-512 crypt of the clear text with the site's newest pepper appended
 * ({@code $CFG->passwordpeppers}, none by default), {@code $6$rounds=10000$<16-char salt>$<hash>}
 * ({@code rounds=5000}, the "fast hash" of Moodle's bulk upload, on request). PHP's {@code password_verify}
 * accepts these hashes, so users log in with them. Thread-safe.
 */
public final class MoodlePasswordHasher {

    /** Rounds Moodle uses for a normal hash. */
    public static final int ROUNDS = 10_000;
    /** Rounds of Moodle's bulk "fast hash". */
    public static final int FAST_ROUNDS = 5_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int rounds;
    private final PasswordPeppers peppers;

    private MoodlePasswordHasher(int rounds, PasswordPeppers peppers) {
        this.rounds = rounds;
        this.peppers = peppers;
    }

    /** What a stored hash says of a clear-text password, as Moodle's {@code validate_internal_user_password}. */
    public enum Check {
        /** It is the hash of the password with the site's newest pepper: nothing to change. */
        CURRENT,
        /**
         * It is the hash of the password without a pepper or with an older one: Moodle lets the user log in and then
         * re-hashes with the newest pepper, as moodle-sync does.
         */
        OLDER_PEPPER,
        /** It is not the password's hash, or of a kind moodle-sync does not verify (bcrypt, MD5). */
        NO_MATCH
    }

    /** The normal hasher ({@code rounds=10000}) of a site without peppers. */
    public static MoodlePasswordHasher standard() {
        return standard(PasswordPeppers.none());
    }

    /** Moodle's bulk "fast hash" ({@code rounds=5000}) of a site without peppers. */
    public static MoodlePasswordHasher fast() {
        return fast(PasswordPeppers.none());
    }

    /** The normal hasher ({@code rounds=10000}) of a site with these peppers. */
    public static MoodlePasswordHasher standard(PasswordPeppers peppers) {
        return new MoodlePasswordHasher(ROUNDS, peppers);
    }

    /** Moodle's bulk "fast hash" ({@code rounds=5000}) of a site with these peppers. */
    public static MoodlePasswordHasher fast(PasswordPeppers peppers) {
        return new MoodlePasswordHasher(FAST_ROUNDS, peppers);
    }

    /** A new hash of a clear-text password, with a random salt and the newest pepper. */
    public String hash(String clearText) {
        return hash(clearText, newSalt());
    }

    /** The hash of a clear-text password with a given 16-character salt and the newest pepper (test vectors). */
    public String hash(String clearText, String salt) {
        return Sha2Crypt.sha512Crypt((clearText + peppers.current()).getBytes(StandardCharsets.UTF_8),
                "$6$rounds=" + rounds + "$" + salt);
    }

    /**
     * Checks a clear-text password against a stored hash as Moodle's login does: with no pepper, then with each of
     * the site's peppers, newest first.
     */
    public Check check(String clearText, String storedHash) {
        if (matches(clearText + peppers.current(), storedHash)) {
            return Check.CURRENT;
        }
        for (String pepper : peppers.candidates()) {
            if (!pepper.equals(peppers.current()) && matches(clearText + pepper, storedHash)) {
                return Check.OLDER_PEPPER;
            }
        }
        return Check.NO_MATCH;
    }

    /**
     * Whether a clear text (a password with its pepper, if any) matches a stored SHA-512 crypt hash. Other hash kinds
     * (bcrypt, legacy MD5) answer false: the caller then stores a new hash, which Moodle accepts as well.
     */
    public static boolean matches(String clearText, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$6$")) {
            return false;
        }
        String computed = Crypt.crypt(clearText.getBytes(StandardCharsets.UTF_8), storedHash);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Moodle's salt: the first 16 characters of base64 of 16 random bytes, {@code +} replaced by {@code .}. */
    static String newSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 16).replace('+', '.');
    }
}
