package org.moodlesync.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.moodlesync.jooq.database.DatabaseProblems;

/**
 * Turns a fatal failure into the one sentence the command line prints — the library's own sentence
 * ({@link DatabaseProblems}: unknown host, connection refused, authentication failed, unknown database, no such
 * file, …) — and never a password: the flags', config.php's, the environment's and any URL's are masked.
 */
final class FailureMessages {

    /** Passwords met while connecting (config.php's, the environment's), scrubbed from every message. */
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private FailureMessages() {
    }

    /** Remembers a password to scrub from messages. */
    static void secret(String password) {
        if (password != null && !password.isEmpty()) {
            SEEN.add(password);
        }
    }

    /** The passwords inside a URL: {@code user:pw@} and {@code password=pw}. */
    static List<String> passwordsInUrl(String url) {
        return DatabaseProblems.passwordsIn(url);
    }

    /** The sentence for a failure, scrubbed of every password known here. */
    static String sentence(Throwable e, String url, String... passwords) {
        return scrub(DatabaseProblems.explain(e, url).message(), passwords);
    }

    /** Removes passwords: these literal ones, the environment's, and any {@code user:pw@} or {@code password=…}. */
    static String scrub(String text, String... passwords) {
        List<String> secrets = new ArrayList<>(List.of(passwords == null ? new String[0] : passwords));
        secrets.add(System.getenv("MOODLE_SYNC_DB_PASSWORD"));
        secrets.addAll(SEEN);
        return DatabaseProblems.mask(text, secrets.toArray(String[]::new));
    }
}
